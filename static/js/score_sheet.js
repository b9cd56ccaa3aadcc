// A commission member's score sheet (evaluation/commission/member_sheet.html): the live sum,
// autosave while typing, and a copy on this device so nothing typed is lost.
//
// Without JavaScript the sheet works with ordinary POSTs ("Save draft", "Submit sheet"); this
// script only adds to it. Its words come from data-* attributes rendered by Django's {% trans %},
// so a Content-Security-Policy without 'unsafe-inline' does not break it.
//
// Autosave: 2 seconds after the last change the form is posted with the header X-Autosave: 1
// and the server saves a draft (never a submission). It answers JSON: 200 {ok, revision,
// saved_at}; 400 {errors} when a value cannot be read (nothing is saved, the status line says
// why); 401 when the session expired (posting the form without the header keeps everything for
// after the login); 403 when the sheet can no longer change; 409 when it was saved elsewhere.
// A server error or no network: what was typed stays, and the save is tried again after 2, 5,
// 15 and 30 seconds, then every 30 seconds. Never two saves at once.
//
// The copy on this device: every change is also kept in the browser's localStorage under the
// seat and the offer, and removed once the server has saved it. A page opened with such a copy
// (the browser closed, the session ended, the network failed) puts it back and says so.
(function () {
  "use strict";

  var form = document.querySelector("form[data-score-sheet]");
  if (!form) { return; }
  var text = form.dataset;
  var statusBox = document.getElementById("autosave-status");
  var alertBox = document.getElementById("autosave-alert");
  var restoredBox = document.getElementById("sheet-restored");
  var KEY = "portal:" + (text.storageKey || form.action);
  var DELAY = 2000;
  var RETRY_DELAYS = [2000, 5000, 15000, 30000];
  var failures = 0;
  var retrying = false;
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var stopped = false;
  var submitPending = false;
  var pendingSubmitter = null;
  var changedSinceSend = false;

  function each(selector, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  function setStatus(message) {
    if (statusBox) { statusBox.textContent = message; }
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    return el;
  }

  // --- the live sum ----------------------------------------------------------------------------

  function wholeNumber(value) { // null when blank or not a whole number
    var s = String(value || "").trim();
    return /^\d+$/.test(s) ? parseInt(s, 10) : null;
  }

  // A criterion's points so far: {value, complete}. A judgement criterion counts every part
  // typed within its range, and is complete when every part is; a scale criterion follows its count.
  function criterionPoints(box) {
    var kind = box.getAttribute("data-criterion");
    if (kind === "computed") {
      var fixed = box.getAttribute("data-points");
      return fixed === "" || fixed === null ? { value: null, complete: false } : { value: parseInt(fixed, 10), complete: true };
    }
    if (kind === "scale") {
      var count = wholeNumber((box.querySelector("input[name^='count-']") || {}).value);
      if (count === null) { return { value: null, complete: false }; }
      var points = 0;
      (box.getAttribute("data-steps") || "").split(",").forEach(function (step) {
        var pair = step.split(":");
        if (pair.length === 2 && count >= parseInt(pair[0], 10)) { points = parseInt(pair[1], 10); }
      });
      return { value: points, complete: true };
    }
    var sum = null;
    var complete = true;
    each("input[name^='part-']", function (input) {
      var value = wholeNumber(input.value);
      var low = parseInt(input.getAttribute("min"), 10);
      var high = parseInt(input.getAttribute("max"), 10);
      if (value === null || value < low || value > high) { complete = false; } else { sum = (sum || 0) + value; }
    }, box);
    return { value: sum, complete: complete };
  }

  function missingText(n) {
    if (!n) { return ""; }
    var category = "other";
    try { category = new Intl.PluralRules(document.documentElement.lang || "pl").select(n); } catch (e) { /* old browser */ }
    var template = form.getAttribute("data-missing-" + category) || form.getAttribute("data-missing-many") || "{n}";
    return template.replace("{n}", String(n));
  }

  function recompute() {
    var total = 0;
    var missing = 0;
    each("[data-criterion]", function (box) {
      var points = criterionPoints(box);
      var shown = box.querySelector("[data-criterion-points]");
      if (!points.complete) { missing += 1; }
      if (points.value !== null) { total += points.value; }
      if (shown && box.getAttribute("data-criterion") !== "computed") {
        var content = points.value === null ? "—" : String(points.value);
        if (shown.textContent !== content) { shown.textContent = content; }
      }
    }, form);
    var totalBox = form.querySelector("[data-live-total]");
    var missingBox = form.querySelector("[data-live-missing]");
    if (totalBox && totalBox.textContent !== String(total)) { totalBox.textContent = String(total); }
    if (missingBox) {
      var words = missingText(missing);
      if (missingBox.textContent !== words) { missingBox.textContent = words; }
    }
  }

  // --- the copy on this device -----------------------------------------------------------------

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "revision" &&
        (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "hidden" && el.type !== "submit"));
    });
  }

  function values() {
    var out = {};
    fields().forEach(function (el) { out[el.name] = el.value; });
    return out;
  }

  function keep() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), values: values() }));
    } catch (e) { /* storage full or disabled: the server copy is all there is */ }
  }

  function forget() {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
  }

  function kept() {
    try {
      var copy = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return copy && copy.values ? copy : null;
    } catch (e) {
      return null;
    }
  }

  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }

  function restore() {
    var copy = kept();
    if (!copy) { return false; }
    var differs = false;
    fields().forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(copy.values, el.name) && copy.values[el.name] !== el.value) {
        el.value = copy.values[el.name];
        differs = true;
      }
    });
    if (!differs) { forget(); return false; }
    if (restoredBox) {
      var when = new Date(copy.at);
      var time = twoDigits(when.getHours()) + ":" + twoDigits(when.getMinutes());
      restoredBox.textContent = "";
      restoredBox.appendChild(element("p", "mb-2", (text.textRestored || "").replace("{time}", time)));
      var discard = element("button", "btn btn-sm btn-outline-dark", text.textDiscard);
      discard.type = "button";
      discard.addEventListener("click", function () {
        stopped = true;
        clearTimeout(timer);
        forget();
        window.location.reload();
      });
      restoredBox.appendChild(discard);
      restoredBox.hidden = false;
    }
    return true;
  }

  // --- autosave ----------------------------------------------------------------------------------

  function showAlert(message, extra) {
    if (!alertBox) { return; }
    alertBox.textContent = "";
    alertBox.appendChild(element("p", "fw-semibold mb-1", message));
    (extra || []).forEach(function (el) { alertBox.appendChild(el); });
    alertBox.hidden = false;
  }

  function revisionInput() {
    return form.querySelector("input[name='revision']");
  }

  function handle(status, data) {
    if (status === 200 && data.ok) {
      var input = revisionInput();
      if (input) { input.value = data.revision; }
      if (!changedSinceSend) { forget(); }
      setStatus((text.textSaved || "{time}").replace("{time}", data.saved_at));
      return;
    }
    if (status === 401) {
      stopped = true;
      var login = element("button", "btn btn-primary", text.textLogin);
      login.type = "button";
      // The sheet has a button named "submit", which hides the form's own submit() method.
      login.addEventListener("click", function () { HTMLFormElement.prototype.submit.call(form); });
      showAlert(data.message, [login]);
      setStatus("");
      return;
    }
    if (status === 403 || status === 409) {
      stopped = true;
      var reload = element("a", "btn btn-outline-dark", text.textReload);
      reload.href = window.location.pathname;
      showAlert(data.message || "", [reload]);
      setStatus("");
      return;
    }
    if (status === 400 && data.errors) {
      setStatus(text.textInvalid + " " + data.errors.join(" "));
      return;
    }
    setStatus(text.textOffline);
  }

  function retryLater(response) {
    var header = response ? parseInt(response.headers.get("Retry-After"), 10) : NaN;
    var wait = Math.max(RETRY_DELAYS[Math.min(failures, RETRY_DELAYS.length - 1)],
      isNaN(header) || header < 0 ? 0 : Math.min(header, 30) * 1000);
    failures += 1;
    dirty = true;
    retrying = true;
    clearTimeout(timer);
    timer = setTimeout(save, wait);
    setStatus((text.textRetry || text.textOffline).replace("{seconds}", String(Math.round(wait / 1000))));
  }

  function submitNow(submitter) {
    if (form.requestSubmit) {
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    } else {
      HTMLFormElement.prototype.submit.call(form);
    }
  }

  function save() {
    timer = null;
    retrying = false;
    if (inFlight || stopped) { return; }
    dirty = false;
    changedSinceSend = false;
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
    if (stopped) { return; }
    dirty = true;
    if (retrying) { return; }
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  function changed() {
    recompute();
    if (stopped) { return; }
    changedSinceSend = true;
    keep();
    schedule();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", recompute);
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    timer = null;
    retrying = false;
    if (inFlight) { // wait for the autosave, so the page is posted with the newest revision
      event.preventDefault();
      submitPending = true;
      pendingSubmitter = event.submitter || null;
      return;
    }
    // The page is posted with everything typed: a refusal shows it again, an expired session
    // keeps it for after the login. The device's copy is no longer needed.
    forget();
  });

  if (restore()) {
    keep();
    schedule();
  }
  recompute();
})();
