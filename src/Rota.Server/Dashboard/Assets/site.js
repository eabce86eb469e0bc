// Rota dashboard: the theme toggle (remembered in a cookie), cron explained as it is typed, and live run progress over
// Server-Sent Events.
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

  // A cron field names the element that explains it; /ui/cron/explain answers with the description and next fires.
  document.querySelectorAll("input[data-cron-explain]").forEach(function (input) {
    var out = document.getElementById(input.getAttribute("data-cron-explain"));
    var zone = document.getElementById(input.getAttribute("data-cron-zone"));
    var timer = 0, asked = 0;
    function line(cls, text, strong) {
      var p = document.createElement("p");
      p.className = cls;
      if (strong) { var b = document.createElement("strong"); b.textContent = text; p.appendChild(b); } else p.textContent = text;
      return p;
    }
    function explain() {
      var mine = ++asked;
      var url = "/ui/cron/explain?expression=" + encodeURIComponent(input.value) + "&time_zone=" + encodeURIComponent(zone ? zone.value : "UTC");
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (x) {
          if (!x || mine !== asked) return;
          out.replaceChildren();
          if (x.ok) {
            out.appendChild(line("ok-text", x.description, true));
            if (x.fires && x.fires.length) out.appendChild(line("small muted", "Next: " + x.fires.join(" \u00b7 ")));
            input.removeAttribute("aria-invalid");
          } else {
            out.appendChild(line("error-text", x.error));
            input.setAttribute("aria-invalid", "true");
          }
          out.setAttribute("data-explained", input.value);
        })
        .catch(function () { });
    }
    function later() { clearTimeout(timer); timer = setTimeout(explain, 250); }
    input.addEventListener("input", later);
    if (zone) zone.addEventListener("input", later);
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
