// The theme's search overlay has role="dialog" but no name; screen readers
// announce a dialog by its name, so give it one (axe-core: aria-dialog-name).
(function () {
  function name() {
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", "Search");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", name);
  } else {
    name();
  }
})();
