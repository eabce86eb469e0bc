// Rota pipeline builder: reorder step cards by drag and drop (HTML5) or with the Up/Down buttons without a reload, and
// refresh the server-rendered graph and the problems next to each field as the form changes (POST /ui/pipelines/preview).
// Everything works without this file: the buttons post back and the server re-renders the form.
(function () {
  "use strict";
  var form = document.querySelector("form[data-builder]");
  var list = document.getElementById("step-list");
  if (!form || !list) return;
  var status = document.getElementById("builder-status");
  var preview = document.getElementById("builder-preview");

  function cards() { return Array.prototype.filter.call(list.children, function (c) { return c.classList.contains("step-card"); }); }

  function announce(text) {
    // Cleared first so the same sentence twice is announced twice.
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 30);
  }

  // Numbers, button names and states follow the card order; "Starts after" offers the earlier steps (and keeps the ticked).
  function renumber() {
    var all = cards();
    all.forEach(function (card, i) {
      var n = String(i + 1);
      card.querySelector(".step-number").textContent = n;
      var up = card.querySelector("[data-move=up]"), down = card.querySelector("[data-move=down]");
      up.disabled = i === 0;
      down.disabled = i === all.length - 1;
      up.setAttribute("aria-label", "Move step " + n + " up");
      down.setAttribute("aria-label", "Move step " + n + " down");
      card.querySelector(".step-tools").setAttribute("aria-label", "Step " + n + " tools");
      var earlier = {};
      all.slice(0, i).forEach(function (c) { earlier[c.getAttribute("data-step-key")] = true; });
      card.querySelectorAll(".after-choice[data-after-key]").forEach(function (label) {
        label.hidden = !(earlier[label.getAttribute("data-after-key")] || label.querySelector("input").checked);
      });
      var none = card.querySelector(".after-none");
      if (none) none.hidden = i !== 0;
    });
  }

  function moved(card, from, to, keep) {
    renumber();
    announce("Step " + (from + 1) + " moved to position " + (to + 1) + ".");
    var target = keep ? card.querySelector("[data-move=" + keep + "]") : null;
    if (!target || target.disabled) target = keep ? card.querySelector("[data-move]:not([disabled])") : null;
    (target || card.querySelector("h3")).focus();
    later();
  }

  // Up/Down: move in the page, keep the focus on the moved card's button.
  list.addEventListener("click", function (e) {
    var button = e.target.closest("[data-move]");
    if (!button) return;
    e.preventDefault();
    var card = button.closest(".step-card"), all = cards(), from = all.indexOf(card);
    var dir = button.getAttribute("data-move"), to = dir === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= all.length) return;
    list.insertBefore(card, dir === "up" ? all[to] : all[to].nextSibling);
    moved(card, from, to, dir);
  });

  // Drag and drop by the handle; a line shows where the card will go (before or after the card under the pointer).
  var dragged = null, dragFrom = -1, mark = null;
  function unmark() { if (mark) { mark.removeAttribute("data-drop"); mark = null; } }
  list.addEventListener("dragstart", function (e) {
    var handle = e.target.closest && e.target.closest("[data-drag-handle]");
    if (!handle) return;
    dragged = handle.closest(".step-card");
    dragFrom = cards().indexOf(dragged);
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragged.getAttribute("data-step-key"));
    if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(dragged, 20, 20);
    dragged.classList.add("dragging");
  });
  list.addEventListener("dragover", function (e) {
    if (!dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    var over = e.target.closest(".step-card");
    if (!over || over === dragged) { unmark(); return; }
    var box = over.getBoundingClientRect();
    if (mark !== over) unmark();
    mark = over;
    over.setAttribute("data-drop", e.clientY < box.top + box.height / 2 ? "before" : "after");
  });
  list.addEventListener("drop", function (e) {
    if (!dragged) return;
    e.preventDefault();
    if (mark) list.insertBefore(dragged, mark.getAttribute("data-drop") === "before" ? mark : mark.nextSibling);
    unmark();
  });
  list.addEventListener("dragend", function () {
    if (!dragged) return;
    var card = dragged;
    dragged = null;
    unmark();
    card.classList.remove("dragging");
    var to = cards().indexOf(card);
    if (to !== dragFrom) moved(card, dragFrom, to, null);
  });

  // A renamed step is renamed in every "Starts after" list and in its card's title at once.
  list.addEventListener("input", function (e) {
    if (!e.target.hasAttribute("data-step-name")) return;
    var card = e.target.closest(".step-card"), key = card.getAttribute("data-step-key"), name = e.target.value.trim() || "(unnamed)";
    card.querySelector(".step-title-name").textContent = name;
    form.querySelectorAll("[data-name-of='" + key + "']").forEach(function (s) { s.textContent = name; });
  });

  // The live preview: the form as it stands, checked by the server; problems are copied next to their fields.
  var timer = 0, asked = 0;
  function later() {
    clearTimeout(timer);
    form.setAttribute("data-preview", "pending");
    timer = setTimeout(refresh, 350);
  }
  function place() {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) { slot.replaceChildren(); slot.hidden = true; });
    form.querySelectorAll("[aria-invalid=true]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    list.querySelectorAll(".step-card.has-error").forEach(function (c) { c.classList.remove("has-error"); });
    preview.querySelectorAll("li[data-field]").forEach(function (li) {
      var field = li.getAttribute("data-field");
      var slot = document.getElementById(field + "-error"), body = li.querySelector(".preview-error-body");
      if (slot && body) {
        Array.prototype.forEach.call(body.children, function (child) { slot.appendChild(child.cloneNode(true)); });
        slot.hidden = false;
      }
      var el = document.getElementById(field);
      if (el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) el.setAttribute("aria-invalid", "true");
      var card = el && el.closest(".step-card");
      if (card) card.classList.add("has-error");
    });
  }
  function refresh() {
    var mine = ++asked;
    fetch(preview.getAttribute("data-preview-url"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null || mine !== asked) return;
        // A fragment rendered (and encoded) by the server's Razor component.
        preview.innerHTML = html;
        place();
        form.setAttribute("data-preview", "fresh");
      })
      .catch(function () { form.setAttribute("data-preview", "failed"); });
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.setAttribute("data-builder-ready", "true");
})();
