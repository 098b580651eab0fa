// A table's region (an indicator's, or one in a text) is a tab stop so that a keyboard can scroll a table wider than
// the page (WCAG 2.1.1). Where the table fits, nothing scrolls and the stop only costs a keyboard user a key press per
// table: it is taken out, and put back when the window narrows. Without JavaScript every region stays a tab stop.
(function () {
  var regions = document.querySelectorAll(".utrecht-table-container[role=region], .text-table[role=region]");
  function update() {
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
      else if (region !== document.activeElement) region.removeAttribute("tabindex");
    }
  }
  if (!regions.length) return;
  update();
  if ("ResizeObserver" in window) {
    var observer = new ResizeObserver(update);
    for (var i = 0; i < regions.length; i++) observer.observe(regions[i]);
  } else {
    window.addEventListener("resize", update);
  }
})();
