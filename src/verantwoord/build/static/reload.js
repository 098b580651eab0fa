// Only in `verantwoord serve`, never in a built site: reload the page when a rebuild changed it,
// and show why the site was not rebuilt when the input has problems.
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script.getAttribute("data-server");
  var generation = Number(script.getAttribute("data-generation"));
  var here = window.location.pathname.replace(/index\.html$/, "");
  var source = new EventSource(script.getAttribute("data-events"));
  var observer = null; // follows the box's height while it is shown

  function hide() {
    if (observer) observer.disconnect(); // else the box removed, 0 pixels high, would leave its 16 behind
    observer = null;
    ["verantwoord-problemen", "verantwoord-problemen-ruimte"].forEach(function (id) {
      var element = document.getElementById(id);
      if (element) element.remove();
    });
    document.documentElement.style.scrollPaddingBottom = "";
  }

  // The box is fixed over the bottom of the window: room after the page, and as much scroll padding, so that a link
  // the keyboard moves to is scrolled above the box, not behind it, and the end of the page can be too.
  function makeRoom(box) {
    var room = document.createElement("div");
    room.id = "verantwoord-problemen-ruimte";
    room.setAttribute("aria-hidden", "true");
    document.body.appendChild(room);
    function fit() {
      var height = box.offsetHeight + 16 + "px";
      room.style.height = height;
      document.documentElement.style.scrollPaddingBottom = height;
    }
    fit();
    if (window.ResizeObserver) {
      observer = new ResizeObserver(fit);
      observer.observe(box);
    }
  }

  function show(problems) {
    hide();
    var box = document.createElement("section");
    box.id = "verantwoord-problemen";
    box.lang = "nl"; // the messages are Dutch, as on the command line, also over a page in another language
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "verantwoord-problemen-titel");
    box.style.cssText =
      "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:50vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#1a1a1a;border:3px solid #a12a1a;padding:1rem;font:1rem/1.5 sans-serif;";
    var title = document.createElement("h2");
    title.id = "verantwoord-problemen-titel";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.125rem;color:#a12a1a;";
    title.textContent = "De website is niet bijgewerkt: de invoer is niet in orde";
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Sluiten";
    close.addEventListener("click", hide);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
    box.append(title, list, close);
    // First in the page, so that its button is the first stop of the keyboard (it stood after every link of the
    // page, 21 stops away on a section page); the box is still drawn over the bottom of the window.
    document.body.insertBefore(box, document.body.firstChild);
    makeRoom(box);
  }

  source.addEventListener("hello", function (event) {
    var data = JSON.parse(event.data);
    // A rebuild between this page's download and now, or serve stopped and started again (its count starts
    // again, and the site may have changed meanwhile): this page may be out of date.
    if (data.server !== server || data.generation > generation) window.location.reload();
    else if (data.problems) show(data.problems);
  });
  source.addEventListener("built", function (event) {
    var data = JSON.parse(event.data);
    if (data.all || data.pages.indexOf(here) !== -1) window.location.reload();
    else hide();
  });
  source.addEventListener("failed", function (event) {
    show(JSON.parse(event.data).problems);
  });
})();
