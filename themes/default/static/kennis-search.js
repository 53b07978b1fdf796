/* kennis search client: on every page `/` focuses the search box; on the search page
   (#search) it loads per query only the index files it needs (docs/search-format.md), by
   fetch, or as <script>s over file://, and renders with DOM APIs. Node gets its pure parts. */
(function () {
"use strict";
const VAL = new Int8Array(128).fill(-1);
[..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"].forEach((c, i) => { VAL[c.charCodeAt(0)] = i; });

// Postings as a flat array [doc, impact, sections, …]: varints of 5 bits a character.
function decode(s) {
  const out = [];
  let n = 0, mul = 1, k = 0, doc = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VAL[s.charCodeAt(i)];
    if (!(v >= 0)) throw new Error("bad postings character " + s[i]);
    n += (v & 31) * mul;
    if (v & 32) { mul *= 32; continue; }
    out.push(k ? n : (doc += n));
    k = (k + 1) % 3; n = 0; mul = 1;
  }
  return out;
}
const idf = (df, N) => Math.log(1 + (N - df + 0.5) / (df + 0.5));
// The chunk holding t: the last i with chunks[i] <= t.
function chunkOf(c, t) {
  let lo = 0, hi = c.length - 1;
  while (lo < hi) { const m = (lo + hi + 1) >> 1; if (c[m] <= t) lo = m; else hi = m - 1; }
  return lo;
}
// Chunk i's file, named by meta's term for it as the index names it (src/search/files.rs,
// chunk_name): bytes other than a-z0-9 as _ and two hex digits, "-" when empty, and "-" with
// the term's hash (FNV-1a, then MurmurHash3's finaliser) when that would pass 64 characters.
function chunkFile(c, i) {
  const bytes = new TextEncoder().encode(c[i]); let n = "";
  for (const b of bytes) n += (b > 96 && b < 123) || (b > 47 && b < 58) ? String.fromCharCode(b) : "_" + b.toString(16).padStart(2, "0");
  if (n.length <= 64) return "t/" + (n || "-");
  const M = 0xffffffffffffffffn, mix = (h, m) => ((h ^ (h >> 33n)) * m) & M;
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & M;
  h = mix(mix(h, 0xff51afd7ed558ccdn), 0xc4ceb9fe1a85ec53n);
  return "t/-" + (h ^ (h >> 33n)).toString(16).padStart(16, "0");
}
// The chunks covering [p, p+'\uffff'), at most max of them; cut when more would be needed.
function prefixChunks(c, p, max) {
  const from = chunkOf(c, p), b = chunkOf(c, p + "\uffff");
  return { from, to: Math.min(b, from + max - 1), cut: b > from + max - 1 };
}
// The dictionary's terms starting with p, the `limit` most frequent.
const expand = (dict, p, limit) => Object.keys(dict).filter(t => t.startsWith(p))
  .sort((a, b) => dict[b][0] - dict[a][0] || (a < b ? -1 : 1)).slice(0, limit);
// groups: per query word, alternatives { df, lists }; a word scores its best one
// (impact × idf); docs with more words come first, then by score, then id. A word has
// one idf, from its most frequent form: a rare form of it (Dutch "leren" unstemmed on an
// English page, a prefix's long tail) is not worth more than the word itself.
function rank(groups, N, allow) {
  const acc = new Map();
  for (const alts of groups) {
    const m = new Map(), w = idf(Math.max(0, ...alts.map(a => a.df)), N);
    for (const a of alts) {
      for (const p of a.lists) for (let i = 0; i < p.length; i += 3) {
        const d = p[i], s = p[i + 1] * w, e = m.get(d);
        if (allow && !allow.has(d)) continue;
        if (!e) m.set(d, [s, p[i + 2]]); else { e[0] = Math.max(e[0], s); e[1] |= p[i + 2]; }
      }
    }
    for (const [d, [s, sec]] of m) {
      const r = acc.get(d);
      if (r) { r.score += s; r.hits++; r.sec |= sec; } else acc.set(d, { doc: d, score: s, hits: 1, sec });
    }
  }
  return [...acc.values()].sort((a, b) => b.hits - a.hits || b.score - a.score || a.doc - b.doc);
}
// The docs in every one of sets (each a list of postings arrays): the filters' AND.
function intersect(sets) {
  let out = null;
  for (const lists of sets) {
    const s = new Set();
    for (const p of lists) for (let i = 0; i < p.length; i += 3) if (!out || out.has(p[i])) s.add(p[i]);
    out = s;
  }
  return out;
}
// Edit distance, or max + 1 when over max.
function distance(a, b, max) {
  let prev = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] !== b[j - 1]));
    prev = cur;
  }
  return Math.min(prev[b.length], max + 1);
}
// The stems a word beginning with w may have that w already runs past: its prefixes t of 3
// letters or more such that w, completed with the rest of an ending the English or Dutch
// stemmer removes, stems to t ("observab" + "le" is `observ`, "aansprakelijkhe" + "id" is
// `aansprakelijk`, "settin" + "g" is `set`). Not a compound's first part: nothing makes
// "kostenpl" `kosten`. ENDINGS are the longest endings; every other is the start of one.
const ENDINGS = ("abilities ability able ably alism alities ality alization alized alizing ally als ances ancy ants " +
  "ated ates ating ational ations atively ators baarheid bare den edly eers ements ences encies ency enden ently ents " +
  "erijen ers est etjes fully fulness heden heid ibilities ibility ible ibly ically ications icator ics ied ies igen " +
  "igere igheden igheid igingen ingen ingly ings ional ions isations ised ises ising ismen isms istic ists ities ity " +
  "ively iveness ives ivity izations ized izes izing jes lessly lessness lijker lijkheden lijkheid ly mented ments " +
  "nesses ously ousness sels ste ten tjes").split(" ");
function stemsBefore(w, T) {
  const out = [], seen = new Map();
  if (!T || !/^[a-z]+$/.test(w)) return out;
  const stems = x => seen.get(x) || seen.set(x, [T.terms(w + x, "en")[0], T.terms(w + x, "nl")[0]]).get(x);
  const stemsTo = (r, t) => ENDINGS.some(e => {
    for (let k = r.length + 1; e.startsWith(r) && k <= e.length; k++) if (stems(e.slice(r.length, k)).includes(t)) return true;
    return false;
  });
  for (let n = w.length - 1; n >= 3; n--) {
    const t = w.slice(0, n), r = w.slice(n);
    if (stemsTo(r, t) || (r.length > 1 && r[0] === t[n - 1] && stemsTo(r.slice(1), t))) out.push(t);
  }
  return out;
}
// The query as words, each a list of { term, prefix } alternatives (same `word` in
// KennisText.queryTerms); without KennisText, lower case, the last word typed. Pages are
// stemmed in their own language, so on a site in one of the stemmed languages each word
// also gets its forms in the other ("poetry" on a Dutch site finds the English page) when
// both read the query as the same number of words (stop words differ).
function words(q, lang, T) {
  const group = list => {
    const out = [];
    list.forEach((w, i) => { const k = w.word == null ? i : w.word; (out[k] = out[k] || []).push(w); });
    return out.filter(Boolean);
  };
  if (!T) return group(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    .map((term, i, a) => ({ term, prefix: i === a.length - 1 && !/\s$/.test(q) })));
  const out = group(T.queryTerms(q, lang)), base = String(lang).toLowerCase().split("-")[0];
  for (const other of ["nl", "en"]) {
    if (other === base || (base !== "nl" && base !== "en")) continue;
    const more = group(T.queryTerms(q, other));
    if (more.length !== out.length) continue;
    more.forEach((g, i) => { for (const w of g) if (!out[i].some(a => a.term === w.term && a.prefix === w.prefix)) out[i].push(Object.assign(w, { word: out[i][0].word })); });
  }
  return out;
}
const FACETS = { community: "~c:", kind: "~k:", author: "~a:", tag: "~t:", status: "~s:" };
// A query's results, ranked, with what it took: { ranked, partial, unknown (filter keys
// naming nothing), groups, ws, meta, lang, T, dicts, chunks }. load(name, c) is a promise of
// an index file's data (c is passed along); T is KennisText; all: overflow for every word.
// The search page runs it, and tests/js/search-quality.cjs over a built site's files.
async function query(q, F, load, c, T, all) {
  const meta = await load("meta"), lang = meta.language, chunks = meta.chunks;
  const ws = words(q, lang, T), need = new Set(), facet = {}, dicts = {};
  for (const k in F) need.add(chunkOf(chunks, (facet[k] = FACETS[k] + F[k])));
  for (const w of ws.flat()) {
    if (!w.prefix) { need.add(chunkOf(chunks, w.term)); continue; }
    w.r = prefixChunks(chunks, w.term, 2);
    const mine = new Set();
    for (let i = w.r.from; i <= w.r.to; i++) mine.add(i);
    w.stems = stemsBefore(w.term, T).filter(t => { const i = chunkOf(chunks, t); return mine.has(i) || (mine.size < 3 && mine.add(i)); });
    for (const i of mine) need.add(i);
  }
  await Promise.all([...need].map(i => load(chunkFile(chunks, i), c).then(d => { dicts[i] = d; })));
  const entry = t => { const d = dicts[chunkOf(chunks, t)]; return Object.hasOwn(d, t) ? d[t] : null; }; // not "constructor"'s
  const unknown = [], filters = [];
  for (const k in F) { const e = entry(facet[k]); if (e) filters.push([facet[k], e]); else unknown.push(k); }
  let partial = false;
  const groups = ws.map(g => {
    const alts = [], add = (term, e, prefix) => { if (e && !alts.some(a => a.term === term)) alts.push({ term, e, prefix }); };
    for (const w of g) {
      if (!w.prefix) { add(w.term, entry(w.term)); continue; }
      const dict = {};
      for (let i = w.r.from; i <= w.r.to; i++) Object.assign(dict, dicts[i]);
      const ts = expand(dict, w.term, 20);
      if (w.r.cut || ts.length === 20) partial = true;
      for (const t of ts.concat(w.stems)) add(t, entry(t), 1);
    }
    return alts;
  });
  // Postings: top blocks; the rest for filters, and for query words when filtering or asked.
  const rest = [], more = (t, e, into) => rest.push(load("o/" + e[2], c).then(o => into.push(decode(o[t]))));
  const sets = filters.map(([t, e]) => { const l = [decode(e[1])]; if (e[2]) more(t, e, l); return l; });
  for (const a of groups.flat()) {
    a.df = a.e[0];
    a.lists = [decode(a.e[1])];
    if (a.e[2] && (all || filters.length) && !a.prefix) more(a.term, a.e, a.lists); else if (a.e[2]) partial = true;
  }
  await Promise.all(rest);
  const ranked = rank(groups, meta.docs, filters.length ? intersect(sets) : null);
  return { ranked, partial, unknown, groups, ws, meta, lang, T, dicts, chunks };
}
if (typeof document === "undefined") {
  module.exports = { decode, idf, chunkOf, chunkFile, prefixChunks, expand, stemsBefore, rank, intersect, distance, words, query };
  return;
}

const D = document, me = D.currentScript, src = me.getAttribute("src") || "", $ = id => D.getElementById(id);
const base = new URL("search/", me.src).href, siteRoot = new URL(".", me.src).href;
const relative = !/^(\/|[a-z][a-z0-9+.-]*:)/i.test(src), fileMode = location.protocol === "file:";
D.addEventListener("keydown", e => {
  const t = e.target, box = $("search-q") || $("site-search-input");
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INP|TEX|SEL)/.test(t.tagName) || !box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
const app = $("search");
if (!app) return;

const S = app.dataset, form = $("search-form"), box = $("search-q"), status = $("search-status");
const notice = $("search-notice"), list = $("search-results"), moreButton = $("search-more");
const fmt = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => (k in o ? o[k] : m));
const kindLabel = k => S["kind" + k.charAt(0).toUpperCase() + k.slice(1)] || k;
const el = (tag, cls, text) => Object.assign(D.createElement(tag), cls ? { className: cls } : {}, text != null ? { textContent: text } : {});

// Each file loads once; a newer query aborts the unfinished requests of the one before.
const cache = {}, done = {}, waiting = {};
let ctl = null;
window.kennisSearch = (name, data) => { const f = waiting[name]; delete waiting[name]; if (f) f(data); };
function load(name, c) { // c: the AbortController of the query that asks
  if (cache[name]) return cache[name];
  const url = base + name + ".js";
  let p = fileMode ? new Promise((ok, fail) => {
    const s = D.createElement("script");
    waiting[name] = ok;
    s.src = url;
    s.onload = s.onerror = () => { s.remove(); if (waiting[name]) { delete waiting[name]; fail(new Error(name)); } };
    D.head.append(s);
  }) : fetch(url, c ? { signal: c.signal } : {})
    .then(r => { if (!r.ok) throw new Error(name + ": " + r.status); return r.text(); })
    .then(t => JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(");"))));
  if (c) c.names.push(name);
  p = p.then(v => { done[name] = 1; return v; }, e => { if (cache[name] === p) delete cache[name]; throw e; });
  return (cache[name] = p);
}
function fresh() {
  if (ctl) { ctl.abort(); for (const n of ctl.names) if (!done[n]) delete cache[n]; }
  if (!fileMode) { ctl = new AbortController(); ctl.names = []; }
}
const all = ps => Promise.all(ps);

// A record's URL as written, or in relative-URL mode from the root, folders as index.html.
function href(url) {
  if (!relative) return url;
  const root = S.root || "/", [p, hash] = url.split("#");
  let path = p.startsWith(root) ? p.slice(root.length) : p.replace(/^\//, "");
  if (!path || path.endsWith("/")) path += "index.html";
  return new URL(path, siteRoot).href + (hash != null ? "#" + hash : "");
}

const params = new URLSearchParams(location.search), F = {};
for (const k in FACETS) if (params.get(k)) F[k] = params.get(k);
box.value = params.get("q") || "";
let seq = 0, shown = 10, wantAll = false, found = null, timer = 0, logTimer = 0, logged = "", logOn = false;
function setUrl(q) {
  const p = new URLSearchParams(q ? { q } : {});
  for (const k in F) p.set(k, F[k]);
  try { history.replaceState(null, "", p.toString() ? "?" + p : location.pathname); } catch (e) { /* file:// */ }
}

async function search() {
  const my = ++seq, q = box.value;
  fresh();
  const c = ctl;
  setUrl(q.trim() && q);
  if (!q.trim()) return show();
  try {
    const f = await query(q, F, load, c, window.KennisText, wantAll);
    if (my !== seq) return;
    f.notes = f.unknown.map(k => fmt(S.unknown, { name: S[k], value: F[k] })); // left out, with a notice
    for (const k of f.unknown) delete F[k];
    if (f.unknown.length) setUrl(q);
    found = Object.assign(f, { q });
    logOn = f.meta.log;
    await render(my);
  } catch (e) {
    if (e.name !== "AbortError" && my === seq) { show(); status.textContent = S.failed; }
  }
}

// Words to mark: those whose terms meet the query's, or that start with the word typed.
function hitTest(f) {
  const exact = new Set(f.groups.flat().map(a => a.term)), pre = f.ws.flat().filter(w => w.prefix).map(w => w.term);
  const low = s => s.toLowerCase(), T = f.T || { fold: low, terms: s => [low(s)] };
  return (word, lang) => T.terms(word, lang).some(t => exact.has(t)) || pre.some(p => T.fold(word).startsWith(p));
}
const WORD = /[\p{L}\p{N}\p{M}]+(?:[-_.:'’][\p{L}\p{N}\p{M}]+)*/gu;
function marked(node, text, hit, cut) {
  const ms = [...text.matchAll(WORD)].filter(m => hit(m[0])).map(m => [m.index, m.index + m[0].length]);
  let from = 0, to = text.length;
  if (cut && to > cut) {
    if (ms.length && ms[0][0] > cut / 3) from = text.indexOf(" ", ms[0][0] - cut / 3) + 1;
    to = Math.min(to, from + cut);
    const sp = text.lastIndexOf(" ", to);
    if (to < text.length && sp > from) to = sp;
  }
  if (from) node.append("… ");
  let at = from;
  for (const [a, b] of ms) if (a >= at && b <= to) { node.append(text.slice(at, a), el("mark", "", text.slice(a, b))); at = b; }
  node.append(text.slice(at, to), to < text.length ? " …" : "");
  return node;
}

async function render(my) { // the results shown first, then the filters from 20 more records
  const f = found, r = f.ranked, head = r.slice(0, shown), c = ctl, get = x => load("d/" + x.doc, c);
  const [recs, xs] = await all([all(head.map(get)), all(head.map(x => load("x/" + x.doc, c)))]);
  if (my !== seq) return;
  const hit = hitTest(f);
  list.replaceChildren(...xs.map((x, i) => item(head[i], recs[i], x, i + 1, hit)));
  performance.mark("kennis-search-shown"); // what the first query costs: tests/integration/search_bytes.rs
  const extra = all(r.slice(shown, shown + 20).map(get)).catch(() => null);
  status.textContent = !r.length ? fmt(S.none, { q: f.q })
    : r.length === 1 && !f.partial ? S.countOne : fmt(S.count, { n: r.length + (f.partial ? "+" : "") });
  notice.replaceChildren(...f.notes.map(n => el("p", "", n)));
  if (!r.length || f.groups.some(g => !g.length)) suggest(f);
  notice.hidden = !notice.firstChild;
  moreButton.hidden = !(r.length > shown || (f.partial && !wantAll));
  clearTimeout(logTimer);
  logTimer = setTimeout(() => beacon(""), 1500);
  const more = await extra;
  if (more && my === seq) facets(recs.concat(more), recs.length + more.length === r.length && !f.partial);
}

function item(x, rec, ex, n, hit) {
  const li = el("li", "search-result"), h = el("h2", "search-result-title"), a = el("a", "", rec.title);
  const m = el("p", "search-result-meta"), kind = /^[a-z]+$/.test(rec.kind) ? rec.kind : "page";
  a.href = href(rec.url);
  a.dataset.rank = n;
  h.append(a);
  m.append(el("span", "badge badge-kind badge-" + kind, kindLabel(rec.kind || "")));
  for (const l of [rec.communities, rec.authors]) if (l && l.length) m.append(el("span", "", l.map(v => v[1]).join(", ")));
  if (rec.date) {
    m.append(Object.assign(el("time", "", new Date(rec.date + "T12:00").toLocaleDateString(D.documentElement.lang || undefined,
      { dateStyle: "medium" })), { dateTime: rec.date }));
  }
  li.append(h, m);
  const secs = ex.sections || [], lang = rec.lang || found.lang, rhit = w => hit(w, lang);
  const matching = secs.map((_, i) => i).filter(i => i < 31 && x.sec & (1 << i));
  // The excerpt from a matching part without a heading; those with one are sub-results.
  const plain = matching.filter(i => !secs[i][0]), subs = matching.filter(i => secs[i][0]).slice(0, 3);
  const main = plain.length ? plain[0] : subs.length ? -1 : 0;
  if (secs[main] && secs[main][2]) li.append(marked(el("p", "search-excerpt"), secs[main][2], rhit, 220));
  if (subs.length) {
    const ul = el("ul", "search-subresults");
    for (const i of subs) {
      const sl = el("li"), sa = marked(el("a"), secs[i][1] || secs[i][0], rhit, 0);
      sa.href = href(rec.url.split("#")[0] + "#" + secs[i][0]);
      sa.dataset.rank = n;
      sl.append(sa);
      if (secs[i][2]) sl.append(marked(el("span", "search-subexcerpt"), secs[i][2], rhit, 120));
      ul.append(sl);
    }
    li.append(ul);
  }
  return li;
}

// Nothing found: search without the filters, or with a dictionary term close to a word.
function button(text, go) {
  const b = el("button", "search-suggest-button", text);
  b.type = "button";
  b.onclick = go;
  return b;
}
function suggest(f) {
  const p = el("p", "search-suggest");
  if (Object.keys(F).length && !f.ranked.length) p.append(button(S.dropFilters, () => { for (const k in F) delete F[k]; search(); }));
  f.ws.forEach((g, i) => {
    const bad = g[0].term, dict = f.dicts[chunkOf(f.chunks, bad)] || {};
    let best = null, bd = 3;
    if (f.groups[i].length) return;
    for (const t in dict) {
      const d = t[0] === "~" ? 3 : distance(bad, t, 2);
      if (d < bd || (d === bd && best && dict[t][0] > dict[best][0])) { best = t; bd = d; }
    }
    if (!best) return;
    const nq = f.q.split(/\s+/).map(w => (words(w, f.lang, f.T).flat().some(y => y.term === bad) ? best : w)).join(" ");
    p.append(button(fmt(S.tryWord, { word: nq }), () => { box.value = nq; search(); }));
  });
  if (p.firstChild) notice.append(p);
}

// Filters: options and counts from the records loaded ("3+" if not all results').
function facets(recs, exact) {
  const c = { community: new Map(), kind: new Map(), author: new Map(), tag: new Map() };
  const add = (k, v, label) => { const e = c[k].get(v); if (e) e[1]++; else if (v != null) c[k].set(v, [label, 1]); };
  for (const r of recs) {
    for (const k of ["community", "author", "tag"]) for (const [v, t] of r[k === "community" ? "communities" : k + "s"] || []) add(k, v, t);
    if (r.kind) add("kind", r.kind, kindLabel(r.kind));
  }
  for (const k in c) {
    const sel = form.elements[k], cur = F[k] || "";
    const rows = [...c[k]].sort((a, b) => b[1][1] - a[1][1] || a[1][0].localeCompare(b[1][0]));
    sel.replaceChildren(new Option(S.any, ""), ...(cur && !c[k].has(cur) ? [new Option(cur, cur)] : []),
      ...rows.map(([v, [label, n]]) => new Option(label + " (" + n + (exact ? "" : "+") + ")", v)));
    sel.value = cur;
  }
  form.elements.status.checked = F.status === "unanswered";
  $("search-filters").hidden = false;
}

function show() {
  found = null;
  list.replaceChildren();
  notice.hidden = moreButton.hidden = true;
  status.textContent = "";
}

// search: { log: true }: the settled query, its result count, the rank opened; a GET
// without cookies that outlives the page, never from disk.
function beacon(open) {
  const f = found, key = f && f.q + "\n" + f.ranked.length + "\n" + open;
  clearTimeout(logTimer);
  if (!f || !logOn || fileMode || key === logged) return;
  logged = key;
  const url = base + "log.txt?" + new URLSearchParams({ q: f.q, n: f.ranked.length, open });
  fetch(url, { keepalive: true, credentials: "omit", cache: "no-store" }).catch(() => {});
}

box.addEventListener("input", () => { clearTimeout(timer); shown = 10; wantAll = false; timer = setTimeout(search, 40); });
form.addEventListener("change", e => {
  const t = e.target, k = t.name;
  if (!(k in FACETS)) return;
  if (t.type === "checkbox" ? t.checked : t.value) F[k] = t.value; else delete F[k];
  shown = 10;
  search();
});
form.addEventListener("submit", e => { e.preventDefault(); clearTimeout(timer); search(); });
moreButton.addEventListener("click", () => {
  shown += 10;
  if (found && shown >= found.ranked.length && found.partial && !wantAll) { wantAll = true; search(); } else if (found) render(seq);
});
app.addEventListener("keydown", e => { // arrows move between the results' titles and the box
  const up = e.key === "ArrowUp";
  if (!up && e.key !== "ArrowDown") return;
  const links = [...list.querySelectorAll(".search-result-title a")], i = links.indexOf(D.activeElement);
  if (e.target === box ? up || !links.length : i < 0) return;
  e.preventDefault();
  const n = e.target === box ? 0 : up ? i - 1 : Math.min(i + 1, links.length - 1);
  (n < 0 ? box : links[n]).focus();
});
list.addEventListener("click", e => { const a = e.target.closest("a[data-rank]"); if (a) beacon(a.dataset.rank); });
if (box.value.trim()) search();
})();
