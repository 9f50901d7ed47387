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

if (failures.length) {
  for (const f of failures) console.log("FAIL " + f);
}
console.log(passed + " passed, " + failures.length + " failed");
process.exit(failures.length ? 1 : 0);
