// Marsad: behaviour shared by every page (no inline scripts: the CSP forbids them).
"use strict";

// Flash the element a same-page link jumps to, so the eye finds the evidence.
document.addEventListener("click", function (event) {
  const link = event.target.closest('a[href^="#"]');
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  target.classList.remove("flash");
  void target.offsetWidth; // restart the highlight when the same link is clicked again
  target.classList.add("flash");
  window.setTimeout(function () { target.classList.remove("flash"); }, 2500);
});

// Data a page embeds for its scripts: <script type="application/json" id="...">.
window.marsadData = function (id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
};
