// Live countdown to a deadline. The server renders the remaining time, so the page reads
// correctly without JavaScript; this script only keeps it current.
//
// The words come from the <script> tag's data attributes, rendered by Django's {% trans %}
// (competition/includes/_countdown_script.html), so they live in the .po catalogue like
// every other string. Minutes are the resolution until the last hour, so the text changes
// at most once a minute for most of a call's life (WCAG 2.2.2); the element is not a live
// region, so screen readers are not interrupted.
(function () {
  "use strict";
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var lang = document.documentElement.lang || "pl";
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function dayWord(n) {
    var category = pluralRules ? pluralRules.select(n) : (n === 1 ? "one" : "many");
    if (category === "one") { return data.dayOne || "day"; }
    if (category === "few") { return data.dayFew || data.dayMany || "days"; }
    return data.dayMany || "days";
  }

  function remaining(ms) {
    var s = Math.floor(ms / 1000);
    var d = Math.floor(s / 86400); s -= d * 86400;
    var h = Math.floor(s / 3600); s -= h * 3600;
    var m = Math.floor(s / 60); s -= m * 60;
    var parts = [];
    if (d) { parts.push(d + "\u00a0" + dayWord(d)); }
    if (d || h) { parts.push(h + "\u00a0" + (data.hours || "h")); }
    parts.push(m + "\u00a0" + (data.minutes || "min"));
    if (!d && !h) { parts.push(s + "\u00a0" + (data.seconds || "s")); }
    return parts.join(" ");
  }

  function render(el) {
    var ms = new Date(el.getAttribute("data-deadline")) - new Date();
    if (isNaN(ms)) { return; }
    var text = ms <= 0 ? (data.over || "deadline passed") : (data.left || "{left} left").replace("{left}", remaining(ms));
    if (el.textContent !== text) { el.textContent = text; }
  }

  var els = Array.prototype.slice.call(document.querySelectorAll(".countdown[data-deadline]"));
  if (!els.length) { return; }
  els.forEach(render);
  setInterval(function () { els.forEach(render); }, 1000);
})();
