// BoardHub's small enhancements. Every page works without this file.
(function () {
    "use strict";

    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");

    // Move focus to the error summary, so screen reader users hear what went wrong first
    // (GOV.UK's error summary pattern).
    function focusErrorSummary() {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
    }

    // Links in the error summary move focus to the field itself, not just scroll to it,
    // and keep its label in view.
    function linkErrorsToFields() {
        document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
            link.addEventListener("click", function (event) {
                var field = document.getElementById(link.getAttribute("href").slice(1));
                if (!field) {
                    return;
                }
                event.preventDefault();
                var group = field.closest(".form-group");
                (group || field).scrollIntoView();
                field.focus({ preventScroll: true });
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        focusErrorSummary();
        linkErrorsToFields();
    });
})();
