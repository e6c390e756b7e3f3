// Reports a learner's activity on a lesson page.
// On load it tells the server the lesson was opened, so "continue" comes back here: a
// POST, because merely fetching a page (a prefetch, a link preview) must not move it.
// While the course is unfinished it then reports active learning time every 30 seconds.
// Time counts only while the tab is visible and the learner has interacted in the last
// five minutes, so an idle or background tab earns nothing; the server caps it again.
(function () {
  "use strict";
  var lesson = document.querySelector("[data-visit-url]");
  if (!lesson || !window.fetch) return;
  var csrf = lesson.querySelector("input[name=csrfmiddlewaretoken]");

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST",
      body: body,
      keepalive: !!keepalive,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" }
    }).catch(function () { /* a lost report only loses what it reported */ });
  }

  post(lesson.getAttribute("data-visit-url"), "{}", false);

  var timeUrl = lesson.getAttribute("data-time-url");
  if (!timeUrl) return;
  var IDLE_AFTER_MS = 5 * 60 * 1000;
  var REPORT_EVERY_MS = 30 * 1000;
  var lastInteraction = Date.now();
  var activeMs = 0;
  var lastTick = Date.now();

  ["mousemove", "keydown", "scroll", "touchstart", "play"].forEach(function (name) {
    document.addEventListener(name, function () { lastInteraction = Date.now(); }, { passive: true, capture: true });
  });

  function tick() {
    var now = Date.now();
    if (document.visibilityState === "visible" && now - lastInteraction < IDLE_AFTER_MS) {
      activeMs += now - lastTick;
    }
    lastTick = now;
  }

  function report(useBeacon) {
    tick();
    var seconds = Math.min(120, Math.round(activeMs / 1000));
    if (seconds < 1) return;
    activeMs = 0;
    post(timeUrl, JSON.stringify({ seconds: seconds }), useBeacon);
  }

  setInterval(tick, 1000);
  setInterval(function () { report(false); }, REPORT_EVERY_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") report(true);
  });
})();
