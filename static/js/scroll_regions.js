/* A table wider than the screen scrolls sideways inside its wrapper. A keyboard user must be
   able to reach and scroll it (WCAG 2.1.1): such a wrapper becomes a focusable, named region;
   one that fits loses that again, so it adds no needless tab stop. */
(function () {
  "use strict";
  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (region) {
      var scrolls = region.scrollWidth > region.clientWidth + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        var caption = region.querySelector("caption");
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        if (caption && caption.textContent.trim()) {
          region.setAttribute("aria-label", caption.textContent.trim());
        }
        region.dataset.scrollRegion = "1";
      } else if (!scrolls && region.dataset.scrollRegion) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
        delete region.dataset.scrollRegion;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
