/* bilateral-digest search: searches window.SEARCH_INDEX (loaded by
 * search-index.js) in the browser. No dependencies and no fetch, so it works
 * from file:// too. Without JavaScript the search page keeps its plain list.
 *
 * Index text is untrusted (scraped news): results are built from DOM nodes
 * and textContent only, never from HTML strings.
 */
(function (global) {
  "use strict";

  var MAX_RESULTS = 100;
  var SNIPPET_CHARS = 220;
  var DEBOUNCE_MS = 150;

  // Latin letters that Unicode does not decompose into base + accent; the
  // build folds them the same way (src/search.rs, search_fold).
  var EXTRA = {
    "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l",
    "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ſ": "s", "ŋ": "ng",
    "ƀ": "b", "ɓ": "b", "ƈ": "c", "ɗ": "d", "ƒ": "f", "ɠ": "g", "ɨ": "i",
    "ƙ": "k", "ƚ": "l", "ɲ": "n", "ƞ": "n", "ɵ": "o", "ƥ": "p", "ʠ": "q",
    "ƭ": "t", "ʈ": "t", "ʉ": "u", "ʋ": "v", "ƴ": "y", "ƶ": "z", "ȥ": "z",
    "ǝ": "e", "ɛ": "e", "ɔ": "o", "ĳ": "ij"
  };
  var COMBINING = /[\u0300-\u036f]/g;
  var NON_ASCII = /[^\u0000-\u007f]/;
  var NON_ASCII_ALL = /[^\u0000-\u007f]/g;

  /** Accent-insensitive, case-insensitive form of text: "Hải Phòng" → "hai phong". */
  function fold(text) {
    var s = String(text == null ? "" : text);
    if (!NON_ASCII.test(s)) return s.toLowerCase();
    s = s.normalize("NFD").replace(COMBINING, "").normalize("NFC").toLowerCase();
    return s.replace(NON_ASCII_ALL, function (c) {
      return Object.prototype.hasOwnProperty.call(EXTRA, c) ? EXTRA[c] : c;
    });
  }

  /** Folded query terms, split where the build splits words. */
  function terms(query) {
    var seen = {};
    return fold(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (t) {
        if (!t || seen[t]) return false;
        seen[t] = true;
        return true;
      });
  }

  /** Turn the compact index into records with folded fields for matching. */
  function prepare(index) {
    if (!index || !Array.isArray(index.items)) return [];
    var pos = {};
    (index.fields || []).forEach(function (name, i) { pos[name] = i; });
    var themeTable = index.themes || [];
    return index.items.map(function (item) {
      var get = function (name) {
        var v = item[pos[name]];
        return v == null ? "" : v;
      };
      var themes = (get("themes") || []).map(function (t) {
        return themeTable[t] ? String(themeTable[t][1]) : "";
      }).filter(Boolean);
      var places = (get("places") || []).map(String);
      var text = String(get("text"));
      var rec = {
        path: String(get("path")),
        title: String(get("title")),
        date: String(get("date")),
        themes: themes,
        places: places,
        outlet: String(get("outlet")),
        summary: String(get("summary"))
      };
      rec.folded = {
        title: fold(rec.title),
        summary: fold(rec.summary),
        meta: fold(themes.concat(places, [rec.outlet]).join(" ")),
        // The build has folded the body already; only other scripts need it again.
        text: NON_ASCII.test(text) ? fold(text) : text
      };
      return rec;
    });
  }

  function isWordStart(hay, at) {
    return at === 0 || /[^\p{L}\p{N}]/u.test(hay.charAt(at - 1));
  }

  /** Score of one field for one term: 0 when absent, more at a word start. */
  function fieldScore(hay, term, weight) {
    var at = hay.indexOf(term);
    if (at < 0) return 0;
    return isWordStart(hay, at) ? weight * 2 : weight;
  }

  /**
   * Records matching every term, best first: title matches outrank
   * themes, places and outlet, which outrank the summary and then the body.
   */
  function search(records, query) {
    var ts = terms(query);
    if (!ts.length) return [];
    var hits = [];
    for (var i = 0; i < records.length; i++) {
      var f = records[i].folded;
      var score = 0;
      for (var k = 0; k < ts.length; k++) {
        var t = ts[k];
        var s = fieldScore(f.title, t, 16) + fieldScore(f.meta, t, 6) +
          fieldScore(f.summary, t, 3) + fieldScore(f.text, t, 1);
        if (!s) { score = 0; break; }
        score += s;
      }
      if (score) hits.push({ record: records[i], score: score });
    }
    hits.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      if (a.record.date !== b.record.date) return a.record.date < b.record.date ? 1 : -1;
      return a.record.title < b.record.title ? -1 : a.record.title > b.record.title ? 1 : 0;
    });
    return hits.map(function (h) { return h.record; });
  }

  /**
   * Split text into [{text, mark}] segments, marking every match of the
   * terms. Matching runs on folded text, mapped back to the original
   * characters, so "hai" marks "Hải".
   */
  function highlight(text, ts) {
    var chars = Array.from(String(text));
    var folded = "";
    var origin = []; // folded UTF-16 index → index in chars
    for (var i = 0; i < chars.length; i++) {
      var piece = fold(chars[i]);
      for (var j = 0; j < piece.length; j++) origin.push(i);
      folded += piece;
    }
    var marked = new Array(chars.length).fill(false);
    (ts || []).forEach(function (t) {
      if (!t) return;
      var from = 0;
      var at;
      while ((at = folded.indexOf(t, from)) >= 0) {
        var end = at + t.length;
        for (var p = origin[at]; p <= origin[end - 1]; p++) marked[p] = true;
        from = end;
      }
    });
    var out = [];
    for (var c = 0; c < chars.length; c++) {
      var last = out[out.length - 1];
      if (last && last.mark === marked[c]) last.text += chars[c];
      else out.push({ text: chars[c], mark: marked[c] });
    }
    return out;
  }

  /** Cut long text around its first match, at word boundaries. */
  function excerpt(text, ts, max) {
    text = String(text);
    var limit = max || SNIPPET_CHARS;
    if (text.length <= limit) return text;
    var f = fold(text);
    var first = -1;
    (ts || []).forEach(function (t) {
      var at = f.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    // Folding can shift positions slightly; the window is generous enough.
    var start = first > limit / 2 ? first - Math.floor(limit / 3) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + limit);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start) end = back;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  // ---- Browser part -----------------------------------------------------

  function el(doc, name, className, text) {
    var node = doc.createElement(name);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function appendMarked(doc, parent, text, ts) {
    highlight(text, ts).forEach(function (seg) {
      if (seg.mark) parent.appendChild(el(doc, "mark", null, seg.text));
      else parent.appendChild(doc.createTextNode(seg.text));
    });
  }

  function resultItem(doc, root, rec, ts) {
    var li = el(doc, "li", "search-result");
    var h = el(doc, "h3", "search-result-title");
    var a = el(doc, "a");
    a.href = root + rec.path;
    appendMarked(doc, a, rec.title, ts);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el(doc, "p", "search-result-meta");
    if (rec.date) {
      var time = el(doc, "time", null, rec.date);
      time.setAttribute("datetime", rec.date);
      meta.appendChild(time);
    }
    var extra = rec.themes.concat(rec.outlet ? [rec.outlet] : []);
    if (extra.length) {
      meta.appendChild(doc.createTextNode((rec.date ? " · " : "") + extra.join(" · ")));
    }
    if (meta.childNodes.length) li.appendChild(meta);
    if (rec.summary) {
      var p = el(doc, "p", "search-result-snippet");
      appendMarked(doc, p, excerpt(rec.summary, ts), ts);
      li.appendChild(p);
    }
    return li;
  }

  // The page's own words (data-strings on #search-results, from the site's
  // i18n table), English when a page has none.
  var ENGLISH = {
    lang: "en",
    results: { one: "{n} result for “{query}”", other: "{n} results for “{query}”" },
    noResults: "No results for “{query}”",
    showing: " (showing the best {n})",
    missing: "The search index could not be loaded."
  };

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function countText(words, n, query, shown) {
    var text;
    if (n === 0) {
      text = fill(words.noResults, { query: query });
    } else {
      var category = "other";
      try { category = new Intl.PluralRules(words.lang).select(n); } catch (e) { /* an unknown tag: "other" */ }
      var forms = words.results || {};
      text = fill(forms[category] || forms.other || "{n}", { n: n, query: query });
    }
    if (shown < n) text += fill(words.showing, { n: shown });
    return text;
  }

  function pageWords(results) {
    try {
      var w = JSON.parse(results.getAttribute("data-strings") || "null");
      if (w && typeof w === "object") return w;
    } catch (e) { /* a page without them reads English */ }
    return ENGLISH;
  }

  function start(win) {
    var doc = win.document;
    var results = doc.getElementById("search-results");
    if (!results) return;
    var root = (doc.body && doc.body.dataset && doc.body.dataset.root) || "";
    var words = pageWords(results);
    var records = prepare(win.SEARCH_INDEX);
    var original = Array.prototype.slice.call(results.childNodes);
    var status = el(doc, "div", "search-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var heading = el(doc, "h2", "search-count");
    status.appendChild(heading);
    var inputs = Array.prototype.slice.call(doc.querySelectorAll('input[name="q"]'));

    var params = new win.URLSearchParams(win.location.search);
    var initial = (params.get("q") || "").trim();
    inputs.forEach(function (input) { input.value = initial; });

    function show(query) {
      var q = query.trim();
      if (!q) {
        while (results.firstChild) results.removeChild(results.firstChild);
        original.forEach(function (n) { results.appendChild(n); });
        return;
      }
      var ts = terms(q);
      var found = search(records, q);
      var shown = found.slice(0, MAX_RESULTS);
      while (results.firstChild) results.removeChild(results.firstChild);
      heading.textContent = win.SEARCH_INDEX
        ? countText(words, found.length, q, shown.length)
        : words.missing;
      results.appendChild(status);
      if (shown.length) {
        var ol = el(doc, "ol", "search-list");
        shown.forEach(function (rec) { ol.appendChild(resultItem(doc, root, rec, ts)); });
        results.appendChild(ol);
      }
    }

    function remember(query) {
      // Some browsers refuse history changes on file:// pages; the search
      // itself still works, only the address does not follow.
      try {
        var url = new win.URL(win.location.href);
        if (query.trim()) url.searchParams.set("q", query.trim());
        else url.searchParams.delete("q");
        win.history.replaceState(null, "", url.toString());
      } catch (e) { /* keep the old address */ }
    }

    var timer = null;
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        var value = input.value;
        inputs.forEach(function (other) { if (other !== input) other.value = value; });
        win.clearTimeout(timer);
        timer = win.setTimeout(function () {
          show(value);
          remember(value);
        }, DEBOUNCE_MS);
      });
      var form = input.form;
      if (form) {
        form.addEventListener("submit", function (event) {
          // Already on the search page: search in place instead of reloading.
          event.preventDefault();
          win.clearTimeout(timer);
          show(input.value);
          remember(input.value);
        });
      }
    });

    if (initial) show(initial);
  }

  global.BDSearch = {
    fold: fold,
    terms: terms,
    prepare: prepare,
    search: search,
    highlight: highlight,
    excerpt: excerpt,
    start: start
  };

  if (global.document) {
    if (global.document.readyState === "loading") {
      global.document.addEventListener("DOMContentLoaded", function () { start(global); });
    } else {
      start(global);
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
