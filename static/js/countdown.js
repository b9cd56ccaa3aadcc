// Live countdown to a deadline; the server-rendered text stays for users without JavaScript.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "pl";
  var words = lang === "pl"
    ? { left: "zostało", d: "dni", h: "godz.", m: "min", s: "s", over: "termin minął" }
    : { left: "left", d: "days", h: "h", m: "min", s: "s", over: "deadline passed" };
  function render(el) {
    var ms = new Date(el.dataset.deadline) - new Date();
    if (isNaN(ms)) { return; }
    if (ms <= 0) { el.textContent = words.over; return; }
    var s = Math.floor(ms / 1000);
    var d = Math.floor(s / 86400); s -= d * 86400;
    var h = Math.floor(s / 3600); s -= h * 3600;
    var m = Math.floor(s / 60); s -= m * 60;
    el.textContent = words.left + " " + (d ? d + " " + words.d + " " : "") + h + " " + words.h + " " + m + " " + words.m + (d ? "" : " " + s + " " + words.s);
  }
  var els = document.querySelectorAll(".countdown[data-deadline]");
  els.forEach(render);
  if (els.length) { setInterval(function () { els.forEach(render); }, 1000); }
})();
