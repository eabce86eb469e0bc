// Rota dashboard — the task editor's live parts: each schedule row shows only its kind's fields and explains itself
// (/ui/schedule/explain: description and next fires) as it is typed. Adding and removing rows posts back; the form
// works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("task-form-js");
  var nameInput = document.getElementById("f-name");
  document.querySelectorAll("[data-schedule-row]").forEach(function (row) {
    var kind = row.querySelector("[data-schedule-kind]");
    var out = document.getElementById(row.id + "-explained");
    var timer = 0, asked = 0;
    function value(key) {
      var input = row.querySelector("[data-trigger='" + key + "']");
      return input ? input.value : "";
    }
    function line(cls, text, strong) {
      var p = document.createElement("p");
      p.className = cls;
      if (strong) { var b = document.createElement("strong"); b.textContent = text; p.appendChild(b); } else p.textContent = text;
      return p;
    }
    function explain() {
      var mine = ++asked;
      var q = ["kind", "cron", "every", "phase", "after_completion", "at", "time_zone"].map(function (k) {
        return k + "=" + encodeURIComponent(k === "kind" ? kind.value : value(k));
      });
      q.push("task=" + encodeURIComponent(nameInput ? nameInput.value : ""));
      fetch("/ui/schedule/explain?" + q.join("&"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (x) {
          if (!x || mine !== asked) return;
          out.replaceChildren();
          if (x.ok) {
            out.appendChild(line("ok-text", x.description, true));
            out.appendChild(line("small muted", "Next: " + (x.fires && x.fires.length ? x.fires.join(" \u00b7 ") : "none")));
          } else {
            out.appendChild(line("error-text", x.error));
          }
          out.setAttribute("data-explained", "true");
        })
        .catch(function () { });
    }
    function later() { clearTimeout(timer); timer = setTimeout(explain, 250); }
    kind.addEventListener("change", function () { row.setAttribute("data-kind", kind.value); explain(); });
    row.querySelectorAll("[data-trigger]").forEach(function (input) { input.addEventListener("input", later); });
  });
})();
