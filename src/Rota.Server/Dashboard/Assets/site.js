// Rota dashboard: the theme toggle (remembered in a cookie) and live run progress over Server-Sent Events.
// Everything works without this file; it only saves a reload.
(function () {
  "use strict";
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function (e) {
      e.preventDefault();
      var next = toggle.getAttribute("data-theme-next") === "light" ? "light" : "dark";
      document.cookie = "rota_theme=" + next + "; path=/; max-age=31536000; samesite=strict" + (location.protocol === "https:" ? "; secure" : "");
      document.documentElement.setAttribute("data-theme", next);
      var other = next === "dark" ? "light" : "dark";
      toggle.setAttribute("data-theme-next", other);
      toggle.setAttribute("aria-label", "Switch to " + other + " theme");
      toggle.querySelector(".theme-name").textContent = other;
      toggle.firstElementChild.textContent = next === "dark" ? "\u2600" : "\u263E";
    });
  }

  // The enable switches are links to a confirmation page; Space activates them like a real switch.
  document.querySelectorAll("a[role=switch]").forEach(function (a) {
    a.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); a.click(); }
    });
  });

  var live = document.querySelector("[data-live-run]");
  if (!live || !window.EventSource) return;
  var runId = live.getAttribute("data-live-run");
  var bar = document.getElementById("run-progress");
  var fill = bar.querySelector(".progress-fill");
  var label = document.getElementById("run-progress-label");
  var status = document.querySelector("#run-status .badge");
  var source = new EventSource("/ui/events?run_id=" + encodeURIComponent(runId));
  source.addEventListener("open", function () { live.setAttribute("data-live-state", "open"); });
  source.addEventListener("error", function () { live.setAttribute("data-live-state", "reconnecting"); });
  function show(data) {
    if (typeof data.progress === "number") {
      fill.style.width = data.progress + "%";
      bar.setAttribute("aria-valuenow", String(data.progress));
      label.textContent = data.progress + " %" + (data.progress_text ? " \u2014 " + data.progress_text : "");
      bar.setAttribute("aria-valuetext", label.textContent);
    }
    if (status && data.status) {
      status.textContent = data.status;
      status.setAttribute("data-status", data.status);
    }
  }
  ["run.started", "run.progress"].forEach(function (type) {
    source.addEventListener(type, function (e) { show(JSON.parse(e.data)); });
  });
  source.addEventListener("run.finished", function (e) {
    show(JSON.parse(e.data));
    source.close();
    var done = document.getElementById("run-finished");
    if (done) done.hidden = false;
    var dot = live.querySelector(".live-dot");
    if (dot) dot.remove();
  });
})();
