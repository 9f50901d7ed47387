// Run by tests/search_js.rs: node tests/search_js.test.js <static/search.js> < input.json
// input.json: { "index_js": "<search-index.js>", "pairs": [[original, rust_folded], ...],
//               "latin": [[original, rust_folded], ...] }
"use strict";
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const sandbox = { window: {} };
sandbox.window.globalThis = sandbox.window;
vm.createContext(sandbox);
// The page loads search-index.js first, then search.js; both see `window`.
vm.runInContext("var window = this.window;" + input.index_js, sandbox);
vm.runInContext(
  "(function (window) {" + fs.readFileSync(process.argv[2], "utf8") + "\n}).call(this, this.window);",
  sandbox
);
const S = sandbox.window.BDSearch;
const INDEX = sandbox.window.SEARCH_INDEX;

let passed = 0;
const failures = [];
function check(name, ok, detail) {
  if (ok) passed++;
  else failures.push(name + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
}
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);

check("BDSearch exported", !!S && typeof S.search === "function");
check("index loaded", !!INDEX && Array.isArray(INDEX.items), INDEX);

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

const records = S.prepare(INDEX);
check("every item prepared", records.length === INDEX.items.length);
const paths = (q) => S.search(records, q).map((r) => r.path);

check("accentless query finds accented place",
  paths("hai phong").includes("articles/pact/index.html"), paths("hai phong"));
check("accented query too", paths("HẢI PHÒNG").includes("articles/pact/index.html"), paths("HẢI PHÒNG"));
check("body words are searchable", eq(paths("ngo trinh"), ["articles/pact/index.html"]), paths("ngo trinh"));
check("all terms must match", paths("fund gunma").length === 0, paths("fund gunma"));
const osaka = paths("osaka");
check("title matches rank first", osaka[0] === "articles/students/index.html" && osaka.includes("articles/pact/index.html"), osaka);
check("theme names are searchable", paths("investment").includes("articles/fund/index.html"), paths("investment"));
check("nonsense finds nothing", paths("zzqx").length === 0);
check("empty query finds nothing", paths("").length === 0);

const pact = records.find((r) => r.path === "articles/pact/index.html");
check("untrusted title kept as data", pact && pact.title.includes("</script><script>"), pact && pact.title);
check("place names resolved", pact && eq(pact.places, ["Hải Phòng"]), pact && pact.places);

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
  const results = new Node("DIV");
  const noJsList = results.appendChild(new Node("UL"));
  const form = new Node("FORM");
  const input = new Node("INPUT");
  input.value = "";
  input.form = form;
  const replaced = [];
  const timers = [];
  const doc = {
    readyState: "complete",
    body: { dataset: { root: "../" } },
    getElementById: (id) => (id === "search-results" ? results : null),
    querySelectorAll: (sel) => (sel === 'input[name="q"]' ? [input] : []),
    createElement: (n) => new Node(n.toUpperCase()),
    createTextNode: (t) => new Node("#text", t),
  };
  const win = {
    document: doc,
    SEARCH_INDEX: INDEX,
    location: { search, href: "file:///site/search/index.html" + search },
    URL, URLSearchParams,
    history: { replaceState: (a, b, url) => { replaced.push(url); throw new Error("SecurityError"); } },
    setTimeout: (fn) => { timers.push(fn); return timers.length; },
    clearTimeout: () => {},
  };
  return { win, results, noJsList, input, form, replaced, timers };
}

{
  const page = fakePage("?q=hai+phong");
  S.start(page.win);
  check("query fills the input", page.input.value === "hai phong", page.input.value);
  const status = page.results.childNodes[0];
  check("status is a polite live region", status && status.attributes["aria-live"] === "polite" && status.attributes.role === "status");
  check("count heading", status.textContent === "1 result for “hai phong”", status.textContent);
  const links = page.results.findAll("A");
  check("one result link", links.length === 1, links.length);
  check("link built from data-root", links[0] && links[0].href === "../articles/pact/index.html", links[0] && links[0].href);
  check("title kept as text", links[0] && links[0].textContent.includes("</script><script>"), links[0] && links[0].textContent);
  const marks = page.results.findAll("MARK").map((m) => m.textContent);
  check("matches are marked in the snippet", marks.includes("Hải") && marks.includes("Phòng"), marks);
  check("no-JS list replaced", !page.results.childNodes.includes(page.noJsList));

  page.input.value = "students";
  page.input.dispatch("input");
  check("typing is debounced", page.timers.length === 1);
  page.timers.forEach((fn) => fn());
  check("typing updates results", page.results.findAll("A").map((a) => a.href).join() === "../articles/students/index.html",
    page.results.findAll("A").map((a) => a.href));
  check("address follows the query even if replaceState throws",
    page.replaced.length === 1 && page.replaced[0].endsWith("?q=students"), page.replaced);

  page.input.value = "   ";
  page.form.dispatch("submit");
  check("empty query restores the no-JS list", page.results.childNodes.length === 1 && page.results.childNodes[0] === page.noJsList);
}
{
  const page = fakePage("");
  S.start(page.win);
  check("without q the list stays", page.results.childNodes.length === 1 && page.results.childNodes[0] === page.noJsList);
}
{
  const page = fakePage("?q=zzqx");
  S.start(page.win);
  check("no results said so", page.results.textContent === "No results for “zzqx”", page.results.textContent);
}

if (failures.length) {
  for (const f of failures) console.log("FAIL " + f);
}
console.log(passed + " passed, " + failures.length + " failed");
process.exit(failures.length ? 1 : 0);
