// The search page's query path under node, over a built site's search/ folder:
//   node search-quality.cjs OUTPUT_FOLDER < queries.json
// queries: [{ "q": "…", "filters": { "community": "…", "kind": "…", "status": "…" } }, …]
// prints, for each query, its first 10 results as [url, title]. Each step is the one
// kennis-search.js's search() takes in the browser: meta, the chunks the query's terms
// and filters need, prefix expansion of the word being typed, top blocks (and overflow for
// filters and, when filtering, for whole words), the filters' AND, rank; records last.
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const statics = path.join(__dirname, "../../themes/default/static");
const c = require(path.join(statics, "kennis-search.js"));
const T = vm.runInNewContext(fs.readFileSync(path.join(statics, "kennis-search-text.js"), "utf8") + "\nKennisText;");
const FACETS = { community: "~c:", kind: "~k:", author: "~a:", tag: "~t:", status: "~s:" };

const root = path.join(process.argv[2], "search");
const cache = {};
// As the browser's load() over http: the JSON between the first `,` and the final `);`,
// after checking the file names itself.
function load(name) {
  if (cache[name]) return cache[name];
  const t = fs.readFileSync(path.join(root, name + ".js"), "utf8");
  const head = "kennisSearch(" + JSON.stringify(name) + ",";
  if (!t.startsWith(head) || !t.endsWith(");\n")) throw new Error(name + ".js is not one kennisSearch call");
  return (cache[name] = JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(");"))));
}

function search(q, F) {
  const meta = load("meta"), lang = meta.language, chunks = meta.chunks;
  const ws = c.words(q, lang, T), facet = {}, dicts = {};
  const need = new Set();
  for (const k in F) need.add(c.chunkOf(chunks, (facet[k] = FACETS[k] + F[k])));
  for (const w of ws.flat()) {
    if (!w.prefix) { need.add(c.chunkOf(chunks, w.term)); continue; }
    w.r = c.prefixChunks(chunks, w.term, 2);
    for (let i = w.r.from; i <= w.r.to; i++) need.add(i);
  }
  for (const i of need) dicts[i] = load("t/" + i);
  const entry = t => dicts[c.chunkOf(chunks, t)][t], filters = [];
  for (const k in F) {
    const e = entry(facet[k]);
    if (!e) throw new Error("no filter " + facet[k] + " in the index");
    filters.push([facet[k], e]);
  }
  const groups = ws.map(g => {
    const alts = [];
    for (const w of g) {
      if (!w.prefix) { const e = entry(w.term); if (e) alts.push({ term: w.term, e }); continue; }
      const dict = {};
      for (let i = w.r.from; i <= w.r.to; i++) Object.assign(dict, dicts[i]);
      for (const t of c.expand(dict, w.term, 20)) if (!alts.some(a => a.term === t)) alts.push({ term: t, e: dict[t], prefix: 1 });
    }
    return alts;
  });
  const more = (t, e, into) => into.push(c.decode(load("o/" + e[2])[t]));
  const sets = filters.map(([t, e]) => { const l = [c.decode(e[1])]; if (e[2]) more(t, e, l); return l; });
  for (const a of groups.flat()) {
    a.df = a.e[0];
    a.lists = [c.decode(a.e[1])];
    if (a.e[2] && filters.length && !a.prefix) more(a.term, a.e, a.lists);
  }
  const ranked = c.rank(groups, meta.docs, filters.length ? c.intersect(sets) : null);
  return ranked.slice(0, 10).map(r => { const d = load("d/" + r.doc); return [d.url, d.title]; });
}

const queries = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(queries.map(x => search(x.q, x.filters || {}))));
