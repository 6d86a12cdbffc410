// Warn someone answering a consultation before their sign-in runs out, and let them keep it
// (WCAG 2.2.1 Timing Adjustable). Loaded only on consultation forms, only when signed in.
// Without this file nothing breaks: if the sign-in does run out, the server keeps the answers
// they send and gives them back after they sign in again.
(function () {
    "use strict";

    var WARN_BEFORE_SECONDS = 120;
    var LONGEST_TIMER_MS = 2147483647; // setTimeout's limit (about 24 days)

    function later(callback, ms) {
        if (ms > LONGEST_TIMER_MS) {
            return window.setTimeout(function () {
                later(callback, ms - LONGEST_TIMER_MS);
            }, LONGEST_TIMER_MS);
        }
        return window.setTimeout(callback, Math.max(ms, 0));
    }

    function inWords(seconds) {
        var minutes = Math.round(seconds / 60);
        if (minutes < 120) {
            return minutes === 1 ? "1 minute" : minutes + " minutes";
        }
        var hours = Math.round(minutes / 60);
        if (hours < 48) {
            return hours + " hours";
        }
        return Math.round(hours / 24) + " days";
    }

    function element(tag, className, text) {
        var made = document.createElement(tag);
        if (className) {
            made.className = className;
        }
        if (text) {
            made.textContent = text;
        }
        return made;
    }

    function setUp(form) {
        var seconds = parseInt(form.getAttribute("data-session-seconds"), 10);
        var url = form.getAttribute("data-keep-signed-in-url");
        var tokenField = form.querySelector("input[name='csrfmiddlewaretoken']");
        if (!seconds || !url || !tokenField) {
            return;
        }
        var warnTimer = null;
        var endTimer = null;
        var region = null;

        function removeRegion() {
            if (region && region.parentNode) {
                region.parentNode.removeChild(region);
            }
            region = null;
        }

        // One message at a time, just before the form, with focus moved to it.
        function show(title, text, withButton) {
            removeRegion();
            region = element("div", "session-timeout callout");
            region.setAttribute("role", withButton ? "alertdialog" : "alert");
            region.setAttribute("aria-labelledby", "session-timeout-title");
            region.setAttribute("aria-describedby", "session-timeout-text");
            region.setAttribute("tabindex", "-1");
            var heading = element("h2", "callout__title heading-m", title);
            heading.id = "session-timeout-title";
            var body = element("p", "", text);
            body.id = "session-timeout-text";
            region.appendChild(heading);
            region.appendChild(body);
            var button = null;
            if (withButton) {
                button = element("button", "button", "Stay signed in");
                button.type = "button";
                button.addEventListener("click", staySignedIn);
                region.appendChild(button);
            }
            form.parentNode.insertBefore(region, form);
            (button || region).focus();
        }

        function start(lifetime) {
            window.clearTimeout(warnTimer);
            window.clearTimeout(endTimer);
            warnTimer = later(warn, (lifetime - WARN_BEFORE_SECONDS) * 1000);
            endTimer = later(ended, lifetime * 1000);
        }

        function warn() {
            show(
                "You will be signed out soon",
                "To keep your account safe, we will sign you out in 2 minutes. " +
                    "Choose “Stay signed in” to keep answering. What you have typed stays here.",
                true
            );
        }

        function ended() {
            show(
                "You have been signed out",
                "Your answers are still here. When you go on, we will ask you to sign in " +
                    "again. Then we will give you back your answers.",
                false
            );
        }

        function staySignedIn() {
            fetch(url, {
                method: "POST",
                credentials: "same-origin",
                redirect: "manual",
                headers: { "X-CSRFToken": tokenField.value }
            })
                .then(function (response) {
                    if (response.status !== 204) {
                        throw new Error("not signed in");
                    }
                    start(seconds);
                    show(
                        "You are still signed in",
                        "You have another " + inWords(seconds) + " to finish your answers.",
                        false
                    );
                    region.setAttribute("role", "status");
                })
                .catch(ended);
        }

        start(seconds);
    }

    function init() {
        document.querySelectorAll("form[data-session-timeout]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
