/* The admin's editors (pages and snippets): Enter in a one-line box never sends the form.
 *
 * For officers who may publish, the editor's first button is "Publish" (one clear way to
 * publish, boardhub/consultations/action_menu.py), and a browser sends a form with its first
 * button when someone presses Enter in a one-line box: Enter would publish by accident.
 * Officers send the form with its buttons (or Ctrl+S / Cmd+S to save a draft). Text areas,
 * the rich text editor and widgets that use Enter themselves are left alone.
 */
(function () {
  "use strict";
  var SENDS_ITSELF = ["button", "submit", "reset", "image"];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.defaultPrevented || event.isComposing) {
      return;
    }
    var field = event.target;
    if (!(field instanceof HTMLInputElement) || SENDS_ITSELF.indexOf(field.type) !== -1) {
      return;
    }
    if (field.form && field.form.hasAttribute("data-edit-form")) {
      event.preventDefault();
    }
  });
})();
