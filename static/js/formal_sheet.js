// Confirming uses the saved answers: after an unsaved change, say so and hold the button back.
(function () {
  var form = document.getElementById("answers-form");
  var button = document.getElementById("confirm-button");
  var note = document.getElementById("unsaved");
  if (!form || !button || !note) { return; }
  function changed() { button.disabled = true; note.classList.remove("d-none"); }
  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
})();
