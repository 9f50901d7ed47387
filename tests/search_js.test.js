// Run by tests/search_js.rs: node tests/search_js.test.js <static/search.js> < input.json
// input.json: { "files": {path: text} (every file of the sharded index),
//               "pairs": [[original, rust_folded], ...], "latin": [[original, rust_folded], ...],
//               "shards": {word: term shard number as the build computes it},
//               "postings": [encoded, [[position, fields], ...]] }
"use strict";
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const SCRIPT = fs.readFileSync(process.argv[2], "utf8");
const FILES = input.files;

/** A fresh window with the manifest and search.js loaded, as the page loads them. */
function newWindow(extra) {
  const sandbox = { window: Object.assign({}, extra || {}) };
  sandbox.window.globalThis = sandbox.window;
  vm.createContext(sandbox);
  vm.runInContext("var window = this.window;" + FILES["search/manifest.js"], sandbox);
  vm.runInContext("(function (window) {" + SCRIPT + "\n}).call(this, this.window);", sandbox);
  return sandbox;
}
const base = newWindow();
const S = base.window.BDSearch;
const MANIFEST = base.window.SEARCH_MANIFEST;

/** A loader over the built files that counts what a query loads. */
function fileLoader(sandbox) {
  const loaded = [];
  const load = (kind, id) => {
    const p = kind === "t" ? `search/terms/${id.toString(16)}.js` : `search/docs/${id}.js`;
    loaded.push(p);
    if (!(p in FILES)) return Promise.resolve(null);
    let got = null;
    sandbox.window.__searchShard = (k, n, data) => { got = data; };
    vm.runInContext(FILES[p], sandbox);
    return Promise.resolve(got);
  };
  return { load, loaded };
}

let passed = 0;
const failures = [];
function check(name, ok, detail) {
  if (ok) passed++;
  else failures.push(name + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
}
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
check("BDSearch exported", !!S && typeof S.Searcher === "function");
check("manifest loaded", !!MANIFEST && MANIFEST.count === 3 && MANIFEST.terms >= 16, MANIFEST);

check("fold vietnamese", S.fold("Hải Phòng") === "hai phong", S.fold("Hải Phòng"));
check("fold đ upper", S.fold("ĐÀ NẴNG") === "da nang", S.fold("ĐÀ NẴNG"));
check("fold decomposed input", S.fold("Ha\u0309i") === "hai", S.fold("Ha\u0309i"));
check("fold keeps kana voicing", S.fold("が") === "が", S.fold("が"));
check("fold keeps hangul", S.fold("한국") === "한국", S.fold("한국"));

// The build folds body words; the script folds queries. They must meet.
const inconsistent = input.pairs.filter(([o, r]) => S.fold(o) !== S.fold(r));
check("build and script folds agree", inconsistent.length === 0,
  inconsistent.slice(0, 20).map(([o, r]) => [o, r, S.fold(o)]));
const latinDiff = input.latin.filter(([o, r]) => S.fold(o) !== r);
check("latin text folds identically", latinDiff.length === 0,
  latinDiff.slice(0, 20).map(([o, r]) => [o, r, S.fold(o)]));

check("terms split and dedupe", eq(S.terms(" Hải  Phòng, hai "), ["hai", "phong"]), S.terms(" Hải  Phòng, hai "));
check("empty query has no terms", S.terms("  ").length === 0);

// The build and the script pick the same shard for a word.
const badShards = Object.entries(input.shards).filter(([w, n]) => S.shardOf(w, MANIFEST.terms, MANIFEST.key) !== n);
check("build and script shard words alike", badShards.length === 0, badShards);
check("postings decode as the build encodes them", (() => {
  const got = [];
  S.decode(input.postings[0], (d, f) => got.push([d, f]));
  return eq(got, input.postings[1]);
})(), input.postings);
// A site in three interface languages: documents 3 and 4 are the Vietnamese
// versions of the stories listed at 0 and 2 ("0x0" encodes 0, 2), 5 the
// Japanese one of the story at 0.
const layout = { versions: [{ lang: "vi", from: 3, of: "0x0" }, { lang: "ja", from: 5, of: "0" }] };
const docs = [0, 1, 2, 3, 4, 5];
const viView = S.pageView(layout, "vi");
check("a language's page searches its versions instead",
  eq(docs.filter(viView.has), [1, 3, 4]) && viView.rank(3) === 0 && viView.rank(4) === 2 && viView.rank(1) === 1,
  docs.filter(viView.has));
check("the default language's page searches the listed stories", eq(docs.filter(S.pageView(layout, "en").has), [0, 1, 2]));
check("a site in one language searches every document", S.pageView(MANIFEST, "en") === null);
check("unspaced text becomes pairs", eq(S.tokens("日本とベトナム"), ["日本", "本と", "とベ", "ベト", "トナ", "ナム"]));
check("single letters are not terms", eq(S.terms("a b 5 hai"), ["5", "hai"]), S.terms("a b 5 hai"));

const files = fileLoader(base);
const searcher = new S.Searcher(MANIFEST, files.load);
const find = async (q) => (await searcher.search(q)).results;
const paths = async (q) => (await find(q)).map((r) => r.path);

check("accentless query finds accented place",
  (await paths("hai phong")).includes("articles/pact/index.html"), await paths("hai phong"));
check("accented query too", (await paths("HẢI PHÒNG")).includes("articles/pact/index.html"), await paths("HẢI PHÒNG"));
check("body words are searchable", eq(await paths("ngo trinh"), ["articles/pact/index.html"]), await paths("ngo trinh"));
check("all terms must match", (await paths("fund gunma")).length === 0, await paths("fund gunma"));
const osaka = await paths("osaka");
check("title matches rank first", osaka[0] === "articles/students/index.html" && osaka.includes("articles/pact/index.html"), osaka);
check("theme names are searchable", (await paths("investment")).includes("articles/fund/index.html"), await paths("investment"));
check("prefixes match while typing", eq(await paths("fact"), ["articles/fund/index.html", "articles/pact/index.html"]) || eq(await paths("fact"), ["articles/pact/index.html", "articles/fund/index.html"]), await paths("fact"));
check("a prefix shorter than the key matches whole words only", (await paths("fa")).length === 0, await paths("fa"));
check("words inside unspaced text are found", eq(await paths("ベトナム"), ["articles/fund/index.html"]), await paths("ベトナム"));
check("nonsense finds nothing", (await paths("zzqx")).length === 0);
check("empty query finds nothing", (await paths("")).length === 0);

const pact = (await find("gunma")).find((r) => r.path === "articles/pact/index.html");
check("untrusted title kept as data", pact && pact.title.includes("</script><script>"), pact && pact.title);
check("theme names resolved", pact && eq(pact.themes, ["Investment"]), pact && pact.themes);

// What a query loads: one term shard per distinct key, and the document shards of its results.
files.loaded.length = 0;
await searcher.search("hai phong");
const termShards = files.loaded.filter((p) => p.startsWith("search/terms/"));
const docShards = files.loaded.filter((p) => p.startsWith("search/docs/"));
const expected = new Set(["hai", "phong"].map((w) => S.shardOf(w, MANIFEST.terms, MANIFEST.key))).size;
check("a query loads the shards of its terms only", termShards.length === expected && docShards.length === 1, files.loaded);

check("highlight maps folded matches to original text",
  eq(S.highlight("Hải Phòng port", ["hai"]), [{ text: "Hải", mark: true }, { text: " Phòng port", mark: false }]),
  S.highlight("Hải Phòng port", ["hai"]));
check("highlight across expanding folds",
  eq(S.highlight("Straße x", ["strasse"]), [{ text: "Straße", mark: true }, { text: " x", mark: false }]),
  S.highlight("Straße x", ["strasse"]));
check("highlight without match", eq(S.highlight("abc", ["x"]), [{ text: "abc", mark: false }]));

const long = "word ".repeat(100) + "target " + "tail ".repeat(100);
const ex = S.excerpt(long, ["target"], 120);
check("excerpt centres on the match", ex.includes("target") && ex.length <= 130 && ex.startsWith("…"), ex);


// ---- The page behaviour, on a minimal fake DOM ---------------------------
class Node {
  constructor(name, text) {
    this.nodeName = name;
    this.childNodes = [];
    this.attributes = {};
    this.listeners = {};
    this.parentNode = null;
    this.className = "";
    if (text !== undefined) this.data = text;
  }
  get firstChild() { return this.childNodes[0] || null; }
  appendChild(n) {
    if (n.parentNode) n.parentNode.removeChild(n);
    n.parentNode = this;
    this.childNodes.push(n);
    return n;
  }
  removeChild(n) {
    this.childNodes = this.childNodes.filter((c) => c !== n);
    n.parentNode = null;
    return n;
  }
  setAttribute(k, v) { this.attributes[k] = String(v); }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  dispatch(type, ev) { (this.listeners[type] || []).forEach((fn) => fn(ev || { preventDefault() {} })); }
  set textContent(t) { this.childNodes = [new Node("#text", String(t))]; }
  get textContent() {
    return this.nodeName === "#text" ? this.data : this.childNodes.map((c) => c.textContent).join("");
  }
  find(name) {
    if (this.nodeName === name) return this;
    for (const c of this.childNodes) { const f = c.find(name); if (f) return f; }
    return null;
  }
  findAll(name, out = []) {
    if (this.nodeName === name) out.push(this);
    this.childNodes.forEach((c) => c.findAll(name, out));
    return out;
  }
}
function fakePage(search) {
  const sandbox = newWindow();
  const results = new Node("DIV");
  const noJsList = results.appendChild(new Node("P"));
  const form = new Node("FORM");
  const input = new Node("INPUT");
  input.value = "";
  input.form = form;
  const replaced = [];
  const timers = [];
  const loaded = [];
  const head = new Node("HEAD");
  // A script element appended to the head runs its file, as a browser would.
  head.appendChild = (script) => {
    const p = script.src.replace(/^\.\.\//, "");
    loaded.push(p);
    setImmediate(() => {
      if (p in FILES) {
        vm.runInContext(FILES[p], sandbox);
        script.onload && script.onload();
      } else script.onerror && script.onerror();
    });
    return script;
  };
  const doc = {
    readyState: "complete",
    head,
    body: { dataset: { root: "../" } },
    getElementById: (id) => (id === "search-results" ? results : null),
    querySelectorAll: (sel) => (sel === 'input[name="q"]' ? [input] : []),
    createElement: (n) => new Node(n.toUpperCase()),
    createTextNode: (t) => new Node("#text", t),
  };
  const win = sandbox.window;
  Object.assign(win, {
    document: doc,
    location: { search, href: "file:///site/search/index.html" + search },
    URL, URLSearchParams,
    history: { replaceState: (a, b, url) => { replaced.push(url); throw new Error("SecurityError"); } },
    setTimeout: (fn) => { timers.push(fn); return timers.length; },
    clearTimeout: () => {},
  });
  return { win, S: win.BDSearch, results, noJsList, input, form, replaced, timers, loaded };
}

{
  const page = fakePage("?q=hai+phong");
  const control = page.S.start(page.win);
  await control.last;
  check("query fills the input", page.input.value === "hai phong", page.input.value);
  check("shards loaded by script tags", page.loaded.some((p) => p.startsWith("search/terms/")) && page.loaded.some((p) => p.startsWith("search/docs/")), page.loaded);
  const status = page.results.childNodes[0];
  check("status is a polite live region", status && status.attributes["aria-live"] === "polite" && status.attributes.role === "status");
  check("count heading", status && status.textContent === "1 result for “hai phong”", status && status.textContent);
  const links = page.results.findAll("A");
  check("one result link", links.length === 1, links.length);
  check("link built from data-root", links[0] && links[0].href === "../articles/pact/index.html", links[0] && links[0].href);
  check("title kept as text", links[0] && links[0].textContent.includes("</script><script>"), links[0] && links[0].textContent);
  const marks = page.results.findAll("MARK").map((m) => m.textContent);
  check("matches are marked in the snippet", marks.includes("Hải") && marks.includes("Phòng"), marks);
  check("no-JS content replaced", !page.results.childNodes.includes(page.noJsList));

  page.input.value = "students";
  page.input.dispatch("input");
  check("typing is debounced", page.timers.length === 1);
  page.timers.forEach((fn) => fn());
  await control.last;
  check("typing updates results", page.results.findAll("A").map((a) => a.href).join() === "../articles/students/index.html",
    page.results.findAll("A").map((a) => a.href));
  check("address follows the query even if replaceState throws",
    page.replaced.length === 1 && page.replaced[0].endsWith("?q=students"), page.replaced);

  // A slow search overtaken by a later one never shows.
  const slow = control.show("fund");
  const fast = control.show("osaka");
  await Promise.all([slow, fast]);
  check("the latest query wins", page.results.findAll("A")[0]?.href === "../articles/students/index.html", page.results.findAll("A").map((a) => a.href));

  page.input.value = "   ";
  page.form.dispatch("submit");
  await control.last;
  check("empty query restores the no-JS content", page.results.childNodes.length === 1 && page.results.childNodes[0] === page.noJsList);
}
{
  const page = fakePage("");
  page.S.start(page.win);
  check("without q the no-JS content stays", page.results.childNodes.length === 1 && page.results.childNodes[0] === page.noJsList);
  check("without q nothing is loaded", page.loaded.length === 0, page.loaded);
}
{
  const page = fakePage("?q=zzqx");
  await page.S.start(page.win).last;
  check("no results said so", page.results.textContent === "No results for “zzqx”", page.results.textContent);
}
}

main().then(() => {
if (failures.length) {
  for (const f of failures) console.log("FAIL " + f);
}
console.log(passed + " passed, " + failures.length + " failed");
process.exit(failures.length ? 1 : 0);
}, (e) => { console.log("FAIL " + (e && e.stack || e)); process.exit(1); });
