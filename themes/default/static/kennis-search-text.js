/* kennis search text: a text's index terms, made exactly as src/search/text.rs makes them
 * at build time (a test runs both on the same words). Defines one global, KennisText:
 *   terms(text, lang) -> ["term", ...]   every term of text, in order
 *   fold(word) -> "word"                 NFKD, accents dropped, lower case, NFC
 *   queryTerms(text, lang) -> [{ term, prefix, word }, ...]  a query's terms, each once.
 *     Entries with the same `word` are alternatives; every word is wanted. If text does
 *     not end in white space, its last word is being typed: it gives its folded form with
 *     prefix: true (match the start of dictionary terms) and its stem, if different. Stop
 *     words give nothing unless typed; an identifier (snake_case, v1.2) is one whole term.
 *   lang: "en", "nl", "nl-BE"...; other languages are folded, not stemmed.
 * English: Snowball's Porter2. Dutch: Snowball's Kraaij-Pohlmann, plus -ieën/-eeën and a
 * final t after a long vowel and l, m, n, r or s (stem_nl.rs says why). */
var KennisText = (function () {
  var MAX = 40;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u, MARK = /\p{M}/u;
  var UPPER = /\p{Uppercase}/u, LOWER = /\p{Lowercase}/u;
  var IDEO = /[\u2E80-\u2FDF\u3040-\u312F\u31A0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}]/u;
  var JOIN = /[_\-.:]/, APOS = /['\u2019]/;
  var DIACRITIC = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
  var ASCII = /^[\x00-\x7F]*$/;
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ς": "σ" };
  var STOP = {
    en: set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with"),
    nl: set("aan al als bij dan dat de der deze die dit door een en er het hij hoe ik in is je maar met na naar niet nog of om ook op te tot uit van voor was wat werd wie wij zal ze zich zij zijn zo")
  };

  function set(words) { return new Set(words.split(" ")); }
  function table(pairs) { return new Map(pairs.split(" ").map(function (p) { return p.split(":"); })); }
  function has(chars, c) { return c !== undefined && c !== "" && chars.indexOf(c) >= 0; }
  function isV(c) { return has("aeiouy", c); }
  function isAeiou(c) { return has("aeiou", c); }
  function hasVowel(w) { return /[aeiouy]/.test(w); }
  function longest(w, suffixes) {
    var best = null;
    (typeof suffixes == "string" ? suffixes.split(" ") : suffixes).forEach(function (s) { if (w.endsWith(s) && (!best || s.length > best.length)) best = s; });
    return best;
  }

  // ---- English: Snowball 3.0's Porter2 (src/search/text/stem_en.rs) ----
  var EN_EXCEPTIONS = table("skis:ski skies:sky idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky:sky news:news howe:howe atlas:atlas cosmos:cosmos bias:bias andes:andes");
  var EN_R1 = "gener commun arsen past univers later emerg organ inter".split(" ");
  var EN_2 = table("tional:tion enci:ence anci:ance abli:able entli:ent izer:ize ization:ize ational:ate ation:ate ator:ate alism:al aliti:al alli:al fulness:ful ousli:ous ousness:ous iveness:ive iviti:ive biliti:ble bli:ble ogist:og ogi:og fulli:ful lessli:less li:");
  var EN_3 = table("tional:tion ational:ate alize:al icate:ic iciti:ic ical:ic ful: ness: ative:");
  var EN_4 = "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion";

  function regionAfter(w, from) {
    var i = from;
    while (i < w.length && !isV(w[i])) i++;
    for (i++; i < w.length; i++) if (!isV(w[i])) return i + 1;
    return w.length;
  }
  function shortSyllable(w) {
    var n = w.length;
    return (n >= 3 && !has("aeiouywxY", w[n - 1]) && isV(w[n - 2]) && !isV(w[n - 3])) ||
      (n === 2 && isV(w[0]) && !isV(w[1])) || w.endsWith("past");
  }
  function stemEn(word) {
    if (EN_EXCEPTIONS.has(word)) return EN_EXCEPTIONS.get(word);
    if (word.length < 3) return word;
    var w = "", yFound = false, p1 = 0, i;
    for (i = 0; i < word.length; i++) {
      var c = word[i];
      if (c === "y" && (i === 0 || isV(w[i - 1]))) { c = "Y"; yFound = true; }
      w += c;
    }
    EN_R1.forEach(function (p) { if (w.startsWith(p) && p.length > p1) p1 = p.length; });
    if (!p1) p1 = regionAfter(w, 0);
    var p2 = regionAfter(w, p1);
    // Step 1a
    var s = longest(w, "sses ied ies s us ss"), at = s ? w.length - s.length : 0;
    if (s === "sses") w = w.slice(0, at + 2);
    else if (s === "ied" || s === "ies") w = w.slice(0, at) + (at > 1 ? "i" : "ie");
    else if (s === "s" && at >= 1 && hasVowel(w.slice(0, at - 1))) w = w.slice(0, at);
    w = step1b(w, p1);
    // Step 1c
    var n = w.length;
    if (n > 2 && has("yY", w[n - 1]) && !isV(w[n - 2])) w = w.slice(0, -1) + "i";
    // Steps 2, 3, 4
    s = longest(w, Array.from(EN_2.keys())); at = s ? w.length - s.length : 0;
    if (s && at >= p1 && (s === "ogi" ? w[at - 1] === "l" : s === "li" ? has("cdeghkmnrt", w[at - 1]) : true)) {
      w = w.slice(0, at) + EN_2.get(s);
    }
    s = longest(w, Array.from(EN_3.keys())); at = s ? w.length - s.length : 0;
    if (s && at >= p1 && !(s === "ative" && at < p2)) w = w.slice(0, at) + EN_3.get(s);
    s = longest(w, EN_4); at = s ? w.length - s.length : 0;
    if (s && at >= p2 && (s !== "ion" || has("st", w[at - 1]))) w = w.slice(0, at);
    // Step 5
    n = w.length;
    if (w.endsWith("e")) {
      if (n - 1 >= p2 || (n - 1 >= p1 && !shortSyllable(w.slice(0, -1)))) w = w.slice(0, -1);
    } else if (w.endsWith("ll") && n > p2) w = w.slice(0, -1);
    return yFound ? w.replace(/Y/g, "y") : w;
  }
  function step1b(w, p1) {
    var s = longest(w, "eed eedly ed edly ing ingly");
    if (!s) return w;
    var at = w.length - s.length, before = w.slice(0, at);
    if (s === "eed" || s === "eedly") {
      return at >= p1 && !/^(proc|exc|succ)$/.test(before) ? before + "ee" : w;
    }
    if (s === "ing" && before.endsWith("y") && at === 2 && !isV(before[0])) return before.slice(0, -1) + "ie";
    if (s === "ing" && /^(inn|out|cann|herr|earr|even)$/.test(before)) return w;
    if (!hasVowel(before)) return w;
    w = before;
    var n = w.length;
    if (/(at|bl|iz)$/.test(w)) return w + "e";
    if (n >= 2 && w[n - 1] === w[n - 2] && has("bdfgmnprt", w[n - 1])) {
      return n === 3 && has("aeo", w[0]) ? w : w.slice(0, -1);
    }
    return n === p1 && shortSyllable(w) ? w + "e" : w;
  }

  // ---- Dutch: Snowball 3.0's Kraaij-Pohlmann, plus kennis's two additions (stem_nl.rs) ----
  function stemNl(word) {
    var w = word, p1, p2, stemmed = false;
    function ends(at, s) { return w.slice(0, at).endsWith(s); }
    function V(at) { return (at >= 1 && isV(w[at - 1])) || ends(at, "ij"); }
    function C(at) { return !ends(at, "ij") && at >= 1 && !isV(w[at - 1]); }
    function R1(at) { return p1 <= at; }
    function tail(at, s) { w = w.slice(0, at) + s; return true; }
    function cut(at, s) { tail(at, s); lengthen(); return true; }
    function lengthen() {
      var n = w.length, at = n - 2, v = w[at];
      if (n < 2 || has("aeiouywx", w[n - 1])) return;
      var open = at === 0 || !isAeiou(w[at - 1]);
      if (has("aou", v) ? open : v === "e" && open &&
          !(at >= 2 && (has("aiou", w[at - 2]) || (w[at - 2] === "e" && at === 2))) &&
          !(at >= 4 && has("aiou", w[at - 3]) && !isAeiou(w[at - 4]))) {
        w = w.slice(0, at) + v + w.slice(at);
      }
    }
    // After the non-vowels from `from`: where its group of vowels (and `ij`) starts, ends.
    function vowels(from) {
      var i = from, start;
      while (i < w.length && !isV(w[i])) i++;
      for (start = i; w.startsWith("ij", i) || isV(w[i]); i += w.startsWith("ij", i) ? 2 : 1);
      return [start, i];
    }
    function syllableEnd(from) {
      var v = vowels(from);
      return v[1] > v[0] && v[1] < w.length && !isV(w[v[1]]) ? v[1] + 1 : -1;
    }
    function measure() {
      p1 = p2 = w.length;
      var e = syllableEnd(0);
      if (e >= 0) { p1 = e; e = syllableEnd(p1); if (e >= 0) p2 = e; }
    }
    function geRemovable(from) {
      var v = vowels(from);
      return w.length >= from + 3 && v[0] < w.length && v[1] < w.length;
    }
    function step1() {
      var s = longest(w, "s ies es aus en nde ieen eeen");
      if (!s) return false;
      var at = w.length - s.length;
      if (s === "s" && R1(at) && !(ends(at, "t") && R1(at - 1)) && C(at)) return tail(at, "");
      if (s === "ies" && R1(at)) return tail(at, "ie");
      if (s === "es") {
        if (ends(at, "ar") && R1(at - 2) && C(at - 2)) return cut(at, "");
        if (ends(at, "er") && R1(at - 2) && C(at - 2)) return tail(at, "");
        if (R1(at) && C(at)) return tail(at, "e");
      }
      if (s === "aus" && R1(at) && V(at)) return tail(at, "au");
      if (s === "en") {
        if (ends(at, "hed") && R1(at - 3)) return tail(at - 3, "heid");
        if (ends(at, "nd")) return tail(at, "");
        if (ends(at, "d") && R1(at - 1) && C(at - 1)) return tail(at - 1, "");
        if ((ends(at, "i") || ends(at, "j")) && V(at - 1)) return tail(at, "");
        if (R1(at) && C(at)) return cut(at, "");
      }
      if (s === "nde") return tail(at, "nd");
      if (s === "ieen" || s === "eeen") return tail(at, s.slice(0, 2));
      return false;
    }
    function step2() {
      var s = longest(w, "je ge lijke ische de te se re le ene ieve");
      if (!s) return false;
      var at = w.length - s.length, r1 = R1(at);
      if (s === "je") {
        if (ends(at, "et") && R1(at - 2) && C(at - 2)) return tail(at - 2, "");
        if (ends(at, "rnt")) return tail(at - 3, "rn");
        if (ends(at, "t") && R1(at - 1) && at >= 2 && V(at - 2)) return tail(at - 1, "");
        if (ends(at, "ink")) return tail(at - 3, "ing");
        if (ends(at, "mp")) return tail(at - 2, "m");
        if (r1 && C(at)) return tail(at, "");
        return false;
      }
      if (!r1) return false;
      if (s === "ge" || s === "te" || s === "se" || s === "re") return tail(at, s[0]);
      if (s === "lijke" || s === "ische") return tail(at, s.slice(0, 4));
      if (s === "le") return cut(at, "l");
      if (!C(at)) return false;
      if (s === "de") return tail(at, "");
      if (s === "ene") return cut(at, "en");
      return tail(at, "ief");
    }
    function step3() {
      var s = longest(w, "atie iteit heid sel ster rder ing isme erij arij fie gie tst dst");
      if (!s) return false;
      var at = w.length - s.length, r1 = R1(at);
      if (s === "atie" && r1) return tail(at, "eer");
      if (s === "iteit" && r1) return cut(at, "");
      if ((s === "heid" || s === "sel" || s === "ster") && r1) return tail(at, "");
      if (s === "rder") return tail(at, "r");
      if (s === "ing" || s === "isme" || s === "erij") {
        if (ends(at, "ild")) return tail(at, "er");
        if (r1) return cut(at, "");
      }
      if (s === "arij" && r1 && C(at)) return tail(at, "aar");
      if ((s === "fie" || s === "gie") && p2 <= at) return cut(at, s[0]);
      if ((s === "tst" || s === "dst") && r1 && C(at)) return tail(at, s[0]);
      return false;
    }
    function step4() {
      var s = longest(w, "ioneel atief baar naar laar raar tant lijker lijkst achtig achtiger achtigst eriger erigst erig end");
      var at = s ? w.length - s.length : 0, r1 = R1(at);
      if (s && r1) {
        if (s === "ioneel") return tail(at, "ie");
        if (s === "atief") return tail(at, "eer");
        if (s === "baar") return tail(at, "");
        if (has("nlr", s[0]) && s.endsWith("aar") && s.length === 4) { if (V(at)) return tail(at, s[0]); }
        else if (s === "tant") return tail(at, "teer");
        else if (s.startsWith("lijk")) return tail(at, "lijk");
        else if (s.startsWith("achtig")) return tail(at, "");
        else if (C(at)) return cut(at, "");
      }
      s = longest(w, "iger igst ig");
      if (!s) return false;
      at = w.length - s.length;
      return R1(at) && w.slice(0, at) !== "inn" && C(at) ? cut(at, "") : false;
    }
    function step1c() {
      var at = w.length - 1, last = w[at];
      if (!(last === "d" || last === "t") || !R1(at) || !C(at)) return;
      if (last === "d") {
        if (ends(at, "n") && R1(at - 1)) return;
        w = w.slice(0, at) === "in" ? "inn" : w.slice(0, at);
      } else if (!(ends(at, "h") && R1(at - 1)) && w.slice(0, at) !== "en") w = w.slice(0, at);
    }
    function loseGe(at) {
      if (at < 0 || !geRemovable(at + 2)) return false;
      w = w.slice(0, at) + w.slice(at + 2);
      measure();
      stemmed = true;
      step1c();
      return true;
    }

    measure();
    stemmed = step1() | step2() | step3() | step4();
    if (w.startsWith("ge") && !/^ge(eft|val(?!i)|vaa|vare)/.test(w)) loseGe(0);
    loseGe(w.indexOf("ge", 1));
    var m = /[kfp]t$/.exec(w);
    if (m) { w = w.slice(0, -1); stemmed = true; }
    var n = w.length, last = w[n - 1];
    if (stemmed && n) {
      if (n >= 2 && w[n - 2] === last && /[a-z]/.test(last) && !has("aeiouy", last)) {
        if (!(last === "n" && w === "inn")) w = w.slice(0, -1);
      } else if (last === "v") w = w.slice(0, -1) + "f";
      else if (last === "z") w = w.slice(0, -1) + "s";
    }
    n = w.length;
    if (n >= 4 && w[n - 1] === "t" && has("lmnrs", w[n - 2]) &&
        ((isAeiou(w[n - 4]) && isAeiou(w[n - 3])) || w.slice(n - 4, n - 2) === "ij")) w = w.slice(0, -1);
    return w;
  }

  // ---- Text: normalisation, tokens, terms (src/search/text.rs) ----
  function prepare(text) {
    return ASCII.test(text) ? text : text.normalize("NFKD").replace(DIACRITIC, "");
  }
  function foldPrepared(word) {
    if (ASCII.test(word)) return word.toLowerCase();
    var out = "";
    for (var c of word) {
      for (var d of c.toLowerCase()) out += Object.prototype.hasOwnProperty.call(SPECIAL, d) ? SPECIAL[d] : d;
    }
    out = out.replace(DIACRITIC, "");
    return ASCII.test(out) ? out : out.normalize("NFC");
  }
  function cut(term) { return Array.from(term).slice(0, MAX).join(""); }
  function plain(c) { return WORD.test(c) && !IDEO.test(c); }

  // The tokens of a text, each an array of characters.
  function tokens(text) {
    var cs = Array.from(prepare(text)), n = cs.length, at = 0, out = [];
    for (;;) {
      while (at < n && !WORD.test(cs[at])) at++;
      if (at === n) return out;
      var start = at;
      if (IDEO.test(cs[at])) {
        for (at++; at < n && MARK.test(cs[at]); at++);
      } else {
        for (;;) {
          while (at < n && plain(cs[at])) at++;
          var gap = at;
          while (gap < n && JOIN.test(cs[gap])) gap++;
          if (gap === at && at < n && APOS.test(cs[at])) gap = at + 1;
          if (gap > at && gap < n && plain(cs[gap])) at = gap; else break;
        }
      }
      out.push(cs.slice(start, at));
    }
  }
  // A token as { whole, parts } when it is an identifier, else as { word }.
  function analyse(token) {
    var word = token.filter(function (c) { return !APOS.test(c); }), parts = [], seg = [];
    word.concat([":"]).forEach(function (c) {
      if (!JOIN.test(c)) { seg.push(c); return; }
      if (!seg.length) return;
      var start = 0;
      for (var i = 1; i < seg.length; i++) {
        if ((LOWER.test(seg[i - 1]) && UPPER.test(seg[i])) ||
            (UPPER.test(seg[i - 1]) && UPPER.test(seg[i]) && i + 1 < seg.length && LOWER.test(seg[i + 1]))) {
          parts.push(seg.slice(start, i).join("")); start = i;
        }
      }
      parts.push(seg.slice(start).join(""));
      seg = [];
    });
    var whole = word.join("");
    return parts.length > 1 || word.some(function (c) { return JOIN.test(c); }) ? { whole: whole, parts: parts } : { word: whole };
  }
  function langOf(code) {
    var primary = String(code || "").split(/[-_]/)[0].toLowerCase();
    return primary === "en" || primary === "nl" ? primary : "";
  }
  // A single word's term, or "" for a stop word.
  function wordTerm(word, lang) {
    var folded = foldPrepared(word);
    if (!lang) return cut(folded);
    if (STOP[lang].has(folded)) return "";
    return cut(/^[a-z]+$/.test(folded) ? (lang === "en" ? stemEn : stemNl)(folded) : folded);
  }

  function terms(text, lang) {
    var out = [], l = langOf(lang);
    function emit(t) { if (t) out.push(t); }
    tokens(text).forEach(function (token) {
      var a = analyse(token);
      if (a.whole === undefined) return emit(wordTerm(a.word, l));
      emit(cut(foldPrepared(a.whole)));
      a.parts.forEach(function (p) { emit(wordTerm(p, l)); });
    });
    return out;
  }
  function fold(word) { return foldPrepared(prepare(word)); }
  function queryTerms(text, lang) {
    var out = [], seen = new Set(), l = langOf(lang);
    var toks = tokens(text), typing = text !== "" && !/\s$/.test(text);
    toks.forEach(function (token, i) {
      var a = analyse(token), last = typing && i === toks.length - 1, alts = [];
      function add(term, prefix) { if (term) alts.push({ term: term, prefix: prefix }); }
      if (a.whole !== undefined) add(cut(foldPrepared(a.whole)), last);
      else {
        var stem = wordTerm(a.word, l), folded = cut(foldPrepared(a.word));
        if (stem !== folded || !last) add(stem, false);
        if (last) add(folded, true);
      }
      var key = JSON.stringify(alts);
      if (!alts.length || seen.has(key)) return;
      seen.add(key);
      alts.forEach(function (alt) { alt.word = seen.size - 1; out.push(alt); });
    });
    return out;
  }
  return { terms: terms, fold: fold, queryTerms: queryTerms };
})();
