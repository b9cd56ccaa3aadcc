// A live count under every text field with a limit (core/limits.py sets data-limit and the
// maxlength attribute; the hint "maks. N znaków" is in the field's help text, so the page says
// the limit without JavaScript too). The count is visual only: a screen reader hears the hint.
(function () {
  "use strict";
  function counted(field) { return field.value.replace(/\r\n/g, "\n").length; }
  function attach(field) {
    if (field.hasAttribute("data-limit-counter")) { return; }
    field.setAttribute("data-limit-counter", "");
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var out = document.createElement("div");
    out.className = "form-text text-end small";
    out.setAttribute("aria-hidden", "true");
    field.insertAdjacentElement("afterend", out);
    function update() {
      var n = counted(field);
      out.textContent = n + " / " + limit;
      out.classList.toggle("text-danger", n > limit);
      out.classList.toggle("fw-semibold", n >= limit);
    }
    field.addEventListener("input", update);
    update();
  }
  function scan(root) { Array.prototype.forEach.call(root.querySelectorAll("[data-limit]"), attach); }
  scan(document);
  // rows added without a reload (offer_form.js) bring new fields
  new MutationObserver(function () { scan(document); }).observe(document.body, { childList: true, subtree: true });
})();
