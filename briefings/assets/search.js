// The header's search box, answered by Pagefind's index of the built site (pagefind/ in the
// site, written by generator/search.py). The box and its results keep the theme's classes,
// so they look like the rest of the site in light and dark mode and on a phone.
//
// - Pagefind keeps one index per page language (<html lang>) in each partition of the site:
//   the index of the page's own language is searched with every other one merged in, so an
//   English page finds Korean and Arabic articles too.
// - A result says what it is (article, quote, event, actor...) and links to the paragraph
//   or heading where most of the matching words are (`#p3`), not just to the page.
// - `/`, `s` or `f` opens the search, Escape closes it, arrows move through the results.
// - Text from the index is only ever shown as text: the excerpt's <mark>s are rebuilt.
(function () {
  "use strict";

  var root = document.querySelector("[data-briefings-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input.md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var bundle = new URL(root.getAttribute("data-pagefind"), document.baseURI);
  var KINDS = { article: "Article", quote: "Quote", event: "Event", actor: "Actor", outlet: "Outlet", page: "Page" };
  var SHOWN = 10;
  var words = translations();
  var engine = null;
  var asked = 0;
  var timer = 0;

  function translations() {
    var fallback = { placeholder: "Type to start searching", none: "No matching documents",
      one: "1 matching document", other: "# matching documents" };
    try {
      var t = JSON.parse(document.getElementById("__config").textContent).translations || {};
      return { placeholder: t["search.result.placeholder"] || fallback.placeholder,
        none: t["search.result.none"] || fallback.none, one: t["search.result.one"] || fallback.one,
        other: t["search.result.other"] || fallback.other };
    } catch (error) {
      return fallback;
    }
  }

  // The index Pagefind picks for a page language: exact, then its primary subtag, then the largest.
  function chosen(languages, wanted) {
    if (languages[wanted]) return wanted;
    if (languages[wanted.split("-")[0]]) return wanted.split("-")[0];
    return Object.keys(languages).sort(function (a, b) { return languages[b] - languages[a]; })[0];
  }

  // The index is split into partitions (pagefind/<xx>/, listed in pagefind/partitions.json
  // with their pages per language, see generator/search.py): the first one's script runs the
  // search, and every other partition and language is merged into it.
  async function start() {
    var manifest = await (await fetch(new URL("partitions.json", bundle))).json();
    var parts = manifest.partitions;
    var first = new URL(parts[0][0] + "/", bundle);
    var pagefind = await import(new URL("pagefind.js", first).href);
    // No web worker: the search runs on the page, sparing the download of a second script.
    await pagefind.options({ basePath: first.pathname, excerptLength: 24, noWorker: true });
    await pagefind.init();
    var primary = chosen(parts[0][1], (document.documentElement.lang || "unknown").toLowerCase());
    var merges = [];
    parts.forEach(function (part, at) {
      // Pagefind skips a merge of the path it already searches: the primary partition's
      // other languages are merged through its full address.
      var where = new URL(part[0] + "/", bundle).href;
      Object.keys(part[1]).forEach(function (language) {
        if (at > 0 || language !== primary) merges.push(pagefind.mergeIndex(where, { language: language }));
      });
    });
    await Promise.all(merges);
    return pagefind;
  }

  function load() {
    if (!engine) {
      engine = start();
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  // The element id whose text holds most of the matching words (ties: the first).
  function anchorOf(result) {
    var anchors = (result.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var counts = new Map();
    result.locations.forEach(function (location) {
      var found = null;
      anchors.forEach(function (anchor) { if (anchor.location <= location) found = anchor; });
      if (found) counts.set(found, (counts.get(found) || 0) + 1);
    });
    var best = null;
    counts.forEach(function (count, anchor) {
      if (!best || count > counts.get(best) || (count === counts.get(best) && anchor.location < best.location)) {
        best = anchor;
      }
    });
    return best && best.element !== "h1" ? best.id : "";
  }

  // The excerpt as nodes: its text as text, Pagefind's <mark>s as marks, nothing else.
  function excerpt(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var paragraph = document.createElement("p");
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(result) {
    var kind = KINDS[result.meta.kind] ? result.meta.kind : "page";
    var link = document.createElement("a");
    var anchor = anchorOf(result);
    link.href = result.url + (anchor ? "#" + anchor : "");
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    link.setAttribute("data-kind", kind);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var label = document.createElement("span");
    label.className = "briefings-search__kind";
    label.textContent = KINDS[kind];
    var title = document.createElement("h1");
    title.textContent = result.meta.title || result.url;
    article.append(label, title, excerpt(result.excerpt));
    link.appendChild(article);
    var entry = document.createElement("li");
    entry.className = "md-search-result__item";
    entry.appendChild(link);
    return entry;
  }

  function count(total) {
    if (total === 0) return words.none;
    if (total === 1) return words.one;
    return words.other.replace("#", total);
  }

  async function answer(query) {
    var ticket = ++asked;
    if (!query.trim()) {
      meta.textContent = words.placeholder;
      list.replaceChildren();
      return;
    }
    var pagefind = await load();
    var found = await pagefind.search(query);
    if (ticket !== asked || !found) return;
    var shown = await Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    if (ticket !== asked) return;
    meta.textContent = count(found.results.length);
    list.replaceChildren.apply(list, shown.map(item));
    // What the results shown answer (a reader's script or a test can wait for it).
    list.parentElement.setAttribute("data-answered", query);
  }

  function open(state) {
    if (toggle.checked !== state) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
    }
    if (state) {
      focus();
      load();
    } else {
      input.blur();
    }
  }

  // Focus the box. While the theme fades the search in, the box cannot take the focus yet:
  // try again on each frame until it has it, unless the search closed or the reader put
  // the focus somewhere else meanwhile.
  function focus() {
    input.focus();
    var elsewhere = document.activeElement && document.activeElement !== document.body;
    if (document.activeElement !== input && toggle.checked && !elsewhere) requestAnimationFrame(focus);
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  function move(step) {
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : all.length - 1) : at + step;
    if (next < 0 || next >= all.length) input.focus();
    else all[next].focus();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      focus();
      load();
    }
  });
  input.addEventListener("focus", function () { if (!toggle.checked) open(true); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { answer(input.value); }, 80);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { answer(""); input.focus(); }, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) location.href = first.href;
  });
  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var target = event.target;
    var typing = target !== input && target.closest && target.closest("input, textarea, select, [contenteditable]");
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open(true);
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      open(false);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    }
  });
})();
