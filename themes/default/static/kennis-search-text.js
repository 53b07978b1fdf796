/* kennis search text: terms exactly as src/search/text.rs makes them (a test checks).
 * KennisText, with lang "en", "nl", "nl-BE"... (others: folded, not stemmed):
 *   terms(text, lang) -> ["term", ...]  every term, in order
 *   fold(word) -> "word"                NFKD, accents dropped, lower case, NFC
 *   queryTerms(text, lang) -> [{ term, prefix, word }, ...]  a query's terms. Entries of
 *     one `word` are alternatives; all words are wanted. Unless text ends in white space
 *     its last word gives its folded form as a prefix (prefix: true) and its stem. Stop
 *     words give nothing unless typed; an identifier (snake_case, v1.2) is one term. */
var KennisText = (() => {
  const UPPER = /\p{Uppercase}/u, LOWER = /\p{Lowercase}/u;
  const IDEO = "\u2E80-\u2FDF\u3040-\u312F\u31A0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}", PLAIN = "(?:(?![" + IDEO + "])[\\p{Alphabetic}\\p{N}\\p{M}])";
  const TOKEN = new RegExp("[" + IDEO + "]\\p{M}*|" + PLAIN + "+(?:(?:[_\\-.:]+|['\u2019])" + PLAIN + "+)*", "gu");
  const DIACRITIC = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
  const words = s => s.split(" ");
  const STOP = {
    en: new Set(words("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with")),
    nl: new Set(words("aan al als bij dan dat de der deze die dit door een en er het hij hoe ik in is je maar met na naar niet nog of om ook op te tot uit van voor was wat werd wie wij zal ze zich zij zijn zo"))
  };
  // "suffix:replacement ..." or "suffix:conditions:replacement ..." as a Map.
  const table = s => new Map(words(s).map(r => { const [k, ...v] = r.split(":"); return [k, v]; }));
  const SPECIAL = table("ß:ss æ:ae œ:oe þ:th ø:o ł:l đ:d ð:d ı:i ς:σ");
  const has = (chars, c) => !!c && chars.includes(c);
  const isV = c => has("aeiouy", c), isAeiou = c => has("aeiou", c);
  const longest = (w, suffixes) => {
    let best = null;
    for (const s of suffixes) if ((!best || s.length > best.length) && w.endsWith(s)) best = s;
    return best;
  };

  // ---- English: Snowball 3.0's Porter2 (src/search/text/stem_en.rs) ----
  const EN_EXCEPTIONS = table("skis:ski skies:sky idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky news howe atlas cosmos bias andes");
  const EN_R1 = words("gener commun arsen past univers later emerg organ inter");
  const EN_2 = table("tional:tion enci:ence anci:ance abli:able entli:ent izer:ize ization:ize ational:ate ation:ate ator:ate alism:al aliti:al alli:al fulness:ful ousli:ous ousness:ous iveness:ive iviti:ive biliti:ble bli:ble ogist:og ogi:og fulli:ful lessli:less li:");
  const EN_3 = table("tional:tion ational:ate alize:al icate:ic iciti:ic ical:ic ful: ness: ative:");
  const EN_4 = words("al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion");

  // From i: the end of the first vowel and the non-vowel after it.
  const regionAfter = (w, i) => {
    const m = /[aeiouy][^aeiouy]/.exec(w.slice(i));
    return m ? i + m.index + 2 : w.length;
  };
  const shortSyllable = w => /[^aeiouy][aeiouy][^aeiouywxY]$|^[aeiouy][^aeiouy]$|past$/.test(w);
  const stemEn = word => {
    if (EN_EXCEPTIONS.has(word)) return EN_EXCEPTIONS.get(word)[0] || word;
    if (word.length < 3) return word;
    let w = "", p1 = 0;
    for (const c of word) w += c === "y" && (w === "" || isV(w[w.length - 1])) ? "Y" : c;
    for (const p of EN_R1) if (w.startsWith(p) && p.length > p1) p1 = p.length;
    if (!p1) p1 = regionAfter(w, 0);
    const p2 = regionAfter(w, p1);
    let s, at;
    const find = list => { s = longest(w, list); at = s ? w.length - s.length : 0; return s; };
    // Step 1a
    find(words("sses ied ies s us ss"));
    if (s === "sses") w = w.slice(0, at + 2);
    else if (s === "ied" || s === "ies") w = w.slice(0, at) + (at > 1 ? "i" : "ie");
    else if (s === "s" && at >= 1 && /[aeiouy]/.test(w.slice(0, at - 1))) w = w.slice(0, at);
    w = step1b(w, p1);
    let n = w.length;
    if (n > 2 && has("yY", w[n - 1]) && !isV(w[n - 2])) w = w.slice(0, -1) + "i";
    // Steps 2, 3, 4
    if (find(EN_2.keys()) && at >= p1 && (s === "ogi" ? w[at - 1] === "l" : s !== "li" || has("cdeghkmnrt", w[at - 1]))) {
      w = w.slice(0, at) + EN_2.get(s)[0];
    }
    if (find(EN_3.keys()) && at >= p1 && !(s === "ative" && at < p2)) w = w.slice(0, at) + EN_3.get(s)[0];
    if (find(EN_4) && at >= p2 && (s !== "ion" || has("st", w[at - 1]))) w = w.slice(0, at);
    // Step 5
    n = w.length;
    if (w.endsWith("e") ? n - 1 >= p2 || (n - 1 >= p1 && !shortSyllable(w.slice(0, -1))) : w.endsWith("ll") && n > p2) {
      w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  };
  const step1b = (w, p1) => {
    const s = longest(w, words("eed eedly ed edly ing ingly"));
    if (!s) return w;
    const at = w.length - s.length, before = w.slice(0, at);
    if (s.startsWith("eed")) return at >= p1 && !/^(proc|exc|succ)$/.test(before) ? before + "ee" : w;
    if (s === "ing" && before.endsWith("y") && at === 2 && !isV(before[0])) return before.slice(0, -1) + "ie";
    if (s === "ing" && /^(inn|out|cann|herr|earr|even)$/.test(before)) return w;
    if (!/[aeiouy]/.test(before)) return w;
    if (/(at|bl|iz)$/.test(before)) return before + "e";
    if (/([bdfgmnprt])\1$/.test(before)) return /^[aeo]..$/.test(before) ? before : before.slice(0, -1);
    return at === p1 && shortSyllable(before) ? before + "e" : before;
  };

  // ---- Dutch: Snowball 3.0's Kraaij-Pohlmann, plus kennis's additions (stem_nl.rs) ----
  // Conditions: 1, 2 = suffix in R1, R2; C, V = consonant, vowel before it; + = lengthen.
  const NL_1 = table("s:1C: ies:1:ie es:1C:e aus:1V:au en:1C+: nde::nd ieen::ie eeen::ee");
  const NL_2 = table("je:1C: ge:1:g lijke:1:lijk ische:1:isch de:1C: te:1:t se:1:s re:1:r le:1+:l ene:1C+:en ieve:1C:ief");
  const NL_3 = table("atie:1:eer iteit:1+: heid:1: sel:1: ster:1: rder::r ing:1+: isme:1+: erij:1+: arij:1C:aar fie:2+:f gie:2+:g tst:1C:t dst:1C:d");
  const NL_4 = table("ioneel:1:ie atief:1:eer baar:1: naar:1V:n laar:1V:l raar:1V:r tant:1:teer lijker:1:lijk lijkst:1:lijk achtig:1: achtiger:1: achtigst:1: eriger:1C+: erigst:1C+: erig:1C+: end:1C+:");
  const NL_4B = table("iger:1C+: igst:1C+: ig:1C+:");

  const stemNl = word => {
    let w = word, p1, p2, stemmed;
    const ends = (at, s) => w.slice(0, at).endsWith(s);
    const V = at => (at >= 1 && isV(w[at - 1])) || ends(at, "ij");
    const C = at => !ends(at, "ij") && at >= 1 && !isV(w[at - 1]);
    const R1 = at => p1 <= at;
    const tail = (at, s) => { w = w.slice(0, at) + s; return true; };
    const chop = (at, s) => tail(at, s) && lengthen();
    const lengthen = () => {
      const n = w.length, at = n - 2, v = w[at], open = at === 0 || !isAeiou(w[at - 1]);
      if (n >= 2 && !has("aeiouywx", w[n - 1]) && (has("aou", v) ? open : v === "e" && open &&
          !(at >= 2 && (has("aiou", w[at - 2]) || (w[at - 2] === "e" && at === 2))) &&
          !(at >= 4 && has("aiou", w[at - 3]) && !isAeiou(w[at - 4])))) {
        w = w.slice(0, at) + v + w.slice(at);
      }
      return true;
    };
    // Past the non-vowels from i, then the vowels (and ij): [start, end] of the vowels.
    const vowels = i => {
      while (i < w.length && !isV(w[i])) i++;
      const start = i;
      while (w.startsWith("ij", i) || isV(w[i])) i += w.startsWith("ij", i) ? 2 : 1;
      return [start, i];
    };
    const syllableEnd = from => {
      const [start, end] = vowels(from);
      return end > start && end < w.length && !isV(w[end]) ? end + 1 : -1;
    };
    const measure = () => {
      p1 = p2 = w.length;
      const e = syllableEnd(0);
      if (e >= 0) { p1 = e; p2 = syllableEnd(p1); if (p2 < 0) p2 = w.length; }
    };
    // The longest suffix of rules, unless special settles it.
    const step = (rules, special) => {
      const s = longest(w, rules.keys());
      if (!s) return false;
      const at = w.length - s.length, done = special && special(s, at);
      if (done != null) return done;
      const [cond, to] = rules.get(s);
      if ((cond.includes("1") && !R1(at)) || (cond.includes("2") && p2 > at) ||
          (cond.includes("C") && !C(at)) || (cond.includes("V") && !V(at))) return false;
      return cond.includes("+") ? chop(at, to) : tail(at, to);
    };
    const step1 = () => step(NL_1, (s, at) => {
      if (s === "s" && ends(at, "t") && R1(at - 1)) return false;
      if (s === "es") {
        if (ends(at, "ar") && R1(at - 2) && C(at - 2)) return chop(at, "");
        if (ends(at, "er") && R1(at - 2) && C(at - 2)) return tail(at, "");
      }
      if (s === "en") {
        if (ends(at, "hed") && R1(at - 3)) return tail(at - 3, "heid");
        if (ends(at, "nd")) return tail(at, "");
        if (ends(at, "d") && R1(at - 1) && C(at - 1)) return tail(at - 1, "");
        if ((ends(at, "i") || ends(at, "j")) && V(at - 1)) return tail(at, "");
      }
    });
    const step2 = () => step(NL_2, (s, at) => {
      if (s !== "je") return;
      if (ends(at, "et") && R1(at - 2) && C(at - 2)) return tail(at - 2, "");
      if (ends(at, "rnt")) return tail(at - 3, "rn");
      if (ends(at, "t") && R1(at - 1) && at >= 2 && V(at - 2)) return tail(at - 1, "");
      if (ends(at, "ink")) return tail(at - 3, "ing");
      if (ends(at, "mp")) return tail(at - 2, "m");
    });
    // Snowball's exceptions: `schilderij` is not `schild`; `innig` is not `in`.
    const step3 = () => step(NL_3, (s, at) => (s === "ing" || s === "isme" || s === "erij") && ends(at, "ild") ? tail(at, "er") : null);
    const step4 = () => step(NL_4) || step(NL_4B, (s, at) => w.slice(0, at) === "inn" ? false : null);
    const step1c = () => {
      const at = w.length - 1, last = w[at], before = w.slice(0, at);
      if (!has("dt", last) || !R1(at) || !C(at)) return;
      if (last === "d") {
        if (!(ends(at, "n") && R1(at - 1))) w = before === "in" ? "inn" : before;
      } else if (!(ends(at, "h") && R1(at - 1)) && before !== "en") w = before;
    };
    // A ge- prefix or infix goes when a syllable follows it (`geleerd`, `opgeleid`).
    const loseGe = at => {
      const [start, end] = vowels(at + 2);
      if (at < 0 || w.length < at + 5 || start >= w.length || end >= w.length) return;
      w = w.slice(0, at) + w.slice(at + 2);
      measure();
      stemmed = true;
      step1c();
    };

    measure();
    stemmed = step1() | step2() | step3() | step4();
    // Snowball's exceptions: `geeft`, `geval`, `gevaar`, `gevaren` keep their ge.
    if (w.startsWith("ge") && !/^ge(eft|val(?!i)|vaa|vare)/.test(w)) loseGe(0);
    loseGe(w.indexOf("ge", 1));
    if (/[kfp]t$/.test(w)) { w = w.slice(0, -1); stemmed = true; }
    if (stemmed) {
      if (/([^aeiouy])\1$/.test(w)) { if (w !== "inn") w = w.slice(0, -1); }
      else w = w.replace(/v$/, "f").replace(/z$/, "s");
    }
    return /([aeiou][aeiou]|ij)[lmnrs]t$/.test(w) ? w.slice(0, -1) : w;
  };

  // ---- Text (src/search/text.rs) ----
  const prepare = text => text.normalize("NFKD").replace(DIACRITIC, "");
  const foldPrepared = word => {
    let out = "";
    for (const c of word) for (const d of c.toLowerCase()) out += SPECIAL.has(d) ? SPECIAL.get(d)[0] : d;
    return out.replace(DIACRITIC, "").normalize("NFC");
  };
  const cut = term => Array.from(term).slice(0, 40).join("");

  // The tokens of a text: a Han, kana or bopomofo character with its marks, or word
  // characters joined by _ - . : or one apostrophe.
  const tokens = text => Array.from(prepare(text).matchAll(TOKEN), m => m[0]);
  // A token as { whole, parts } when it is an identifier, else as { word }.
  const analyse = token => {
    const whole = token.replace(/['\u2019]/g, ""), parts = [];
    for (const seg of whole.split(/[_\-.:]+/)) {
      const cs = Array.from(seg);
      let start = 0;
      for (let i = 1; i < cs.length; i++) {
        if ((LOWER.test(cs[i - 1]) && UPPER.test(cs[i])) ||
            (UPPER.test(cs[i - 1]) && UPPER.test(cs[i]) && LOWER.test(cs[i + 1] || ""))) {
          parts.push(cs.slice(start, i).join("")); start = i;
        }
      }
      if (cs.length) parts.push(cs.slice(start).join(""));
    }
    return parts.length > 1 || /[_\-.:]/.test(whole) ? { whole, parts } : { word: whole };
  };
  const langOf = code => ((/^(en|nl)([-_]|$)/i.exec(code || "") || [])[1] || "").toLowerCase();
  // A single word's term, or "" for a stop word.
  const wordTerm = (word, lang) => {
    const folded = foldPrepared(word);
    if (!lang) return cut(folded);
    if (STOP[lang].has(folded)) return "";
    return cut(/^[a-z]+$/.test(folded) ? (lang === "en" ? stemEn : stemNl)(folded) : folded);
  };

  const terms = (text, lang) => {
    const out = [], l = langOf(lang), emit = t => { if (t) out.push(t); };
    for (const token of tokens(text)) {
      const a = analyse(token);
      if (!a.parts) { emit(wordTerm(a.word, l)); continue; }
      emit(cut(foldPrepared(a.whole)));
      // A qualified name (k.klant_id) is found by each of its names that is an identifier.
      if (/[.:]/.test(a.whole)) for (const n of a.whole.split(/[.:]/)) if (/[_-]/.test(n)) emit(cut(foldPrepared(n)));
      for (const p of a.parts) emit(wordTerm(p, l));
    }
    return out;
  };
  const queryTerms = (text, lang) => {
    const out = [], seen = new Set(), l = langOf(lang), toks = tokens(text);
    const typing = /\S$/.test(text);
    toks.forEach((token, i) => {
      const a = analyse(token), last = typing && i === toks.length - 1, alts = [];
      const add = (term, prefix) => { if (term) alts.push({ term, prefix }); };
      if (a.parts) add(cut(foldPrepared(a.whole)), last);
      else {
        const stem = wordTerm(a.word, l), folded = cut(foldPrepared(a.word));
        if (stem !== folded || !last) add(stem, false);
        if (last) add(folded, true);
      }
      const key = JSON.stringify(alts);
      if (!alts.length || seen.has(key)) return;
      seen.add(key);
      for (const alt of alts) out.push(Object.assign(alt, { word: seen.size - 1 }));
    });
    return out;
  };
  return { terms, fold: word => foldPrepared(prepare(word)), queryTerms };
})();
