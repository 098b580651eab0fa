// Start Pagefind's search box on the search page; a ?q= in the address starts a search.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("zoeken");
  if (window.location.protocol === "file:") {
    // Opened from disk or a network drive, the browser refuses Pagefind its index: say so, not "Zoeken naar …" for ever.
    box.hidden = true;
    document.querySelector(".search-file").hidden = false;
    return;
  }
  // A large document has its index in parts (pagefind-2/, …), and beside other documents each has its own index
  // (../jaarverslag-2023/pagefind/): search them all as one. Pagefind takes a relative path to start at the server's
  // root ("/../jaarverslag-2023/"), so its results led elsewhere on a site in a folder: give it the whole path.
  var parts = (box.dataset.bundles || "").split(" ").filter(Boolean).map(function (path) {
    return new URL(path, window.location.href).pathname;
  });
  var ui = new PagefindUI({
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    mergeIndex: parts.map(function (path) { return { bundlePath: path }; }),
    // Beside other documents, a page names its document (data-pagefind-meta): "2.1 Werk en inkomen" in the
    // begroting and in the jaarverslag are told apart in the result's link, also in a screen reader's list of links.
    // A document's home page has its name for a title already: "Begroting 2024 – Begroting 2024" said it twice.
    processResult: function (result) {
      if (result.meta && result.meta.document) {
        if (result.meta.title !== result.meta.document) result.meta.title += " – " + result.meta.document;
        delete result.meta.document;
      }
      return result;
    },
    // Pagefind's Dutch calls the button that empties the box "Reset"; ours says what it does. Its name for the box
    // ("Doorzoek deze site") is the visible label's, which says what is searched: this document, or all of them.
    // Without results, Pagefind said only "Geen resultaten voor klnt": ours says what to try, and the table of
    // contents is offered below.
    translations: { clear_search: box.dataset.clear, search_label: box.dataset.label, zero_results: box.dataset.none },
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
  // Pagefind writes "3 resultaten voor …" in a plain paragraph, which a screen reader does not announce
  // (WCAG 4.1.3): a status region of our own says it again.
  var none = document.querySelector(".search-none");
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "visually-hidden";
  box.parentNode.insertBefore(status, box.nextSibling);
  new MutationObserver(function () {
    var message = box.querySelector(".pagefind-ui__message");
    var text = message ? message.textContent.trim() : "";
    if (status.textContent !== text) status.textContent = text;
    // Pagefind lists the results after its message: an empty list is a search that found nothing.
    var list = box.querySelector(".pagefind-ui__results");
    none.hidden = !(list && !list.children.length);
  }).observe(box, { childList: true, subtree: true, characterData: true });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
