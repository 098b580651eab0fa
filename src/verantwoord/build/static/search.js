// Start Pagefind's search box on the search page; a ?q= in the address starts a search.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("zoeken");
  // A large document has its index in parts (pagefind-2/, …): search them all as one.
  var parts = (box.dataset.bundles || "").split(" ").filter(Boolean);
  var ui = new PagefindUI({
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    mergeIndex: parts.map(function (path) { return { bundlePath: path }; }),
    // Pagefind's Dutch calls the button that empties the box "Reset"; ours says what it does.
    translations: box.dataset.clear ? { clear_search: box.dataset.clear } : {},
  });
  // Pagefind labels its input only with aria-label; give it a visible label as well.
  var input = box.querySelector("input");
  if (input) {
    input.id = "zoekterm";
    var label = document.createElement("label");
    label.htmlFor = "zoekterm";
    label.className = "search-label";
    label.textContent = box.dataset.label;
    box.parentNode.insertBefore(label, box);
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
