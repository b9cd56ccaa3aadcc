/* The warning before a logged-in session ends (WCAG 2.1, 2.2.1 "timing adjustable").
 *
 * The page knows how long its session has left (data-seconds-left, core/session_time.py). Shortly
 * before the end (data-warn-before seconds) it asks the server again, since another tab may have
 * renewed the session; if the end is still near, a modal dialog counts down and offers "Extend the
 * session" (one action) or logging out. When the session has ended the dialog stays: what was typed
 * stays in the page, the user logs in again in a new tab and presses "Continue", which fetches the
 * new session's form token and puts it into every form of the page, so the form can be sent.
 */
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var status = document.getElementById("session-timeout-status");
  var warnBefore = parseInt(dialog.dataset.warnBefore, 10) * 1000;
  var deadline = Date.now() + parseInt(dialog.dataset.secondsLeft, 10) * 1000;
  var warnTimer = null;
  var tick = null;

  function say(text) {
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function csrf() {
    return dialog.dataset.csrf || "";
  }

  function request(url, method) {
    var options = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (method === "POST") {
      options.headers["X-CSRFToken"] = csrf();
    }
    return fetch(url, options).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    }).then(function (state) {
      if (state.csrf) {
        dialog.dataset.csrf = state.csrf;
      }
      return state;
    });
  }

  function minutes(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function show(state) {
    dialog.querySelectorAll("[data-state]").forEach(function (part) {
      part.hidden = part.dataset.state !== state;
    });
    dialog.setAttribute("aria-labelledby", "session-timeout-" + state + "-title");
    dialog.setAttribute("aria-describedby", "session-timeout-" + state + "-text");
    if (!dialog.open) {
      dialog.showModal();
    }
    var first = dialog.querySelector(state === "warning" ? "[data-extend]" : "[data-login]");
    if (first) {
      first.focus();
    }
  }

  function close() {
    window.clearInterval(tick);
    tick = null;
    if (dialog.open) {
      dialog.close();
    }
  }

  function schedule() {
    window.clearTimeout(warnTimer);
    warnTimer = window.setTimeout(check, Math.max(0, deadline - warnBefore - Date.now()));
  }

  function secondsLeft() {
    return Math.max(0, Math.round((deadline - Date.now()) / 1000));
  }

  function update() {
    var left = secondsLeft();
    var shown = dialog.querySelector("[data-left]");
    if (shown) {
      shown.textContent = minutes(left);
    }
    if (left <= 0) {
      window.clearInterval(tick);
      tick = null;
      check();
    }
  }

  function countDown() {
    show("warning");
    if (!tick) {
      tick = window.setInterval(update, 1000);
    }
    update();
  }

  function expired() {
    window.clearInterval(tick);
    tick = null;
    show("expired");
  }

  /* Ask the server how long is left (asking renews nothing), then warn, wait or report the end. */
  function check() {
    request(dialog.dataset.statusUrl, "GET").then(function (state) {
      if (!state.authenticated) {
        expired();
        return;
      }
      deadline = Date.now() + state.seconds_left * 1000;
      if (state.seconds_left * 1000 > warnBefore + 5000) {
        close();
        schedule();
      } else {
        countDown();
      }
    }).catch(function () {
      /* No answer (offline): count down on the page's own clock. */
      if (secondsLeft() > 0) {
        countDown();
      } else {
        expired();
      }
    });
  }

  function renewForms(token) {
    document.querySelectorAll("input[name='csrfmiddlewaretoken']").forEach(function (input) {
      input.value = token;
    });
  }

  dialog.querySelector("[data-extend]").addEventListener("click", function () {
    request(dialog.dataset.extendUrl, "POST").then(function (state) {
      if (!state.authenticated) {
        expired();
        return;
      }
      deadline = Date.now() + state.seconds_left * 1000;
      close();
      schedule();
      say(dialog.dataset.extended || "");
    }).catch(expired);
  });

  dialog.querySelector("[data-continue]").addEventListener("click", function () {
    var notYet = dialog.querySelector("[data-not-yet]");
    request(dialog.dataset.statusUrl, "GET").then(function (state) {
      if (!state.authenticated) {
        notYet.hidden = false;
        return;
      }
      notYet.hidden = true;
      renewForms(state.csrf);
      deadline = Date.now() + state.seconds_left * 1000;
      close();
      schedule();
      say(dialog.dataset.renewed || "");
    }).catch(function () { notYet.hidden = false; });
  });

  /* Escape closes the warning; the clock goes on and the end is still reported. */
  dialog.addEventListener("cancel", function () {
    window.clearInterval(tick);
    tick = null;
    window.clearTimeout(warnTimer);
    warnTimer = window.setTimeout(check, Math.max(0, deadline - Date.now()));
  });

  schedule();
})();
