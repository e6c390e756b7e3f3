// Keeps a campaign page's counters and leaderboards current by polling its JSON feed.
// No inline script: the page's element carries the feed's address and the interval.
(function () {
  "use strict";
  var root = document.getElementById("campaign-live");
  if (!root || !window.fetch) { return; }
  var url = root.getAttribute("data-standings-url");
  var every = Math.max(2, parseInt(root.getAttribute("data-refresh-seconds"), 10) || 5) * 1000;
  var lang = document.documentElement.lang || undefined;
  var whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var tenth = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function cell(tag, text, scope) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (scope) { node.setAttribute("scope", scope); }
    return node;
  }

  function fillBoard(body, rows) {
    var fresh = [];
    if (!rows.length) {
      var empty = document.createElement("tr");
      var note = cell("td", body.getAttribute("data-empty-text"));
      note.setAttribute("colspan", "4");
      empty.appendChild(note);
      fresh.push(empty);
    }
    rows.forEach(function (row, index) {
      var line = document.createElement("tr");
      line.appendChild(cell("td", whole.format(index + 1)));
      line.appendChild(cell("th", row.name, "row"));
      line.appendChild(cell("td", whole.format(row.completions)));
      line.appendChild(cell("td", tenth.format(row.hours)));
      fresh.push(line);
    });
    body.replaceChildren.apply(body, fresh);
  }

  function show(data) {
    root.querySelectorAll("[data-live]").forEach(function (node) {
      var value = data[node.getAttribute("data-live")];
      if (value === null || value === undefined) { return; }
      node.textContent = node.getAttribute("data-decimals") ? tenth.format(value) : whole.format(value);
    });
    root.querySelectorAll("[data-live-progress]").forEach(function (node) {
      var value = data[node.getAttribute("data-live-progress")];
      if (value !== null && value !== undefined) { node.value = value; node.textContent = value + "%"; }
    });
    root.querySelectorAll("[data-live-time]").forEach(function (node) {
      var moment = new Date(data[node.getAttribute("data-live-time")]);
      node.setAttribute("datetime", moment.toISOString());
      // The country's clock, as the server wrote it (24-hour, no seconds).
      node.textContent = moment.toLocaleTimeString(lang, {
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: root.getAttribute("data-time-zone") || undefined
      });
    });
    root.querySelectorAll("[data-live-board]").forEach(function (body) {
      fillBoard(body, data[body.getAttribute("data-live-board")] || []);
    });
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { show(data); } })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { window.setTimeout(poll, every); });
  }
  window.setTimeout(poll, every);
})();
