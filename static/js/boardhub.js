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

    // The header's menu (templates/includes/header.html) is a <details>, which opens and
    // closes without this. Escape closes it and puts the focus back on its "Menu" button. A
    // browser without ::details-content cannot show a closed menu's links on a wide screen,
    // as the stylesheet does elsewhere, so there the menu is opened on wide screens instead.
    function enhanceSiteMenu() {
        var menu = document.querySelector("[data-site-menu]");
        if (!menu) {
            return;
        }
        var button = menu.querySelector("summary");
        menu.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.open && getComputedStyle(button).display !== "none") {
                menu.open = false;
                button.focus();
            }
        });
        if (window.CSS && CSS.supports && !CSS.supports("selector(::details-content)")) {
            var wide = window.matchMedia("(min-width: 40em)");
            var follow = function () {
                menu.open = wide.matches;
            };
            follow();
            wide.addEventListener("change", follow);
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        focusErrorSummary();
        linkErrorsToFields();
        enhanceSiteMenu();
    });
})();
