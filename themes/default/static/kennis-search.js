/* kennis search client (default theme). A classic script, no dependency, no build step.
   Every page: `/` focuses the search box. The search page (`#search`): loads search/meta.js,
   then per query only the term chunks, postings, records and excerpts it needs (format:
   docs/search-format.md); ranks, filters, renders with DOM APIs only. Files load by fetch
   over http(s) and as <script> elements over file://. Under node it exports its pure parts. */
(function () {
  "use strict";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const VAL = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) VAL[B64.charCodeAt(i)] = i;

  // A postings string as a flat array [doc, impact, sections, doc, …], doc ids absolute.
  function decode(s) {
    const out = [];
    let n = 0, mul = 1, k = 0, doc = 0;
    for (let i = 0; i < s.length; i++) {
      const v = VAL[s.charCodeAt(i)];
      if (v < 0) throw new Error("bad postings character " + s[i]);
      n += (v & 31) * mul;
      if (v & 32) { mul *= 32; continue; }
      if (k === 0) out.push(doc += n); else out.push(n);
      k = (k + 1) % 3; n = 0; mul = 1;
    }
    return out;
  }

  const idf = (df, N) => Math.log(1 + (N - df + 0.5) / (df + 0.5));

  // The chunk holding `t`: the last i with chunks[i] <= t (0 when t sorts before all).
  function chunkOf(chunks, t) {
    let lo = 0, hi = chunks.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (chunks[m] <= t) lo = m; else hi = m - 1;
    }
    return lo;
  }

  // The chunks covering [p, p+'\uffff'), at most `max`; `cut` when more would be needed.
  function prefixChunks(chunks, p, max) {
    const a = chunkOf(chunks, p), b = chunkOf(chunks, p + "\uffff");
    return { from: a, to: Math.min(b, a + max - 1), cut: b > a + max - 1 };
  }

  // Dictionary terms starting with p, the `limit` most frequent (ties in term order).
  function expand(dict, p, limit) {
    return Object.keys(dict).filter(t => t.startsWith(p))
      .sort((a, b) => dict[b][0] - dict[a][0] || (a < b ? -1 : 1)).slice(0, limit);
  }

  // groups: one per query word, each a list of alternatives { df, lists: [flat postings] }.
  // A word scores its best alternative; docs matching more words come first, then by score.
  function rank(groups, N, allow) {
    const acc = new Map();
    for (const alts of groups) {
      const m = new Map();
      for (const a of alts) {
        const w = idf(a.df, N);
        for (const p of a.lists) {
          for (let i = 0; i < p.length; i += 3) {
            const d = p[i];
            if (allow && !allow.has(d)) continue;
            const s = p[i + 1] * w, e = m.get(d);
            if (!e) m.set(d, [s, p[i + 2]]);
            else { if (s > e[0]) e[0] = s; e[1] |= p[i + 2]; }
          }
        }
      }
      for (const [d, [s, sec]] of m) {
        const r = acc.get(d);
        if (r) { r.score += s; r.hits++; r.sec |= sec; } else acc.set(d, { doc: d, score: s, hits: 1, sec });
      }
    }
    return [...acc.values()].sort((a, b) => b.hits - a.hits || b.score - a.score || a.doc - b.doc);
  }

  // The docs in every one of `sets` (each a list of flat postings arrays): a filter's AND.
  function intersect(sets) {
    let out = null;
    for (const lists of sets) {
      const s = new Set();
      for (const p of lists) for (let i = 0; i < p.length; i += 3) if (!out || out.has(p[i])) s.add(p[i]);
      out = s;
    }
    return out;
  }

  // Edit distance, or max+1 when over `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      if (Math.min(...cur) > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // The query as words, each a list of { term, prefix } alternatives. With KennisText,
  // its queryTerms; a prefix entry joins the word before it when that word is the last one.
  function words(q, lang, T) {
    const list = T ? T.queryTerms(q, lang) : q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
      .map((term, i, a) => ({ term, prefix: i === a.length - 1 && !/\s$/.test(q) }));
    const out = [];
    list.forEach((w, i) => {
      const prev = out[out.length - 1];
      if (w.prefix && prev && i === list.length - 1 && !prev[0].prefix && T) prev.push(w); else out.push([w]);
    });
    return out;
  }

  const core = { decode, idf, chunkOf, prefixChunks, expand, rank, intersect, distance, words };
  if (typeof document === "undefined") { module.exports = core; return; }

  const D = document, me = D.currentScript, src = me.getAttribute("src") || "";
  const base = new URL("search/", me.src).href, siteRoot = new URL(".", me.src).href;
  const relative = !/^(\/|[a-z][a-z0-9+.-]*:)/i.test(src), fileMode = location.protocol === "file:";
  const app = D.getElementById("search");

  D.addEventListener("keydown", e => {
    const t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    const box = D.getElementById("search-q") || D.getElementById("site-search-input");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
  if (!app) return;

  const S = app.dataset, form = D.getElementById("search-form"), box = D.getElementById("search-q");
  const status = D.getElementById("search-status"), notice = D.getElementById("search-notice");
  const list = D.getElementById("search-results"), moreButton = D.getElementById("search-more");
  const FACETS = { community: "~c:", kind: "~k:", author: "~a:", tag: "~t:", status: "~s:" };
  const fmt = (s, o) => s.replace(/\{(\w+)\}/g, (m, k) => (k in o ? o[k] : m));
  const el = (tag, cls, text) => {
    const e = D.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  // Loading: each file once; a newer query aborts the requests of the one before.
  const cache = {}, done = {}, waiting = {};
  let ctl = null;
  window.kennisSearch = (name, data) => {
    const f = waiting[name];
    if (f) { delete waiting[name]; f(data); }
  };
  function load(name, own) {
    if (cache[name]) return cache[name];
    const url = base + name + ".js";
    let p;
    if (fileMode) {
      p = new Promise((ok, fail) => {
        const s = D.createElement("script"), gone = () => {
          s.remove();
          if (waiting[name]) { delete waiting[name]; fail(new Error(name)); }
        };
        waiting[name] = ok;
        s.src = url;
        s.onload = s.onerror = gone;
        D.head.appendChild(s);
      });
    } else {
      const c = own ? ctl : null;
      if (c) c.names.push(name);
      p = fetch(url, c ? { signal: c.signal } : {})
        .then(r => { if (!r.ok) throw new Error(name + ": " + r.status); return r.text(); })
        .then(t => JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(");"))));
    }
    p = p.then(v => { done[name] = 1; return v; }, e => { if (cache[name] === p) delete cache[name]; throw e; });
    return (cache[name] = p);
  }
  function fresh() {
    if (ctl) { ctl.abort(); for (const n of ctl.names) if (!done[n]) delete cache[n]; }
    if (!fileMode) { ctl = new AbortController(); ctl.names = []; }
  }
  const all = ps => Promise.all(ps);

  // A record's URL as a link from this page: as written, or in relative-URL mode from
  // the site's root folder, folders as index.html.
  function href(url) {
    if (!relative) return url;
    const root = S.root || "/";
    let [path, hash] = url.split("#");
    path = path.startsWith(root) ? path.slice(root.length) : path.replace(/^\//, "");
    if (!path || path.endsWith("/")) path += "index.html";
    return new URL(path, siteRoot).href + (hash != null ? "#" + hash : "");
  }

  // State: the query, the filters (from the URL first), what was found.
  const params = new URLSearchParams(location.search);
  const F = {};
  for (const k in FACETS) if (params.get(k)) F[k] = params.get(k);
  box.value = params.get("q") || "";
  let seq = 0, shown = 10, wantAll = false, found = null, timer = 0, logTimer = 0, logged = "";

  function setUrl(q) {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    for (const k in F) p.set(k, F[k]);
    const s = p.toString();
    try { history.replaceState(null, "", s ? "?" + s : location.pathname); } catch (e) { /* file:// */ }
  }

  async function search() {
    const my = ++seq, q = box.value;
    fresh();
    setUrl(q.trim() ? q : "");
    if (!q.trim()) { show(null); return; }
    try {
      const meta = await load("meta"), T = window.KennisText, lang = meta.language, N = meta.docs;
      const ws = words(q, lang, T), chunks = meta.chunks, need = new Set(), facet = {};
      for (const k in F) need.add(chunkOf(chunks, (facet[k] = FACETS[k] + F[k])));
      for (const g of ws) {
        for (const w of g) {
          if (!w.prefix) { need.add(chunkOf(chunks, w.term)); continue; }
          const r = prefixChunks(chunks, w.term, 2);
          for (let i = r.from; i <= r.to; i++) need.add(i);
          w.cut = r.cut; w.chunks = r;
        }
      }
      const dicts = {};
      await all([...need].map(i => load("t/" + i, 1).then(d => { dicts[i] = d; })));
      const entry = t => dicts[chunkOf(chunks, t)][t];
      // Filters: an unknown value is left out, with a notice.
      const notes = [], filterTerms = [];
      for (const k in F) {
        const e = entry(facet[k]);
        if (e) filterTerms.push([facet[k], e]);
        else { notes.push(fmt(S.unknown, { name: S[k], value: F[k] })); delete F[k]; }
      }
      if (notes.length) setUrl(q);
      let partial = false;
      const groups = ws.map(g => {
        const alts = [];
        for (const w of g) {
          if (!w.prefix) {
            const e = entry(w.term);
            if (e) alts.push({ term: w.term, e });
            continue;
          }
          const dict = {};
          for (let i = w.chunks.from; i <= w.chunks.to; i++) Object.assign(dict, dicts[i]);
          const ts = expand(dict, w.term, 20);
          if (w.cut || ts.length === 20) partial = true;
          for (const t of ts) if (!alts.some(a => a.term === t)) alts.push({ term: t, e: dict[t], prefix: 1 });
        }
        return alts;
      });
      // Postings: top blocks; the rest for filters, and for query words when filtering or asked.
      const rest = [], more = (t, e, into) => rest.push(load("o/" + e[2], 1).then(o => into.push(decode(o[t]))));
      const filterLists = filterTerms.map(([t, e]) => {
        const l = [decode(e[1])];
        if (e[2]) more(t, e, l);
        return l;
      });
      for (const alts of groups) {
        for (const a of alts) {
          a.df = a.e[0];
          a.lists = [decode(a.e[1])];
          if (!a.e[2]) continue;
          if ((wantAll || filterTerms.length) && !a.prefix) more(a.term, a.e, a.lists); else partial = true;
        }
      }
      await all(rest);
      const ranked = rank(groups, N, filterTerms.length ? intersect(filterLists) : null);
      if (my !== seq) return;
      found = { q, ranked, partial, groups, ws, lang, T, dicts, chunks, notes };
      await render(my);
    } catch (e) {
      if (e.name !== "AbortError" && my === seq) { show(null); status.textContent = S.failed; }
    }
  }

  // The words to highlight: a word of the text whose terms meet the query's, or that
  // starts with the word being typed.
  function hitTest(f) {
    const exact = new Set(), pre = [];
    f.ws.forEach((g, i) => {
      for (const w of g) if (w.prefix) pre.push(w.term); else exact.add(w.term);
      for (const a of f.groups[i]) exact.add(a.term);
    });
    const fold = f.T ? f.T.fold : s => s.toLowerCase();
    return (word, lang) => (f.T ? f.T.terms(word, lang) : [fold(word)]).some(t => exact.has(t)) ||
      pre.some(p => fold(word).startsWith(p));
  }

  const WORD = /[\p{L}\p{N}\p{M}]+(?:[-_.:'’][\p{L}\p{N}\p{M}]+)*/gu;
  function marked(node, text, hit, cut) {
    const ms = [];
    for (const m of text.matchAll(WORD)) if (hit(m[0])) ms.push([m.index, m.index + m[0].length]);
    let from = 0, to = text.length;
    if (cut && to > cut) {
      if (ms.length && ms[0][0] > cut / 3) from = text.indexOf(" ", ms[0][0] - cut / 3) + 1 || 0;
      to = Math.min(to, from + cut);
      const sp = text.lastIndexOf(" ", to);
      if (to < text.length && sp > from) to = sp;
    }
    if (from) node.append("… ");
    let at = from;
    for (const [a, b] of ms) {
      if (a < at || b > to) continue;
      node.append(text.slice(at, a), el("mark", "", text.slice(a, b)));
      at = b;
    }
    node.append(text.slice(at, to));
    if (to < text.length) node.append(" …");
    return node;
  }

  async function render(my) {
    const f = found, r = f.ranked, top = r.slice(0, shown + 20);
    const recs = await all(top.map(x => load("d/" + x.doc, 1)));
    const xs = await all(top.slice(0, shown).map(x => load("x/" + x.doc, 1)));
    if (my !== seq) return;
    const hit = hitTest(f);
    list.replaceChildren(...xs.map((x, i) => item(top[i], recs[i], x, i + 1, hit)));
    const total = r.length + (f.partial ? "+" : "");
    status.textContent = r.length ? (r.length === 1 && !f.partial ? S.countOne : fmt(S.count, { n: total }))
      : fmt(S.none, { q: f.q });
    notice.replaceChildren();
    for (const n of f.notes) notice.append(el("p", "", n));
    if (!r.length || f.groups.some(g => !g.length)) suggest(f);
    notice.hidden = !notice.firstChild;
    facets(recs, recs.length === r.length && !f.partial);
    moreButton.hidden = !(r.length > shown || (f.partial && !wantAll));
    clearTimeout(logTimer);
    logTimer = setTimeout(() => {
      if (logged !== f.q + "\n" + r.length) { logged = f.q + "\n" + r.length; beacon(f.q, r.length, ""); }
    }, 1500);
  }

  const kindLabel = k => S["kind" + k.charAt(0).toUpperCase() + k.slice(1)] || k;
  function item(x, rec, ex, n, hit) {
    const li = el("li", "search-result"), h = el("h2", "search-result-title"), a = el("a", "", rec.title);
    a.href = href(rec.url);
    a.dataset.rank = n;
    h.append(a);
    const m = el("p", "search-result-meta"), kind = /^[a-z]+$/.test(rec.kind) ? rec.kind : "page";
    m.append(el("span", "badge badge-kind badge-" + kind, kindLabel(rec.kind || "")));
    const names = l => (l || []).map(v => v[1]).join(", ");
    for (const t of [names(rec.communities), names(rec.authors)]) if (t) m.append(el("span", "", t));
    if (rec.date) {
      const t = el("time", "", new Date(rec.date + "T12:00:00").toLocaleDateString(D.documentElement.lang || undefined,
        { year: "numeric", month: "short", day: "numeric" }));
      t.dateTime = rec.date;
      m.append(t);
    }
    li.append(h, m);
    const secs = ex.sections || [], matching = [];
    for (let i = 0; i < secs.length && i < 31; i++) if (x.sec & (1 << i)) matching.push(i);
    const lang = rec.lang || found.lang, rhit = w => hit(w, lang);
    // The page's excerpt from a matching part without a heading; each matching section
    // with one is a sub-result linking to it.
    const plain = matching.filter(i => !secs[i][0]), subs = matching.filter(i => secs[i][0]).slice(0, 3);
    const main = plain.length ? plain[0] : subs.length ? -1 : 0;
    if (main >= 0 && secs[main] && secs[main][2]) li.append(marked(el("p", "search-excerpt"), secs[main][2], rhit, 220));
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

  // "No results": drop the filters, or a dictionary term close to a word not found.
  function suggest(f) {
    const p = el("p", "search-suggest");
    if (Object.keys(F).length && !f.ranked.length) {
      const b = el("button", "search-suggest-button", S.dropFilters);
      b.type = "button";
      b.onclick = () => { for (const k in F) delete F[k]; search(); };
      p.append(b);
    }
    f.ws.forEach((g, i) => {
      if (f.groups[i].length) return;
      const bad = g[0].term, dict = f.dicts[chunkOf(f.chunks, bad)] || {};
      let best = null, bd = 3;
      for (const t in dict) {
        if (t[0] === "~") continue;
        const d = distance(bad, t, 2);
        if (d < bd || (d === bd && best && dict[t][0] > dict[best][0])) { best = t; bd = d; }
      }
      if (!best) return;
      const nq = f.q.split(/\s+/).map(w => (words(w, f.lang, f.T).some(x => x.some(y => y.term === bad)) ? best : w)).join(" ");
      const b = el("button", "search-suggest-button", fmt(S.tryWord, { word: nq }));
      b.type = "button";
      b.onclick = () => { box.value = nq; search(); };
      p.append(b);
    });
    if (p.firstChild) notice.append(p);
  }

  // Filters: options from the records loaded, with their counts ("3+" when not every
  // result's record was loaded).
  function facets(recs, exact) {
    const c = { community: new Map(), kind: new Map(), author: new Map(), tag: new Map() };
    const add = (k, v, label) => {
      if (v == null) return;
      const e = c[k].get(v);
      if (e) e[1]++; else c[k].set(v, [label, 1]);
    };
    for (const r of recs) {
      for (const [v, t] of r.communities || []) add("community", v, t);
      if (r.kind) add("kind", r.kind, kindLabel(r.kind));
      for (const [v, t] of r.authors || []) add("author", v, t);
      for (const [v, t] of r.tags || []) add("tag", v, t);
    }
    for (const k in c) {
      const sel = form.elements[k], cur = F[k] || "", rows = [...c[k]];
      rows.sort((a, b) => b[1][1] - a[1][1] || a[1][0].localeCompare(b[1][0]));
      sel.replaceChildren(new Option(S.any, ""));
      if (cur && !c[k].has(cur)) sel.append(new Option(cur, cur));
      for (const [v, [label, n]] of rows) sel.append(new Option(label + " (" + n + (exact ? "" : "+") + ")", v));
      sel.value = cur;
    }
    form.elements.status.checked = F.status === "unanswered";
    D.getElementById("search-filters").hidden = false;
  }

  function show(f) {
    found = f;
    list.replaceChildren();
    notice.replaceChildren();
    notice.hidden = true;
    status.textContent = "";
    moreButton.hidden = true;
  }

  // The log beacon (search: { log: true }): the settled query, its number of results and
  // the rank of the result opened; a GET without cookies that outlives the page. Never from disk.
  let logOn = false;
  load("meta").then(m => { logOn = !!m.log; }, () => {});
  function beacon(q, n, open) {
    if (!logOn || fileMode) return;
    const url = base + "log.txt?" + new URLSearchParams({ q, n, open });
    if ("keepalive" in Request.prototype) fetch(url, { keepalive: true, credentials: "omit", cache: "no-store" }).catch(() => {});
    else if (navigator.sendBeacon) navigator.sendBeacon(url);
  }

  // Events: debounced typing, filters, submit, show more, arrows, opening a result.
  box.addEventListener("input", () => { clearTimeout(timer); shown = 10; wantAll = false; timer = setTimeout(search, 40); });
  form.addEventListener("change", e => {
    const t = e.target, k = t.name;
    if (!(k in FACETS)) return;
    if (k === "status") { if (t.checked) F.status = "unanswered"; else delete F.status; } else if (t.value) F[k] = t.value; else delete F[k];
    shown = 10;
    search();
  });
  form.addEventListener("submit", e => { e.preventDefault(); clearTimeout(timer); search(); });
  moreButton.addEventListener("click", () => {
    shown += 10;
    if (found && shown >= found.ranked.length && found.partial && !wantAll) { wantAll = true; search(); } else if (found) render(seq);
  });
  app.addEventListener("keydown", e => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll(".search-result-title a")], i = links.indexOf(D.activeElement);
    if (e.target === box) {
      if (e.key === "ArrowDown" && links[0]) { e.preventDefault(); links[0].focus(); }
      return;
    }
    if (i < 0) return;
    e.preventDefault();
    const n = e.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
    (n < 0 ? box : links[n]).focus();
  });
  list.addEventListener("click", e => {
    const a = e.target.closest("a[data-rank]");
    if (a && found) { clearTimeout(logTimer); logged = found.q + "\n" + found.ranked.length; beacon(found.q, found.ranked.length, a.dataset.rank); }
  });
  if (box.value.trim()) search();
})();
