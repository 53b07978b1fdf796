// The search page's query path under node, over a built site's search/ folder:
//   node search-quality.cjs OUTPUT_FOLDER < queries.json
// queries: [{ "q": "…", "filters": { "community": "…", "kind": "…", "status": "…" } }, …]
// prints, for each query, its first 10 results as [url, title]. The results come from
// kennis-search.js's own query(), the function the search page runs, given a loader that
// reads the index files from disk instead of fetching them; records last, as the page does.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const statics = path.join(__dirname, "../../themes/default/static");
const c = require(path.join(statics, "kennis-search.js"));
const T = vm.runInNewContext(fs.readFileSync(path.join(statics, "kennis-search-text.js"), "utf8") + "\nKennisText;");

const root = path.join(process.argv[2], "search");
const cache = {};
// As the browser's load() over http: the JSON between the first `,` and the final `);`,
// after checking the file names itself.
function load(name) {
  if (!cache[name]) {
    const t = fs.readFileSync(path.join(root, name + ".js"), "utf8");
    const head = "kennisSearch(" + JSON.stringify(name) + ",";
    if (!t.startsWith(head) || !t.endsWith(");\n")) throw new Error(name + ".js is not one kennisSearch call");
    cache[name] = JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(");")));
  }
  return Promise.resolve(cache[name]);
}

async function search(q, filters) {
  const found = await c.query(q, filters, load, null, T, false);
  for (const k of found.unknown) throw new Error("no filter " + k + "=" + filters[k] + " in the index");
  const records = await Promise.all(found.ranked.slice(0, 10).map(r => load("d/" + r.doc)));
  return records.map(d => [d.url, d.title]);
}

(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8")), out = [];
  for (const x of queries) out.push(await search(x.q, x.filters || {}));
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
