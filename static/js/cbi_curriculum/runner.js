// The session runner: saves each roster mark as it is made, keeps unsent marks in
// localStorage and retries them, and runs the session clock. Without this script the
// per-row forms still post normally.
(function () {
  "use strict";
  var root = document.querySelector("[data-cbi-runner]");
  if (!root) return;
  var text = root.dataset;
  var saveUrl = root.dataset.saveUrl;
  var storageKey = "cbi-runner-queue-" + root.dataset.session;
  var csrfInput = root.querySelector("input[name=csrfmiddlewaretoken]");
  var csrf = csrfInput ? csrfInput.value : "";
  var sync = root.querySelector("[data-sync]");
  var queue = load();
  var flushing = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storageKey)) || {}; } catch (e) { return {}; }
  }
  function persist() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(queue)); } catch (e) { /* storage full or blocked: the in-memory queue still retries */ }
  }
  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (window.crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // Arrival and leaving times are wall-clock times of the program's time zone, whatever
  // the device is set to.
  function nowClock() {
    try {
      return new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: root.dataset.timeZone
      }).format(new Date());
    } catch (e) {
      var d = new Date();
      return pad(d.getHours()) + ":" + pad(d.getMinutes());
    }
  }
  function rowFor(pid) { return root.querySelector('form.cbi-mark[data-participant="' + pid + '"]'); }

  function setState(pid, state, message) {
    var row = rowFor(pid);
    if (!row) return;
    row.dataset.saveState = state;
    row.querySelector("[data-state]").textContent = message;
  }

  function showDetails(row) {
    var checked = row.querySelector("input[name=status]:checked");
    var status = checked ? checked.value : "";
    row.querySelectorAll("[data-when]").forEach(function (label) {
      label.hidden = label.dataset.when !== status;
    });
  }

  function collect(row) {
    var checked = row.querySelector("input[name=status]:checked");
    if (!checked) return null;
    return {
      participant: row.dataset.participant,
      status: checked.value,
      arrived_at: row.querySelector("input[name=arrived_at]").value,
      left_at: row.querySelector("input[name=left_at]").value,
      minutes: row.querySelector("input[name=minutes]").value,
      homework_done: row.querySelector("input[name=homework_done]").checked,
      note: row.querySelector("input[name=note]").value,
      mark_id: newId(),
      marked_at: new Date().toISOString()
    };
  }

  function updateSummary() {
    var waiting = Object.keys(queue).length;
    if (!sync) return;
    if (waiting) {
      sync.textContent = waiting + " " + text.textQueue + (navigator.onLine ? "" : " · " + text.textOffline);
      sync.dataset.pending = "true";
    } else {
      sync.textContent = text.textAllSaved;
      sync.dataset.pending = "false";
    }
  }

  function enqueue(row) {
    var mark = collect(row);
    if (!mark) return;
    queue[mark.participant] = mark; // each mark carries the row's whole state: the latest wins
    persist();
    setState(mark.participant, "pending", text.textPending);
    updateSummary();
    flush();
  }

  function flush() {
    if (flushing) return;
    var ids = Object.keys(queue);
    if (!ids.length) { updateSummary(); return; }
    flushing = true;
    var pid = ids[0];
    var mark = queue[pid];
    setState(pid, "saving", text.textSaving);
    fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify(mark)
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
      if (response.ok && !isJson) {
        // Redirected to the sign-in page: the sign-in expired. Keep the mark for later.
        setState(pid, "pending", text.textSignIn);
        return false;
      }
      if (response.ok) {
        return response.json().then(function (body) {
          if (!body.saved) { setState(pid, "pending", text.textPending); return false; }
          if (queue[pid] && queue[pid].mark_id === mark.mark_id) delete queue[pid];
          persist();
          setState(pid, queue[pid] ? "pending" : "saved", queue[pid] ? text.textPending : text.textSaved);
          return true;
        });
      }
      // Refused for what it says (bad input, a closed session): retrying cannot help, so the
      // mark leaves the queue with the server's reason. Sign-in, CSRF (403), timeouts and
      // rate limits are retried.
      var final = response.status >= 400 && response.status < 500 &&
        [401, 403, 408, 429].indexOf(response.status) === -1;
      if (final) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          delete queue[pid];
          persist();
          setState(pid, "error", body.error || "");
          return true;
        });
      }
      setState(pid, "pending", text.textPending);
      return false;
    }).catch(function () {
      setState(pid, "pending", text.textPending);
      return false;
    }).then(function (progressed) {
      flushing = false;
      updateSummary();
      if (progressed) flush();
    });
  }

  root.querySelectorAll("form.cbi-mark").forEach(function (row) {
    var queued = queue[row.dataset.participant];
    if (queued) {
      // A mark from before a reload that never reached the server: show it and keep retrying.
      row.querySelectorAll("input[name=status]").forEach(function (r) { r.checked = r.value === queued.status; });
      row.querySelector("input[name=arrived_at]").value = queued.arrived_at || "";
      row.querySelector("input[name=left_at]").value = queued.left_at || "";
      row.querySelector("input[name=minutes]").value = queued.minutes || "";
      row.querySelector("input[name=homework_done]").checked = !!queued.homework_done;
      row.querySelector("input[name=note]").value = queued.note || "";
      setState(row.dataset.participant, "pending", text.textPending);
    }
    showDetails(row);
    row.addEventListener("change", function (event) {
      if (event.target.name === "status") {
        var arrived = row.querySelector("input[name=arrived_at]");
        var left = row.querySelector("input[name=left_at]");
        if (event.target.value === "late" && !arrived.value) arrived.value = nowClock();
        if (event.target.value === "left_early" && !left.value) left.value = nowClock();
        showDetails(row);
      }
      enqueue(row);
    });
    row.addEventListener("submit", function (event) { event.preventDefault(); enqueue(row); });
  });

  var closeForm = root.querySelector("[data-close-form]");
  if (closeForm) {
    closeForm.addEventListener("submit", function (event) {
      if (Object.keys(queue).length) {
        event.preventDefault();
        var warning = closeForm.querySelector("[data-close-warning]");
        warning.textContent = text.textWaitClose;
        warning.hidden = false;
        flush();
      }
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", updateSummary);
  window.setInterval(flush, 4000);
  updateSummary();
  flush();

  // The clock: time since the session was started, and whether the steps marked delivered
  // are ahead of or behind their planned minutes.
  var clock = root.querySelector("[data-clock]");
  var pace = root.querySelector("[data-pace]");
  var opened = root.dataset.openedAt ? new Date(root.dataset.openedAt) : null;
  if (clock && opened && !isNaN(opened)) {
    var steps = Array.prototype.slice.call(root.querySelectorAll(".cbi-step"));
    var tick = function () {
      var seconds = Math.max(0, Math.floor((Date.now() - opened.getTime()) / 1000));
      var minutes = Math.floor(seconds / 60);
      clock.textContent = pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60) + ":" + pad(seconds % 60);
      var plannedDone = 0;
      var current = null;
      steps.forEach(function (step) {
        var done = step.querySelector("[data-step-done]");
        if (done && done.checked) plannedDone += parseInt(step.dataset.stepMinutes, 10);
        else if (!current) current = step;
        step.classList.toggle("cbi-step-current", step === current);
      });
      var diff = minutes - plannedDone;
      if (current) {
        var over = minutes - plannedDone - parseInt(current.dataset.stepMinutes, 10);
        diff = over > 0 ? over : Math.min(0, minutes - plannedDone);
      }
      if (diff > 0) { pace.textContent = diff + " " + text.textBehind; pace.className = "cbi-clock-pace badge badge-bad"; }
      else if (diff < 0) { pace.textContent = -diff + " " + text.textAhead; pace.className = "cbi-clock-pace badge badge-ok"; }
      else { pace.textContent = text.textOnTime; pace.className = "cbi-clock-pace badge badge-ok"; }
    };
    tick();
    window.setInterval(tick, 1000);
  }
})();
