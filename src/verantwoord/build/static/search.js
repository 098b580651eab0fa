// Start Pagefind's search box on the search page; a ?q= in the address starts a search.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#zoeken", showSubResults: true, showImages: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
