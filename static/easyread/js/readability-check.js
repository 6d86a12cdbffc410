/*
 * The easy-read check in the guide editor, run as the officer writes.
 *
 * A short while after they stop typing (or add, move or remove a block), the whole edit form
 * is posted to the check view, which reads it as saving would, saves nothing, and sends back
 * the problems as HTML for the panel. The status line is a live region: screen readers hear
 * the number of problems when it changes, not the whole list on every key press.
 *
 * Without this file the panel still shows the problems of the last saved version.
 */
(function () {
  "use strict";

  var WAIT_MS = 1000;

  function start(panel) {
    var form = panel.closest("form");
    var results = panel.querySelector("[data-easyread-check-results]");
    var status = panel.querySelector("[data-easyread-check-status]");
    if (!form || !results || !status) {
      return;
    }
    var timer = null;
    var latest = 0;

    function check() {
      var asked = ++latest;
      fetch(panel.dataset.checkUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("The check did not answer: " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          if (asked !== latest) {
            return; // a newer check is on its way
          }
          results.innerHTML = answer.html; // escaped by the server's template
          if (status.textContent.trim() !== answer.status) {
            status.textContent = answer.status;
          }
        })
        .catch(function () {
          // Keep the last results: the check runs again on the next change, and on publish.
        });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, WAIT_MS);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // Adding, moving and removing blocks, or choosing a picture, change the body without
    // typing. Only the body is watched: the rest of the editor changes for other reasons.
    var bodyCount = form.querySelector('input[name="body-count"]');
    if (bodyCount && window.MutationObserver) {
      new MutationObserver(later).observe(bodyCount.parentElement, {
        childList: true,
        subtree: true,
      });
    }
  }

  function startAll() {
    document.querySelectorAll("[data-easyread-check]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
