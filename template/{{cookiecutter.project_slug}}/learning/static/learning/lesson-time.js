// Reports active learning time on a lesson page every 30 seconds.
// Time counts only while the tab is visible and the learner has interacted in the last
// five minutes, so an idle or background tab earns nothing; the server caps it again.
(function () {
  "use strict";
  var lesson = document.querySelector("[data-time-url]");
  if (!lesson || !window.fetch) return;
  var url = lesson.getAttribute("data-time-url");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
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
    var body = JSON.stringify({ seconds: seconds });
    fetch(url, {
      method: "POST",
      body: body,
      keepalive: !!useBeacon,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" }
    }).catch(function () { /* a lost heartbeat only loses its seconds */ });
  }

  setInterval(tick, 1000);
  setInterval(function () { report(false); }, REPORT_EVERY_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") report(true);
  });
})();
