// Start Pagefind's search box on the search page; a ?q= in the address starts a search, and a &document= keeps to
// that document.
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
  function pathnames(paths) {
    return (paths || "").split(" ").filter(Boolean).map(function (path) {
      return new URL(path, window.location.href).pathname;
    });
  }
  // Beside other documents the reader may keep to one of them (the fieldset of search.html): each index is tagged
  // with its document (Pagefind's mergeFilter), and the choice filters on that tag.
  var choice = document.querySelector(".search-documents");
  var radios = choice ? Array.prototype.slice.call(choice.querySelectorAll("input[type=radio]")) : [];
  var documentOf = {};
  var own = null;
  radios.forEach(function (radio) {
    if (radio.hasAttribute("data-own")) own = radio.value;
    pathnames(radio.dataset.bundles).forEach(function (path) { documentOf[path] = radio.value; });
  });
  // Pagefind reads "12,5" as the word "125" and finds it where a number begins with it ("12,1", "(12 kB)"), and
  // "2.310" at "2. Sociaal domein" too: a figure searched alone is searched as itself, as Pagefind's exact phrase.
  function termOf(term) {
    return /^[^\s"]*\d[.,]\d[^\s"]*$/.test(term.trim()) ? '"' + term.trim() + '"' : term;
  }
  var options = {
    element: "#zoeken",
    processTerm: termOf,
    showSubResults: true,
    showImages: false,
    mergeIndex: pathnames(box.dataset.bundles).map(function (path) {
      var index = { bundlePath: path };
      if (documentOf[path]) index.mergeFilter = { document: documentOf[path] };
      return index;
    }),
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
  };
  if (own) options.mergeFilter = { document: own };
  var ui = new PagefindUI(options);
  // Pagefind labels its input only with aria-label; give it a visible label as well. Its title, the placeholder's
  // "Zoeken", was said after the label as the box's description: "Zoek in alle documenten, Zoeken".
  var input = box.querySelector("input");
  if (input) {
    input.id = "zoekterm";
    input.removeAttribute("title");
    var label = document.createElement("label");
    label.htmlFor = "zoekterm";
    label.className = "search-label";
    label.textContent = box.dataset.label;
    box.parentNode.insertBefore(label, box);
  }
  // The box's label, and the name of Pagefind's search form, say what is searched: "Zoek in Begroting 2024". A
  // choice the browser kept from before (back to the page) holds as well.
  function keepTo(radio) {
    ui.triggerFilters(radio.value ? { document: radio.value } : {});
    if (label) label.textContent = radio.dataset.label;
    var form = box.querySelector("form");
    if (form) form.setAttribute("aria-label", radio.dataset.label);
  }
  // A shared link, or Back to this page, chooses its document by the folder's name. An empty choice (the portal's
  // "alle documenten") or a name that is not one of the radios' searches all documents, and leaves the address, so
  // that a link copied from it does not pass it on; a name the site does not have is said, as text.
  var address = new URLSearchParams(window.location.search);
  var chosen = address.get("document");
  var known = radios.filter(function (radio) { return radio.value && radio.value === chosen; })[0];
  if (known) known.checked = true;
  var unknown = document.querySelector(".search-unknown");
  if (unknown && chosen && !known) {
    unknown.textContent = unknown.dataset.text.replace("[DOCUMENT]", function () { return chosen; });
    unknown.hidden = false;
  }
  var query = (address.get("q") || "").trim();
  if ((chosen !== null && !known) || (address.has("q") && !query)) {
    var cleaned = new URL(window.location.href);
    if (!known) cleaned.searchParams.delete("document");
    if (!query) cleaned.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", cleaned.href);
  }
  // Back from a result the browser makes the page anew, and Pagefind shows its first results: after "Meer resultaten
  // laden" the result the reader came from was gone, and the focus on the page itself. Following a result, the page's
  // entry in the history keeps how many were shown and which link was followed, for this address: Back shows as many
  // and puts the reader at that link. A shared link, a new entry, shows the first results; new words, or another
  // document, stop it.
  var back = window.history.state && window.history.state.results;
  var restoring = query && back && back.address === window.location.href ? back : null;
  box.addEventListener("click", function (event) {
    var link = event.target.closest(".pagefind-ui__results a[href]");
    if (!link) return;
    var list = box.querySelector(".pagefind-ui__results");
    var results = {
      address: window.location.href,
      shown: list.children.length,
      link: Array.prototype.indexOf.call(list.querySelectorAll("a[href]"), link),
      href: link.href,
    };
    window.history.replaceState(Object.assign({}, window.history.state, { results: results }), "");
  });
  var step = null;
  function restore() {
    step = null;
    var list = box.querySelector(".pagefind-ui__results");
    if (!restoring || !list || list.querySelector(".pagefind-ui__loading")) return;
    if (window.location.href !== restoring.address) {
      restoring = null;
      return;
    }
    var more = box.querySelector(".pagefind-ui__button");
    if (list.children.length < restoring.shown && more) {
      more.click(); // Pagefind shows the next results; their links come once loaded
      return;
    }
    var links = Array.prototype.slice.call(list.querySelectorAll("a[href]"));
    var link = links[restoring.link] && links[restoring.link].href === restoring.href ? links[restoring.link] : null;
    link = link || links.filter(function (link) { return link.href === restoring.href; })[0];
    restoring = null;
    if (!link) return; // the result is no more: the reader stays at the top, as with a new search
    link.focus({ preventScroll: true });
    link.scrollIntoView({ block: "center" });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (unknown) unknown.hidden = true;
      keepTo(radio);
      keepAddress();
    });
    if (radio.checked && radio.value) keepTo(radio);
  });
  if (choice) choice.hidden = false;
  // Beside other documents the results say how many each has, at a glance: beside each radio ("Begroting 2024
  // (12 resultaten)"), which is its description too. Pagefind's UI counts only what the choice lets through; the
  // counts come from a search without it, in the module the UI loaded (one per address, with the UI's indexes).
  var words = choice ? choice.dataset : {};
  var counts = words.many ? radios.map(function (radio) {
    var count = document.createElement("span");
    count.className = "search-document-count";
    count.id = radio.id + "-aantal";
    // The name and its count wrap as one line of text on a phone, not as two columns.
    var text = document.createElement("span");
    text.className = "search-document-text";
    radio.parentNode.insertBefore(text, radio.labels[0]);
    text.append(radio.labels[0], " ", count);
    radio.setAttribute("aria-describedby", count.id);
    return count;
  }) : [];
  var locale = document.querySelector('meta[property="og:locale"]');
  locale = locale ? locale.content.replace("_", "-") : document.documentElement.lang;
  var script = document.querySelector('script[src*="pagefind-ui.js"]');
  function countsOf(term) {
    return import(new URL("pagefind.js", script.src).href).then(function (pagefind) {
      return pagefind.search(termOf(term));
    }).then(function (search) {
      var found = (search && search.filters && search.filters.document) || {};
      return radios.map(function (radio) {
        return radio.value ? found[radio.value] || 0 : Object.keys(found).reduce(function (sum, key) {
          return sum + found[key];
        }, 0);
      });
    });
  }
  function fill(text, count, title) {
    return text.replace("[COUNT]", new Intl.NumberFormat(locale).format(count)).replace("[DOCUMENT]", function () {
      return title;
    });
  }
  function titleOf(radio) {
    return radio.labels[0].textContent.trim();
  }
  // Pagefind writes "3 resultaten voor …" in a plain paragraph, which a screen reader does not announce
  // (WCAG 4.1.3): a status region of our own says it again, and when all documents are searched, how many each has
  // ("15 resultaten voor bijstand: 12 in Begroting 2024 en 3 in Jaarverslag 2023"), once the counts are known.
  var none = document.querySelector(".search-none");
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "visually-hidden";
  box.parentNode.insertBefore(status, box.nextSibling);
  var said = null;
  var asked = 0;
  new MutationObserver(function () {
    if (restoring && !step) step = window.setTimeout(restore); // once Pagefind has drawn what it changed
    var message = box.querySelector(".pagefind-ui__message");
    var text = message ? message.textContent.trim() : "";
    var term = input ? input.value.trim() : "";
    // Pagefind searches spaces too, and found nothing: "Geen resultaten voor  . Controleer de spelling". Spaces are
    // no search, as an empty box is.
    var blank = Boolean(input && !term);
    box.classList.toggle("search-blank", blank);
    if (blank) text = "";
    // Pagefind lists the results after its message: an empty list is a search that found nothing.
    var list = box.querySelector(".pagefind-ui__results");
    none.hidden = blank || !(list && !list.children.length);
    var radio = radios.filter(function (radio) { return radio.checked; })[0];
    var now = [text, radio ? radio.value : "", term].join("\n");
    if (now === said) return;
    said = now;
    var ask = ++asked;
    if (!term) counts.forEach(function (count) { count.textContent = ""; });
    if (!counts.length || !list || !term) {
      status.textContent = text; // while Pagefind searches, the counts of the words before stay
      return;
    }
    countsOf(term).then(function (found) {
      if (ask !== asked) return;
      var parts = [];
      counts.forEach(function (count, index) {
        var phrase = found[index] === 0 ? words.none : found[index] === 1 ? words.one : words.many;
        count.textContent = "(" + fill(phrase, found[index]) + ")";
        var option = radios[index];
        if (option.value) parts.push(fill(found[index] ? words.in : words.inNone, found[index], titleOf(option)));
      });
      var each = window.Intl.ListFormat ? new Intl.ListFormat(locale).format(parts) : parts.join(", ");
      status.textContent = radio && !radio.value && found[0] ? text + ": " + each : text;
    }, function () {
      if (ask === asked) status.textContent = text;
    });
  }).observe(box, { childList: true, subtree: true, characterData: true });
  // The address says what is searched (?q=bijstand&document=begroting-2024), so that a link to it shows the same
  // results and Back to the page searches again. It replaces the page's entry in the history: Back leaves the
  // search page, not the search's last letter.
  function keepAddress() {
    var url = new URL(window.location.href);
    var term = input ? input.value.trim() : "";
    var radio = radios.filter(function (radio) { return radio.checked; })[0];
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    if (radio && radio.value) url.searchParams.set("document", radio.value);
    else url.searchParams.delete("document");
    if (url.href === window.location.href) return;
    var state = Object.assign({}, window.history.state);
    delete state.results; // a new search: Back to it, or the same words again, show its first results
    window.history.replaceState(state, "", url.href);
  }
  if (input) input.addEventListener("input", keepAddress);
  // Pagefind's Escape empties the box without an input event, and takes the focus from it to the page itself: the
  // address follows, and the reader stays in the box to type anew, as in a browser's own search field.
  if (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      window.setTimeout(function () {
        keepAddress();
        input.focus();
      });
    });
  }
  // Pagefind's button that empties the box does so in its own time, after the click.
  box.addEventListener("click", function (event) {
    if (event.target.closest(".pagefind-ui__search-clear")) window.setTimeout(keepAddress);
  });
  if (query) ui.triggerSearch(query);
});
