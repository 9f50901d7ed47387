/* bilateral-digest search, from disk too: no fetch (file:// refuses it),
 * only <script> tags. The page loads search/manifest.js (the layout of the
 * index); a query then loads the term shards of its words and the document
 * shards of the results it shows, each a script calling
 * window.__searchShard(kind, number, data) (see src/render/search/shards.rs).
 * Without JavaScript the search page points to the archive.
 *
 * Index text is untrusted (scraped news): results are built from DOM nodes
 * and textContent only, never from HTML strings.
 */
(function (global) {
  "use strict";

  var MAX_RESULTS = 100;
  var SNIPPET_CHARS = 220;
  var DEBOUNCE_MS = 150;
  // Words are cut at this length by the build (MAX_WORD_CHARS).
  var MAX_WORD_CHARS = 40;
  // Score of a word found in the title, the themes/places/outlet, the summary, the body.
  var WEIGHTS = [32, 12, 6, 2];
  // Latin letters that Unicode does not decompose into base + accent; the
  // build folds them the same way (src/render/search/mod.rs, search_fold).
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

  // Where the build splits words: anything but letters and numbers (Rust's
  // char::is_alphanumeric is Alphabetic or Number).
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;
  // Han and kana, written without spaces: indexed as pairs of characters.
  var UNSPACED = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]|[\ud840-\ud87f][\udc00-\udfff]/;

  /** Folded query words, split, kept and cut where the build does. */
  function terms(query) {
    var seen = {};
    var out = [];
    fold(query).split(SPLIT).forEach(function (w) {
      var chars = Array.from(w);
      // Single letters are not indexed; single digits are.
      if (!chars.length || (chars.length === 1 && !/^[0-9]$/.test(w))) return;
      if (chars.length > MAX_WORD_CHARS) w = chars.slice(0, MAX_WORD_CHARS).join("");
      if (seen[w]) return;
      seen[w] = true;
      out.push(w);
    });
    return out;
  }

  /** The index terms of a word: itself, or its character pairs in Han or kana. */
  function tokens(word) {
    if (!UNSPACED.test(word)) return [word];
    var chars = Array.from(word);
    if (chars.length <= 2) return [word];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /** The term shard of a word among n: FNV-1a over its key's code points. */
  function shardOf(word, n, keyChars) {
    var key = Array.from(word).slice(0, keyChars);
    var h = 2166136261;
    for (var i = 0; i < key.length; i++) {
      h = Math.imul(h ^ key[i].codePointAt(0), 16777619) >>> 0;
    }
    return h % n;
  }

  var DIGITS = {};
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGITS[c] = i; });
  "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-".split("").forEach(function (c, i) { DIGITS[c] = 32 + i; });

  /** Call each(position, fields) for every posting of a word (see encode_postings). */
  function decode(text, each) {
    var acc = 0;
    var doc = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS[text.charAt(i)];
      if (d === undefined) continue;
      acc = acc * 32 + (d & 31);
      if (d < 32) {
        doc += Math.floor(acc / 16);
        each(doc, acc % 16);
        acc = 0;
      }
    }
  }

  function weight(fields) {
    var w = 0;
    for (var b = 0; b < WEIGHTS.length; b++) if (fields & (1 << b)) w += WEIGHTS[b];
    return w;
  }

  /**
   * The documents a page in language `lang` searches, from the manifest's
   * versions (a site in several interface languages): every listed story,
   * each in the version of that language where the index has one. Returns
   * null when every document is searched, else {has(doc), rank(doc)}: rank
   * is the listing position of the story a document stands for.
   */
  function pageView(m, lang) {
    var versions = (m && m.versions) || [];
    if (!versions.length) return null;
    var hidden = new Set();
    var stands = new Map();
    var others = [];
    versions.forEach(function (v) {
      var n = 0;
      var own = v.lang === lang;
      decode(String(v.of || ""), function (pos) {
        if (own) {
          hidden.add(pos);
          stands.set(v.from + n, pos);
        }
        n++;
      });
      if (!own) others.push([v.from, v.from + n]);
    });
    return {
      has: function (doc) {
        if (stands.has(doc)) return true;
        if (hidden.has(doc)) return false;
        return !others.some(function (r) { return doc >= r[0] && doc < r[1]; });
      },
      rank: function (doc) { return stands.has(doc) ? stands.get(doc) : doc; }
    };
  }

  /**
   * A search over a sharded index: manifest is window.SEARCH_MANIFEST,
   * load(kind, number) a promise of a shard's data (null when it could not
   * be loaded), lang the page's interface language. search(query) resolves
   * to {words, total, results, missing}: the articles matching every word
   * (a word of `key` characters or more also matches the words it begins),
   * best first (title over themes, places and outlet, over summary, over
   * body; then newest), at most MAX_RESULTS of them with what a result
   * shows; of a story told in several languages, the version in `lang`.
   */
  function Searcher(manifest, load, lang) {
    this.m = manifest;
    this.load = load;
    this.lang = lang || "";
    this.view = pageView(manifest, this.lang);
  }

  Searcher.prototype.search = function (query) {
    var self = this;
    var m = this.m;
    var load = this.load;
    var view = this.view;
    var words = terms(query);
    var needles = [];
    words.forEach(function (w) {
      tokens(w).forEach(function (t) { if (needles.indexOf(t) < 0) needles.push(t); });
    });
    var done = { words: words, total: 0, results: [], missing: false };
    if (!needles.length || !m) return Promise.resolve(done);
    var shardIds = [];
    needles.forEach(function (t) {
      var id = shardOf(t, m.terms, m.key);
      if (shardIds.indexOf(id) < 0) shardIds.push(id);
    });
    return Promise.all(shardIds.map(function (id) { return load("t", id); })).then(function (shards) {
      var byId = {};
      shardIds.forEach(function (id, i) {
        if (!shards[i]) done.missing = true;
        byId[id] = shards[i] || {};
      });
      var scores = null;
      for (var n = 0; n < needles.length; n++) {
        var needle = needles[n];
        var shard = byId[shardOf(needle, m.terms, m.key)];
        var prefix = Array.from(needle).length >= m.key;
        var fieldsOf = new Map();
        Object.keys(shard).forEach(function (word) {
          if (word === needle || (prefix && word.lastIndexOf(needle, 0) === 0)) {
            decode(shard[word], function (doc, fields) {
              fieldsOf.set(doc, (fieldsOf.get(doc) || 0) | fields);
            });
          }
        });
        var next = new Map();
        fieldsOf.forEach(function (fields, doc) {
          if (view && !view.has(doc)) return;
          if (scores === null) next.set(doc, weight(fields));
          else if (scores.has(doc)) next.set(doc, scores.get(doc) + weight(fields));
        });
        scores = next;
        if (!scores.size) break;
      }
      var rank = view ? view.rank : function (doc) { return doc; };
      var ranked = Array.from(scores || []).sort(function (a, b) {
        // Listing position breaks ties: newest first, as the site lists them.
        return b[1] - a[1] || rank(a[0]) - rank(b[0]);
      });
      done.total = ranked.length;
      var top = ranked.slice(0, MAX_RESULTS).map(function (r) { return r[0]; });
      var docShards = [];
      top.forEach(function (d) {
        var k = Math.floor(d / m.docs);
        if (docShards.indexOf(k) < 0) docShards.push(k);
      });
      return Promise.all(docShards.map(function (k) { return load("d", k); })).then(function (loaded) {
        var byShard = {};
        docShards.forEach(function (k, i) {
          if (!loaded[i]) done.missing = true;
          byShard[k] = loaded[i] || [];
        });
        var themeTable = m.themes || [];
        // The themes' names in the page's language, where the index has them.
        var names = (m.names && m.names[self.lang]) || [];
        top.forEach(function (d) {
          var doc = byShard[Math.floor(d / m.docs)][d % m.docs];
          if (!doc) return;
          done.results.push({
            path: String(doc[0]),
            title: String(doc[1]),
            date: String(doc[2] || ""),
            themes: (doc[3] || []).map(function (t) {
              if (names[t]) return String(names[t]);
              return themeTable[t] ? String(themeTable[t][1]) : "";
            }).filter(Boolean),
            outlet: String(doc[4] || ""),
            summary: String(doc[5] || "")
          });
        });
        return done;
      });
    });
  };

  /**
   * Load shards with <script> tags, the only loader file:// allows; each
   * shard registers itself through win.__searchShard.
   */
  function scriptLoader(win, root) {
    var store = {};
    var pending = {};
    win.__searchShard = function (kind, id, data) {
      var key = kind + id;
      store[key] = data;
      if (pending[key]) pending[key].resolve(data);
    };
    return function load(kind, id) {
      var key = kind + id;
      if (pending[key]) return pending[key].promise;
      var entry = {};
      entry.promise = new Promise(function (resolve) { entry.resolve = resolve; });
      pending[key] = entry;
      if (Object.prototype.hasOwnProperty.call(store, key)) {
        entry.resolve(store[key]);
        return entry.promise;
      }
      var doc = win.document;
      var script = doc.createElement("script");
      script.src = root + (kind === "t" ? "search/terms/" + id.toString(16) : "search/docs/" + id) + ".js";
      script.onerror = function () {
        // Another try on the next query.
        delete pending[key];
        entry.resolve(null);
      };
      script.onload = function () {
        if (!Object.prototype.hasOwnProperty.call(store, key)) entry.resolve(null);
      };
      (doc.head || doc.body).appendChild(script);
      return entry.promise;
    };
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

  /**
   * Run the search page: the query of ?q=, then each edit of a search box.
   * Returns {show(query), last}: last is the promise of the latest search
   * shown (tests wait on it).
   */
  function start(win, load) {
    var doc = win.document;
    var results = doc.getElementById("search-results");
    if (!results) return null;
    var root = (doc.body && doc.body.dataset && doc.body.dataset.root) || "";
    var words = pageWords(results);
    var manifest = win.SEARCH_MANIFEST;
    var searcher = new Searcher(manifest, load || scriptLoader(win, root), words.lang);
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

    var generation = 0;
    var control = { last: Promise.resolve() };

    function restore() {
      while (results.firstChild) results.removeChild(results.firstChild);
      original.forEach(function (n) { results.appendChild(n); });
    }

    function render(q, found) {
      var ts = found.words;
      var shown = found.results;
      while (results.firstChild) results.removeChild(results.firstChild);
      heading.textContent = manifest && !found.missing
        ? countText(words, found.total, q, shown.length)
        : words.missing;
      results.appendChild(status);
      if (shown.length) {
        var ol = el(doc, "ol", "search-list");
        shown.forEach(function (rec) { ol.appendChild(resultItem(doc, root, rec, ts)); });
        results.appendChild(ol);
      }
    }

    function show(query) {
      var q = query.trim();
      var mine = ++generation;
      if (!q || !terms(q).length) {
        restore();
        control.last = Promise.resolve();
        return control.last;
      }
      control.last = searcher.search(q).then(function (found) {
        // A later keystroke has started another search: its results win.
        if (mine === generation) render(q, found);
      });
      return control.last;
    }
    control.show = show;

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
    return control;
  }

  global.BDSearch = {
    fold: fold,
    terms: terms,
    tokens: tokens,
    shardOf: shardOf,
    decode: decode,
    pageView: pageView,
    Searcher: Searcher,
    scriptLoader: scriptLoader,
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
