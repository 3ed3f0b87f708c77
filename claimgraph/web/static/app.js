// Keyboard help only: every page reads and works without this script.
(function () {
  "use strict";
  // "/" jumps to the search box, as on many sites; not while typing in a field.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                            target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("q") || document.getElementById("home-q") ||
                document.getElementById("quick-q");
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    }
    // Escape hides the tooltip of the focused highlight by leaving it.
    if (event.key === "Escape" && target && target.classList &&
        target.classList.contains("st")) {
      target.blur();
    }
  });
})();
