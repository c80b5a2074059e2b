// Marsad article page: hovering or clicking a mention shows its entity's card
// (Latin name, knowledge-base ids, roles). Built with textContent only: nothing is parsed as HTML.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const card = document.getElementById("entity-card");
  if (!text || !card) return;
  let pinned = null;

  function line(label, value, className) {
    const row = document.createElement("div");
    const key = document.createElement("span");
    key.className = "muted";
    key.textContent = label + ": ";
    const val = document.createElement("span");
    val.textContent = value;
    if (className) val.className = className;
    row.append(key, val);
    return row;
  }

  function show(mention) {
    const d = mention.dataset;
    card.replaceChildren();
    const title = document.createElement("div");
    title.textContent = (d.name || mention.textContent) + " ";
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = d.type || "";
    title.append(badge);
    card.append(title);
    if (d.latin) card.append(line("بالحروف اللاتينية", d.latin, "latin"));
    if (d.kb) card.append(line("المعرّفات", d.kb, "code"));
    if (d.roles) card.append(line("الأدوار", d.roles));
    if (d.entity) card.append(line("المعرّف", d.entity, "code"));
    const box = mention.getBoundingClientRect();
    card.hidden = false;
    card.style.top = (window.scrollY + box.bottom + 6) + "px";
    const left = window.scrollX + box.right - card.offsetWidth;
    card.style.left = Math.max(8, left) + "px";
  }

  function hide() {
    if (!pinned) card.hidden = true;
  }

  text.addEventListener("mouseover", function (event) {
    const mention = event.target.closest(".hl-mention");
    if (mention && !pinned) show(mention);
  });
  text.addEventListener("mouseout", function (event) {
    if (event.target.closest(".hl-mention")) hide();
  });
  text.addEventListener("click", function (event) {
    const mention = event.target.closest(".hl-mention");
    if (!mention) return;
    pinned = pinned === mention ? null : mention;
    if (pinned) show(mention); else card.hidden = true;
  });
  text.addEventListener("keydown", function (event) {
    const mention = event.target.closest(".hl-mention");
    if (mention && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      mention.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { pinned = null; card.hidden = true; }
  });
})();
