// Module page: forwards H5P statements from the sandboxed frames to the server (with the CSRF
// token, which the frames never see) and reports active learning time.
(function () {
  "use strict";
  var root = document.querySelector("[data-module-id]");
  if (!root || root.dataset.tracking !== "true") return;
  var moduleId = Number(root.dataset.moduleId);
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var heartbeatMs = Number(root.dataset.heartbeatSeconds) * 1000;
  var idleMs = Number(root.dataset.idleSeconds) * 1000;
  var lastInteraction = Date.now();
  var VERBS = ["answered", "completed", "passed", "failed", "interacted", "experienced"];
  var PREFIX = "http://adlnet.gov/expapi/verbs/";
  var SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId";
  var interactedOnce = {};

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function post(url, body, attempt) {
    attempt = attempt || 0;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.status >= 500 && attempt < 3) throw new Error("retry");
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).catch(function () {
      if (attempt >= 3) return { ok: false, status: 0, data: {} };
      return new Promise(function (resolve) {
        setTimeout(function () { resolve(post(url, body, attempt + 1)); }, 1000 * Math.pow(2, attempt));
      });
    });
  }

  function touch() { lastInteraction = Date.now(); }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, touch, { passive: true });
  });
  window.addEventListener("blur", function () {
    if (document.activeElement && document.activeElement.tagName === "IFRAME") touch();
  });

  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe[data-activity]"));
  window.addEventListener("message", function (event) {
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!frame || event.origin !== "null" || !event.data || typeof event.data !== "object") return;
    touch();
    if (event.data.type === "sector-h5p-height" && event.data.height > 0) {
      frame.style.height = Math.min(Number(event.data.height) + 8, 4000) + "px";
      return;
    }
    if (event.data.type === "sector-h5p-ready") {
      frame.setAttribute("data-ready", "true");
      return;
    }
    if (event.data.type !== "sector-h5p-xapi") return;
    var statement = event.data.statement || {};
    var verbId = (statement.verb && statement.verb.id) || "";
    var verb = verbId.indexOf(PREFIX) === 0 ? verbId.slice(PREFIX.length) : "";
    var extensions = (statement.object && statement.object.definition && statement.object.definition.extensions) || {};
    if (VERBS.indexOf(verb) < 0 || extensions[SUB_CONTENT]) return;
    var key = frame.dataset.activity;
    if (verb === "interacted" || verb === "experienced") {
      if (interactedOnce[key]) return;
      interactedOnce[key] = true;
    }
    delete statement.actor;
    statement.id = uuid();
    queue.push({ activity: key, statement: statement });
    if (queue.length >= BATCH) flush();
    else if (!flushTimer) flushTimer = setTimeout(flush, BATCH_WAIT_MS);
  });

  // Statements go in batches: one request for the several an interaction produces. Each has
  // its own id, so a batch sent again after a lost answer is stored once.
  var BATCH = 20;
  var BATCH_WAIT_MS = 600;
  var queue = [];
  var flushTimer = null;
  var sending = false;

  function show(key, saved) {
    var status = document.getElementById("status-" + key);
    if (status) status.textContent = saved ? status.dataset.saved : status.dataset.failed;
  }

  function flush() {
    clearTimeout(flushTimer);
    flushTimer = null;
    if (sending || !queue.length) return;
    sending = true;
    var batch = queue.splice(0, 50);
    post(root.dataset.statementUrl, { module: moduleId, statements: batch }).then(function (reply) {
      sending = false;
      var results = reply.data && reply.data.results;
      if (results) {
        results.forEach(function (result, i) { show(batch[i].activity, !result.error); });
      } else if (reply.status === 0 || reply.status >= 500) {
        queue = batch.concat(queue); // unreachable for now: keep them and try again later
        batch.forEach(function (item) { show(item.activity, false); });
        flushTimer = setTimeout(flush, 15000);
        return;
      } else {
        batch.forEach(function (item) { show(item.activity, false); });
      }
      if (queue.length) flush();
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  function beat() {
    if (document.visibilityState !== "visible") return;
    if (Date.now() - lastInteraction > idleMs) return;
    post(root.dataset.heartbeatUrl, { module: moduleId });
  }
  setInterval(beat, heartbeatMs);
})();
