// What a search from disk loads, counted as the browser would load it:
//
//   node bench/query_bytes.js PUBLIC_DIR "query" ...
//
// For each query, prints one JSON line: the results found, the index files
// a search needs (the manifest, term shards, document shards) and their
// bytes, and the total with the search page, search.js and the stylesheets.
// It runs the site's own search.js (PUBLIC_DIR/search.js) under node.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [pub, ...queries] = process.argv.slice(2);
const read = (p) => fs.readFileSync(path.join(pub, ...p.split("/")), "utf8");
const size = (p) => fs.statSync(path.join(pub, ...p.split("/"))).size;

async function measure(q) {
  const sandbox = { window: {} };
  sandbox.window.globalThis = sandbox.window;
  vm.createContext(sandbox);
  let bytes = 0;
  let files = 0;
  const run = (p) => {
    const text = read(p);
    bytes += Buffer.byteLength(text);
    files++;
    vm.runInContext("var window = this.window;" + text, sandbox);
  };
  run("search/manifest.js");
  vm.runInContext("(function (window) {" + read("search.js") + "\n}).call(this, this.window);", sandbox);
  const S = sandbox.window.BDSearch;
  const load = (kind, id) => {
    let got = null;
    sandbox.window.__searchShard = (k, n, data) => { got = data; };
    const p = kind === "t" ? `search/terms/${id.toString(16)}.js` : `search/docs/${id}.js`;
    try { run(p); } catch (e) { return Promise.resolve(null); }
    return Promise.resolve(got);
  };
  const found = await new S.Searcher(sandbox.window.SEARCH_MANIFEST, load).search(q);
  const page = ["search/index.html", "search.js", "style.css", "themes.css"].map(size).reduce((a, b) => a + b, 0);
  return { query: q, results: found.total, index_files: files, index_bytes: bytes, total_bytes: bytes + page };
}

(async () => {
  for (const q of queries) console.log(JSON.stringify(await measure(q)));
})();
