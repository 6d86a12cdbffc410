// While an evidence pack is built, read its page again every few seconds and show the new
// progress in place (the region is aria-live="polite"). Without scripts the page offers a
// link to do the same.
(function () {
    "use strict";
    var WAIT_MS = 4000;

    function check(region) {
        fetch(region.dataset.packProgress, { credentials: "same-origin" })
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var found = new DOMParser().parseFromString(html, "text/html").getElementById("pack-status");
                if (!found) { return; }
                region.innerHTML = found.innerHTML;
                if (found.dataset.packProgress) {
                    window.setTimeout(function () { check(region); }, WAIT_MS);
                } else {
                    delete region.dataset.packProgress;
                }
            })
            .catch(function () { /* the link still works */ });
    }

    var region = document.getElementById("pack-status");
    if (region && region.dataset.packProgress) {
        window.setTimeout(function () { check(region); }, WAIT_MS);
    }
})();
