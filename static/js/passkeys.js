// Security keys and passkeys: allauth's script (static/mfa/js/webauthn.js) asks the browser
// for the key, and only logs to the console when that fails. This says so on the page
// instead: the person cancelled, waited too long, or the browser cannot use keys.
(function () {
    "use strict";

    document.addEventListener("allauth.error", function (event) {
        var tags = (event.detail && event.detail.tags) || [];
        var problem = document.getElementById("passkey-problem");
        if (tags.indexOf("webauthn") === -1 || !problem) {
            return;
        }
        event.preventDefault();
        problem.hidden = false;
        problem.focus();
    });
})();
