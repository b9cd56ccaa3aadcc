// After a refused form, move the focus to the error summary (screen readers read it out);
// otherwise to an element the page marks with data-focus-on-load (e.g. the result of an action).
(function () {
  var target = document.getElementById("error-summary") || document.querySelector("[data-focus-on-load]");
  if (target) { target.focus(); }
})();
