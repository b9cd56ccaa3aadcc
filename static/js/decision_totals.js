// The Mayor's decision form (awards/templates/awards/decision.html): while amounts are typed,
// add them up per action and compare each total with the action's budget.
//
// Only a help: the page works without it and the server checks every amount again on saving.
// Loaded from a file, its words read from data-* attributes rendered by Django's {% trans %},
// so a Content-Security-Policy without 'unsafe-inline' does not break it.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var form = document.querySelector("form[data-decision-form]");
  var table = document.getElementById("checks");
  if (!form || !table) { return; }
  var text = table.dataset;
  var status = document.getElementById("checks-status");

  // An amount in grosze, as an integer; 0 when blank, null when it cannot be read.
  function grosze(value) {
    var s = String(value || "").replace(/[\s\u00a0\u202f]/g, "").replace(/zł$/, "");
    if (s.indexOf(",") !== -1 && s.indexOf(".") === -1) { s = s.replace(",", "."); }
    if (s === "") { return 0; }
    if (!/^-?\d+(\.\d{1,2})?$/.test(s)) { return null; }
    var parts = s.replace("-", "").split(".");
    var cents = parseInt(parts[0], 10) * 100 + (parts[1] ? parseInt((parts[1] + "0").slice(0, 2), 10) : 0);
    return s.charAt(0) === "-" ? -cents : cents;
  }

  // 6620000 -> "66 200,00 zł"
  function money(cents) {
    var sign = cents < 0 ? "-" : "";
    var abs = Math.abs(cents);
    var whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    var rest = String(abs % 100);
    return sign + whole + "," + (rest.length < 2 ? "0" + rest : rest) + " zł";
  }

  var lastAnnounced = {};

  function recompute() {
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-action]"), function (row) {
      var code = row.dataset.action;
      var budget = grosze(row.dataset.budget) || 0;
      var total = grosze(row.dataset.fixed) || 0;  // the saved amounts of the rows not on this page
      var unreadable = false;
      Array.prototype.forEach.call(form.querySelectorAll("input[data-amount-for]"), function (input) {
        if (input.dataset.amountFor !== code) { return; }
        var value = grosze(input.value);
        if (value === null) { unreadable = true; } else { total += value; }
      });
      row.querySelector("[data-total]").textContent = money(total);
      row.querySelector("[data-left]").textContent = money(budget - total);
      var cell = row.querySelector("[data-state]");
      cell.textContent = "";
      var over = total > budget;
      var words = over ? text.textOver + " " + money(total - budget) : text.textOk;
      if (unreadable) { words += "; " + text.textUnreadable; }
      if (over) {
        var strong = document.createElement("strong");
        strong.textContent = words;
        cell.appendChild(strong);
      } else {
        cell.textContent = words;
      }
      var state = (over ? "over" : "ok") + (unreadable ? "-unreadable" : "");
      if (status && lastAnnounced[code] !== undefined && lastAnnounced[code] !== state) {
        status.textContent = code + ": " + words;
      }
      lastAnnounced[code] = state;
    });
  }

  // A grant may not exceed what the offer requested for the action (the server refuses it too).
  function flagAboveRequested(input) {
    var flag = document.getElementById(input.id + "_above");
    if (!flag || input.dataset.requested === undefined) { return; }
    var requested = grosze(input.dataset.requested) || 0;
    var value = grosze(input.value);
    var above = value !== null && value > requested;
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== flag.id;
    });
    flag.hidden = !above;
    flag.textContent = above ? text.textAboveRequested.replace("{requested}", money(requested)) : "";
    if (above) {
      described.push(flag.id);
      input.setAttribute("aria-invalid", "true");
    } else if (!document.getElementById(input.id + "_error")) {
      input.removeAttribute("aria-invalid");
    }
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); } else { input.removeAttribute("aria-describedby"); }
    if (above && status && input.dataset.flagged !== "1") { status.textContent = flag.textContent; }
    input.dataset.flagged = above ? "1" : "";
  }

  form.addEventListener("input", function (event) {
    if (event.target.matches("input[data-amount-for]")) {
      recompute();
      flagAboveRequested(event.target);
    }
  });
  Array.prototype.forEach.call(form.querySelectorAll("input[data-amount-for]"), flagAboveRequested);
  recompute();
}());
