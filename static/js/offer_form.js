// The offer form (offers/templates/offers/offer_step.html): autosave while typing, live totals
// of the costs, and rows added without a reload.
//
// Without JavaScript every step works with ordinary POSTs; this script only adds to it. It is
// loaded from a file and reads its words from data-* attributes rendered by Django's {% trans %},
// so a Content-Security-Policy without 'unsafe-inline' does not break it.
//
// Autosave: 2 seconds after the last change the step form is posted with the header
// X-Autosave: 1. The server answers JSON: 200 {ok, revision, saved_at, problems}; 409 when
// someone else changed the offer (the form keeps what was typed and autosave stops until the
// user decides); 403 after the deadline; 401 when the session expired (the server keeps the
// data for after the login); 400 when a field cannot be read. A server error or an overloaded
// portal (5xx, 503 with Retry-After) or no network: what was typed stays in the form and the save
// is tried again after 2, 5, 15 and 30 seconds, then every 30 seconds (longer if Retry-After
// says so, up to 30), the status line saying when. Never two saves at once.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary") || document.getElementById("conflict");
  if (summary) { summary.focus(); }

  var form = document.querySelector("form[data-offer-step]");
  if (!form) { return; }
  var text = form.dataset;
  var statusBox = document.getElementById("autosave-status");
  var alertBox = document.getElementById("autosave-alert");
  var autosaveOn = text.autosave === "on";
  var DELAY = 2000;
  var RETRY_DELAYS = [2000, 5000, 15000, 30000]; // then every 30 s
  var failures = 0;
  var retrying = false; // a retry is scheduled: typing does not bring it forward
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var stopped = false;
  var submitPending = false;
  var pendingSubmitter = null;

  Array.prototype.forEach.call(document.querySelectorAll(".no-js-only"), function (el) { el.hidden = true; });

  // --- numbers the Polish way: "1 234,50" and "1234.50" ------------------------------------

  // An amount (or a quantity) in hundredths, as an integer; 0 when blank, null when unreadable.
  function hundredths(value) {
    var s = String(value || "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    if (s === "") { return 0; }
    if (!/^\d+(\.\d{0,2})?$/.test(s)) { return null; }
    var parts = s.split(".");
    var cents = ((parts[1] || "") + "00").slice(0, 2);
    return parseInt(parts[0], 10) * 100 + parseInt(cents, 10);
  }

  function roundDiv(numerator, denominator) { // half up, non-negative numbers
    return Math.floor((numerator * 2 + denominator) / (denominator * 2));
  }

  function formatAmount(grosze) {
    var sign = grosze < 0 ? "-" : "";
    var abs = Math.abs(grosze);
    var whole = String(Math.floor(abs / 100));
    var cents = String(abs % 100);
    if (cents.length < 2) { cents = "0" + cents; }
    var groups = [];
    while (whole.length > 3) { groups.unshift(whole.slice(-3)); whole = whole.slice(0, -3); }
    groups.unshift(whole);
    return sign + groups.join(" ") + "," + cents;
  }

  function formatPercent(part, whole) {
    var h = whole ? roundDiv(part * 10000, whole) : 0; // hundredths of a per cent
    var cents = String(h % 100);
    if (cents.length < 2) { cents = "0" + cents; }
    return Math.floor(h / 100) + "," + cents + "%";
  }

  // --- live totals of the costs ------------------------------------------------------------

  var costs = document.querySelector("[data-costs]");
  var totalsTable = document.getElementById("totals");
  var SUMS = ["total", "grant", "own", "own_financial", "own_personal", "own_in_kind", "fees", "admin"];

  function field(row, name) {
    return row.querySelector("[name$='-" + name + "']");
  }

  function fieldValue(row, name) {
    var el = field(row, name);
    return el ? hundredths(el.value) : 0;
  }

  function emptySums() {
    var sums = {};
    SUMS.forEach(function (key) { sums[key] = 0; });
    return sums;
  }

  function rowSums(row) {
    var del = field(row, "DELETE");
    if (del && del.checked) { return null; }
    var q = fieldValue(row, "quantity");
    var c = fieldValue(row, "unit_cost");
    var out = row.querySelector("[data-row-total]");
    var mismatch = row.querySelector("[data-row-mismatch]");
    var names = ["grant", "own_financial", "own_personal", "own_in_kind", "recipient_fees"];
    var values = names.map(function (n) { return fieldValue(row, n); });
    if (q === null || c === null || values.indexOf(null) !== -1) {
      if (out) { out.textContent = "—"; }
      return null;
    }
    var total = roundDiv(q * c, 100); // hundredths × grosze / 100 = grosze
    if (out) { out.textContent = formatAmount(total); }
    var sources = values.reduce(function (a, b) { return a + b; }, 0);
    if (mismatch) { mismatch.hidden = sources === total; }
    var kind = field(row, "kind");
    return {
      total: total, grant: values[0], own_financial: values[1], own_personal: values[2], own_in_kind: values[3],
      own: values[1] + values[2] + values[3], fees: values[4],
      admin: kind && kind.value === "administrative" ? total : 0
    };
  }

  // Every place that shows a sum: the V.B table and the limits kept in view above it.
  function setCell(key, what, content, over) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sum='" + key + ":" + what + "']"), function (cell) {
      if (cell.textContent !== content) { cell.textContent = content; }
      if (over !== undefined) { flag(cell, over); }
    });
    if (over !== undefined) { marker(key + ":" + what, over); }
  }

  function flag(cell, over) {
    cell.classList.toggle("text-danger", over);
    if (cell.tagName === "TD") { cell.classList.toggle("fw-bold", over); }
  }

  function marker(name, over) { // the words "above the limit": not only a colour (WCAG 1.4.1)
    Array.prototype.forEach.call(document.querySelectorAll("[data-over='" + name + "']"), function (el) {
      el.hidden = !over;
    });
  }

  function limit(name) { // "0.9000" -> 9000 (hundredths of a per cent)
    var value = totalsTable ? parseFloat(totalsTable.getAttribute(name)) : NaN;
    return isNaN(value) ? null : Math.round(value * 10000);
  }

  function showSums(key, sums, budgetCell) {
    SUMS.forEach(function (what) { setCell(key, what, formatAmount(sums[what])); });
    var maxGrant = limit("data-max-grant-share");
    var maxAdmin = limit("data-max-admin-share");
    var grantOver = key === "all" && maxGrant !== null && sums.grant > 0 && sums.grant * 10000 > sums.total * maxGrant;
    // the call's rule: administrative costs as a share of the total, or of the actions' value without them
    var adminBase = totalsTable && totalsTable.getAttribute("data-admin-cost-base") === "actions"
      ? sums.total - sums.admin : sums.total;
    var adminOver = maxAdmin !== null && sums.admin > 0 && sums.admin * 10000 > adminBase * maxAdmin;
    setCell(key, "grant_share", formatPercent(sums.grant, sums.total), grantOver);
    setCell(key, "admin_share", formatPercent(sums.admin, adminBase), adminOver);
    if (budgetCell) {
      var budget = hundredths(budgetCell.getAttribute("data-budget"));
      var over = budget !== null && sums.grant > budget;
      Array.prototype.forEach.call(document.querySelectorAll("[data-sum='" + key + ":grant']"), function (cell) {
        flag(cell, over);
      });
      marker(key + ":budget", over);
    }
  }

  function recompute() {
    if (!costs) { return; }
    var all = emptySums();
    Array.prototype.forEach.call(costs.querySelectorAll("[data-cost-action]"), function (section) {
      var code = section.getAttribute("data-cost-action");
      var sums = emptySums();
      Array.prototype.forEach.call(section.querySelectorAll("[data-cost-row]"), function (row) {
        var line = rowSums(row);
        if (!line) { return; }
        SUMS.forEach(function (what) { sums[what] += line[what]; all[what] += line[what]; });
      });
      var budgetCell = totalsTable && totalsTable.querySelector("[data-sum='" + code + ":grant'][data-budget]");
      showSums(code, sums, budgetCell);
    });
    showSums("all", all, null);
  }

  // --- rows added without a reload -----------------------------------------------------------

  // A new row is built from the formset's empty form (a <template>); without JavaScript the
  // button is a submit button: the page is saved and comes back with one empty row.
  function addRow(prefix) {
    var box = document.getElementById(prefix + "-rows");
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = box.querySelector("template[data-row-template='" + prefix + "']");
    var rows = box.querySelector("[data-formset-rows]");
    var index = parseInt(total.value, 10);
    var most = box.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var button = box.querySelector("[data-add-row]");
    if (most && index >= parseInt(most.value, 10)) { // the table is full (docs/limits.md)
      if (button) { button.disabled = true; }
      return null;
    }
    // A table row parses only inside a table part: the holder is of the rows' own kind.
    var holder = document.createElement(rows.tagName === "TBODY" ? "tbody" : "div");
    var inner = template.content && template.content.querySelector("tbody"); // a table row's template holds a table
    var markup = inner ? inner.innerHTML : template.innerHTML;
    holder.innerHTML = markup.replace(/__prefix__/g, String(index)); // our own server-rendered markup
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var number = row.querySelector("[data-row-number]");
    if (number) { number.textContent = String(rows.children.length); }
    if (most && button && index + 1 >= parseInt(most.value, 10)) { button.disabled = true; }
    recompute();
    return row;
  }

  function firstField(row) {
    return row.querySelector("input:not([type=hidden]):not([readonly]), select, textarea");
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-add-row]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var row = addRow(button.getAttribute("data-add-row"));
      var first = row && firstField(row);
      if (first) { first.focus(); }
    });
  });

  // --- the costs table from the keyboard ------------------------------------------------------

  // Enter in a cost's field moves to the same column of the next cost (a new one after the
  // last), as in a spreadsheet; Tab still moves along the row. Enter never posts the page here.
  if (costs) {
    costs.addEventListener("keydown", function (event) {
      var el = event.target;
      if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (!el || el.tagName !== "INPUT" || el.type === "checkbox" || el.type === "submit") { return; }
      var row = el.closest("[data-cost-row]");
      if (!row) { return; }
      event.preventDefault();
      var column = el.name.replace(/^.*-/, "");
      var next = row.nextElementSibling;
      if (!next) {
        var box = row.closest("[data-formset]");
        next = box ? addRow(box.getAttribute("data-formset")) : null;
      }
      var target = next && (next.querySelector("[name$='-" + column + "']:not([readonly])") || firstField(next));
      if (target) { target.focus(); if (target.select) { target.select(); } }
    });
  }

  // The personal contribution is hours × the value of an hour, computed as they are typed.
  function personal(row) {
    var out = field(row, "own_personal");
    var hours = field(row, "personal_hours");
    var rate = field(row, "personal_rate");
    if (!out || !hours || !rate) { return; }
    var h = hundredths(hours.value);
    var r = hundredths(rate.value);
    if (hours.value.trim() === "" && rate.value.trim() === "") { out.value = ""; return; }
    out.value = h === null || r === null ? "" : formatAmount(roundDiv(h * r, 100));
  }

  // --- autosave ------------------------------------------------------------------------------

  function setStatus(message) {
    if (statusBox) { statusBox.textContent = message; }
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    return el;
  }

  function showAlert(message, items, extra) {
    if (!alertBox) { return; }
    alertBox.textContent = "";
    alertBox.appendChild(element("p", "fw-semibold mb-1", message));
    if (items && items.length) {
      var list = element("ul", "mb-2");
      items.forEach(function (item) { list.appendChild(element("li", "", item)); });
      alertBox.appendChild(list);
    }
    (extra || []).forEach(function (el) { alertBox.appendChild(el); });
    alertBox.hidden = false;
  }

  function revisionInput() {
    return form.querySelector("input[name='revision']");
  }

  function updateProblems(problems) {
    if (!problems) { return; }
    Object.keys(problems).forEach(function (section) {
      var item = document.querySelector("[data-nav-section='" + section + "']");
      if (!item) { return; }
      var badge = item.querySelector("[data-problem-count]");
      var label = item.querySelector("[data-problem-label]");
      if (badge) { badge.hidden = !problems[section].count; }
      if (label) { label.textContent = problems[section].label; }
    });
    var mine = problems[text.offerStep];
    var box = document.getElementById("section-problems");
    var list = document.querySelector("[data-section-problems]");
    if (mine && box && list) {
      list.textContent = "";
      mine.messages.forEach(function (message) { list.appendChild(element("li", "", message)); });
      box.hidden = !mine.messages.length;
    }
  }

  function lockForm() {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.type !== "hidden") { el.disabled = true; }
    });
  }

  function handle(status, data) {
    if (status === 200 && data.ok) {
      var input = revisionInput();
      if (input) { input.value = data.revision; }
      setStatus((text.textSaved || "{time}").replace("{time}", data.saved_at));
      updateProblems(data.problems);
      return;
    }
    if (status === 409) {
      stopped = true;
      setStatus("");
      var help = element("p", "mb-2", data.help || "");
      var actions = element("div", "d-flex flex-wrap gap-2");
      var reload = element("a", "btn btn-outline-dark", text.textReload);
      reload.href = window.location.pathname;
      var overwrite = element("button", "btn btn-warning", text.textOverwrite);
      overwrite.type = "button";
      overwrite.addEventListener("click", function () {
        var input = revisionInput();
        if (input) { input.value = data.revision; }
        var save = form.querySelector("button[name='save']");
        if (save) { save.click(); } else { form.submit(); }
      });
      actions.appendChild(reload);
      actions.appendChild(overwrite);
      showAlert(data.message, data.changes, [help, actions]);
      return;
    }
    if (status === 401) {
      stopped = true;
      // Posting the form without the autosave header lets the server keep all of it, including
      // what was typed after this answer, and send the user to the login page.
      var login = element("button", "btn btn-primary", text.textLogin);
      login.type = "button";
      login.addEventListener("click", function () { form.submit(); });
      showAlert(data.message, [], [login]);
      setStatus("");
      return;
    }
    if (status === 403) {
      stopped = true;
      showAlert(data.message, [], []);
      setStatus("");
      lockForm();
      return;
    }
    if (status === 400 && data.errors) {
      setStatus(text.textInvalid + " " + data.errors.join(" "));
      return;
    }
    setStatus(text.textOffline);
  }

  function submitNow(submitter) {
    if (form.requestSubmit) {
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    } else {
      form.submit();
    }
  }

  function retryAfter(response) { // the server's Retry-After in ms (seconds form only), capped at 30 s
    var seconds = response ? parseInt(response.headers.get("Retry-After"), 10) : NaN;
    return isNaN(seconds) || seconds < 0 ? 0 : Math.min(seconds, 30) * 1000;
  }

  function retryLater(response) {
    var wait = Math.max(RETRY_DELAYS[Math.min(failures, RETRY_DELAYS.length - 1)], retryAfter(response));
    failures += 1;
    dirty = true; // what was typed is not saved yet
    retrying = true;
    clearTimeout(timer);
    timer = setTimeout(save, wait);
    var message = text.textRetry || text.textOffline;
    setStatus(message.replace("{seconds}", String(Math.round(wait / 1000))));
  }

  function save() {
    timer = null;
    retrying = false;
    if (inFlight || stopped) { return; }
    dirty = false;
    inFlight = true;
    setStatus(text.textSaving);
    var headers = { "X-Autosave": "1", "Accept": "application/json" };
    var token = form.querySelector("input[name='csrfmiddlewaretoken']");
    if (token) { headers["X-CSRFToken"] = token.value; }
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: headers })
      .then(function (response) {
        if (response.status >= 500) { retryLater(response); return null; }
        failures = 0;
        return response.json()
          .catch(function () { return {}; })
          .then(function (data) { handle(response.status, data); });
      })
      .catch(function () { retryLater(null); })
      .then(function () {
        inFlight = false;
        if (submitPending) {
          submitPending = false;
          submitNow(pendingSubmitter);
          return;
        }
        if (dirty && !retrying) { schedule(); }
      });
  }

  function schedule() {
    if (!autosaveOn || stopped) { return; }
    dirty = true;
    if (retrying) { return; } // the scheduled retry saves this too
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  function changed(event) {
    if (event.target && event.target.name === "revision") { return; }
    var name = event.target && event.target.name || "";
    if (/-personal_(hours|rate)$/.test(name)) { personal(event.target.closest("[data-cost-row]")); }
    recompute();
    schedule();
  }

  form.addEventListener("input", changed);
  // A text field's "change" comes when it loses the focus, after its "input" events did the work:
  // recomputing again then (as a mouse press on "Save" takes the focus) only rewrote the figures
  // under the stuck limits, and Chromium scrolled the page before the release, losing the click.
  form.addEventListener("change", function (event) {
    if (event.target && event.target.tagName === "INPUT" && event.target.type === "text") { return; }
    changed(event);
  });
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    timer = null;
    retrying = false; // the page is posted with everything; if it is not sent, typing saves again
    if (inFlight) { // wait for the autosave, so the page is posted with the newest revision
      event.preventDefault();
      submitPending = true;
      pendingSubmitter = event.submitter || null;
    }
  });

  recompute();
})();
