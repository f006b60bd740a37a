// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // GET forms: leave empty fields out of the URL so permalinks stay short and clean.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || (form.method || "get").toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled && el.value === "" && el.tagName !== "BUTTON") el.disabled = true;
    });
  });

  // "/" focuses the search box, as in many archives.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var box = document.querySelector("input[type=search]");
    if (box) { event.preventDefault(); box.focus(); }
  });

  // On phones the filter panel starts folded so the results come first (it is open without JS).
  var panel = document.querySelector(".facets-toggle");
  if (panel && window.matchMedia && window.matchMedia("(max-width: 900px)").matches) {
    panel.removeAttribute("open");
  }

  // Jumping to a fact in the text: move keyboard focus there and flash it.
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id.indexOf("text-") !== 0) return;
    var el = document.getElementById(id);
    if (!el) return;
    el.focus({ preventScroll: false });
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 2000);
  }
  window.addEventListener("hashchange", focusTarget);
  if (document.readyState !== "loading") focusTarget();
  else document.addEventListener("DOMContentLoaded", focusTarget);
})();
