// Keep a running import's numbers current: poll its progress endpoint every 1.5 s,
// write the figures into the page, and reload once the run has ended (to show the
// report link and any message). Without JavaScript the page refreshes itself instead.
(function () {
  "use strict";
  var panel = document.querySelector("[data-import-run][data-in-progress]");
  if (!panel) {
    return;
  }
  var url = panel.getAttribute("data-progress-url");
  var bar = panel.querySelector("progress");

  function show(progress) {
    panel.querySelectorAll("[data-field]").forEach(function (element) {
      var name = element.getAttribute("data-field");
      if (Object.prototype.hasOwnProperty.call(progress, name)) {
        element.textContent = String(progress[name]);
      }
    });
    bar.value = progress.percent;
    bar.textContent = progress.percent + " %";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        show(progress);
        if (progress.in_progress) {
          window.setTimeout(poll, 1500);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1500);
})();
