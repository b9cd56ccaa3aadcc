/* The confirmation of an irreversible action (core/includes/_confirm.html).
   A submit button with data-confirm="<dialog id>" opens that dialog instead of posting; the
   dialog's confirming button ticks the hidden checkbox and posts the form with that button.
   Escape or Cancel closes the dialog and returns the focus to the button. Without <dialog>
   support nothing changes: the visible required checkbox confirms. */
(function () {
  "use strict";
  document.querySelectorAll("[data-confirm-check]").forEach(function (box) {
    var dialog = document.getElementById(box.getAttribute("data-confirm-check"));
    var check = box.querySelector("input[type='checkbox']");
    if (!dialog || !check || !check.form || typeof dialog.showModal !== "function") { return; }
    var form = check.form;
    var submitter = null;
    box.hidden = true;
    check.required = false;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (check.checked || !button || button.getAttribute("data-confirm") !== dialog.id) { return; }
      event.preventDefault();
      submitter = button;
      dialog.showModal();
      dialog.querySelector("[data-confirm-cancel]").focus();
    });
    dialog.querySelector("[data-confirm-cancel]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (!check.checked && submitter) { submitter.focus(); }
    });
    dialog.querySelector("[data-confirm-ok]").addEventListener("click", function () {
      check.checked = true;
      dialog.close();
      if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
    });
  });
})();
