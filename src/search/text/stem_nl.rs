//! Dutch stemming: Snowball 3.0's Dutch algorithm (Kraaij and Pohlmann's), by hand, on
//! folded words, with two additions of kennis's own.
//!
//! The word is lower-case ASCII: accents are folded before stemming, so `hiërarchieën`
//! arrives as `hierarchieen`. The additions: `-ieen`/`-eeen` (`-ieën`, `-eeën` folded)
//! lose their `en`, so `hiërarchieën` meets `hiërarchie`; and a final `t` after a long
//! vowel and l, m, n, r or s goes, so `leert` meets `leren` (`leer`) and `soort` meets
//! `soorten`. The browser's copy in `kennis-search-text.js` follows this code line by line.

use super::ends_with;

/// The word being stemmed and its regions, as Snowball keeps them.
struct Word {
    w: Vec<u8>,
    p1: usize,
    p2: usize,
}

fn is_vowel(c: u8) -> bool {
    b"aeiouy".contains(&c)
}

/// Whether `ij`, which Dutch counts as a vowel, starts at `i`.
fn is_ij(w: &[u8], i: usize) -> bool {
    w.get(i) == Some(&b'i') && w.get(i + 1) == Some(&b'j')
}

/// The end of the run of vowels (an `ij` counts as one) that starts at `i`.
fn past_vowels(w: &[u8], mut i: usize) -> usize {
    loop {
        if is_ij(w, i) {
            i += 2;
        } else if i < w.len() && is_vowel(w[i]) {
            i += 1;
        } else {
            return i;
        }
    }
}

fn is_aeiou(c: u8) -> bool {
    b"aeiou".contains(&c)
}

/// The longest of `suffixes` that `word` ends with, as Snowball's `among` picks it.
fn longest<'a>(word: &[u8], suffixes: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<&str> = None;
    for &suffix in suffixes {
        if best.is_none_or(|best| suffix.len() > best.len()) && ends_with(word, suffix.as_bytes()) {
            best = Some(suffix);
        }
    }
    best
}

impl Word {
    /// `V` at `at`: a vowel or `ij` ends `w[..at]`.
    fn v(&self, at: usize) -> bool {
        (at >= 1 && is_vowel(self.w[at - 1])) || self.w[..at].ends_with(b"ij")
    }

    /// `C` at `at`: a non-vowel that does not end an `ij` ends `w[..at]`.
    fn c(&self, at: usize) -> bool {
        !self.w[..at].ends_with(b"ij") && at >= 1 && !is_vowel(self.w[at - 1])
    }

    /// `VX` at `at`: any letter, and before it a vowel or `ij`.
    fn vx(&self, at: usize) -> bool {
        at >= 1 && self.v(at - 1)
    }

    fn ends(&self, at: usize, s: &str) -> bool {
        ends_with(&self.w[..at], s.as_bytes())
    }

    /// Replaces everything from `from` to the end with `with`.
    fn set_tail(&mut self, from: usize, with: &str) {
        self.w.truncate(from);
        self.w.extend_from_slice(with.as_bytes());
    }

    /// Doubles the vowel of a closed last syllable, so `ler` becomes `leer`.
    fn lengthen_v(&mut self) {
        let n = self.w.len();
        if n < 2 || b"aeiouywx".contains(&self.w[n - 1]) {
            return;
        }
        let at = n - 2;
        let vowel = self.w[at];
        let consonant_or_start = at == 0 || !is_aeiou(self.w[at - 1]);
        let lengthen = match vowel {
            b'a' | b'o' | b'u' => consonant_or_start,
            b'e' => {
                // Snowball: not (AIOU or (E atlimit)), not (next AIOU non-AEIOU),
                // both read before the consonant that precedes the vowel.
                consonant_or_start
                    && !(at >= 2
                        && (b"aiou".contains(&self.w[at - 2]) || (self.w[at - 2] == b'e' && at == 2)))
                    && !(at >= 4 && b"aiou".contains(&self.w[at - 3]) && !is_aeiou(self.w[at - 4]))
            }
            _ => false,
        };
        if lengthen {
            self.w.insert(at, vowel);
        }
    }

    fn measure(&mut self) {
        let n = self.w.len();
        self.p1 = n;
        self.p2 = n;
        if let Some(p1) = self.syllable_end(0) {
            self.p1 = p1;
            if let Some(p2) = self.syllable_end(p1) {
                self.p2 = p2;
            }
        }
    }

    /// From `from`: non-vowels, at least one vowel (or `ij`), one non-vowel; the end of it.
    fn syllable_end(&self, from: usize) -> Option<usize> {
        let w = &self.w;
        let mut i = from;
        while i < w.len() && !is_vowel(w[i]) {
            i += 1;
        }
        let vowels_from = i;
        i = past_vowels(w, i);
        (i > vowels_from && i < w.len() && !is_vowel(w[i])).then_some(i + 1)
    }

    fn r1(&self, at: usize) -> bool {
        self.p1 <= at
    }

    fn r2(&self, at: usize) -> bool {
        self.p2 <= at
    }
}

pub(crate) fn stem(word: &str) -> String {
    let mut word = Word { w: word.as_bytes().to_vec(), p1: 0, p2: 0 };
    word.measure();
    let mut stemmed = false;
    stemmed |= word.step_1();
    stemmed |= word.step_2();
    stemmed |= word.step_3();
    stemmed |= word.step_4();
    if word.lose_prefix() {
        word.measure();
        stemmed = true;
        word.step_1c();
    }
    if word.lose_infix() {
        word.measure();
        stemmed = true;
        word.step_1c();
    }
    stemmed |= word.step_7();
    if stemmed {
        word.step_6();
    }
    word.lose_final_t();
    String::from_utf8(word.w).expect("ASCII in, ASCII out")
}

impl Word {
    fn step_1(&mut self) -> bool {
        let suffixes = ["s", "ies", "es", "aus", "en", "nde", "ieen", "eeen"];
        let Some(suffix) = longest(&self.w, &suffixes) else { return false };
        let at = self.w.len() - suffix.len();
        match suffix {
            "s" if self.r1(at) && !(self.ends(at, "t") && self.r1(at - 1)) && self.c(at) => {
                self.set_tail(at, "")
            }
            "ies" if self.r1(at) => self.set_tail(at, "ie"),
            "es" if self.ends(at, "ar") && self.r1(at - 2) && self.c(at - 2) => {
                self.set_tail(at, "");
                self.lengthen_v();
            }
            "es" if self.ends(at, "er") && self.r1(at - 2) && self.c(at - 2) => self.set_tail(at, ""),
            "es" if self.r1(at) && self.c(at) => self.set_tail(at, "e"),
            "aus" if self.r1(at) && self.v(at) => self.set_tail(at, "au"),
            "en" if self.ends(at, "hed") && self.r1(at - 3) => self.set_tail(at - 3, "heid"),
            "en" if self.ends(at, "nd") => self.set_tail(at, ""),
            "en" if self.ends(at, "d") && self.r1(at - 1) && self.c(at - 1) => self.set_tail(at - 1, ""),
            "en" if (self.ends(at, "i") || self.ends(at, "j")) && self.v(at - 1) => self.set_tail(at, ""),
            "en" if self.r1(at) && self.c(at) => {
                self.set_tail(at, "");
                self.lengthen_v();
            }
            "nde" => self.set_tail(at, "nd"),
            "ieen" => self.set_tail(at, "ie"),
            "eeen" => self.set_tail(at, "ee"),
            _ => return false,
        }
        true
    }

    fn step_2(&mut self) -> bool {
        let suffixes = ["je", "ge", "lijke", "ische", "de", "te", "se", "re", "le", "ene", "ieve"];
        let Some(suffix) = longest(&self.w, &suffixes) else { return false };
        let at = self.w.len() - suffix.len();
        match suffix {
            "je" if self.ends(at, "et") && self.r1(at - 2) && self.c(at - 2) => self.set_tail(at - 2, ""),
            "je" if self.ends(at, "rnt") => self.set_tail(at - 3, "rn"),
            "je" if self.ends(at, "t") && self.r1(at - 1) && self.vx(at - 1) => self.set_tail(at - 1, ""),
            "je" if self.ends(at, "ink") => self.set_tail(at - 3, "ing"),
            "je" if self.ends(at, "mp") => self.set_tail(at - 2, "m"),
            "je" if self.r1(at) && self.c(at) => self.set_tail(at, ""),
            "ge" if self.r1(at) => self.set_tail(at, "g"),
            "lijke" if self.r1(at) => self.set_tail(at, "lijk"),
            "ische" if self.r1(at) => self.set_tail(at, "isch"),
            "de" if self.r1(at) && self.c(at) => self.set_tail(at, ""),
            "te" if self.r1(at) => self.set_tail(at, "t"),
            "se" if self.r1(at) => self.set_tail(at, "s"),
            "re" if self.r1(at) => self.set_tail(at, "r"),
            "le" if self.r1(at) => {
                self.set_tail(at, "l");
                self.lengthen_v();
            }
            "ene" if self.r1(at) && self.c(at) => {
                self.set_tail(at, "en");
                self.lengthen_v();
            }
            "ieve" if self.r1(at) && self.c(at) => self.set_tail(at, "ief"),
            _ => return false,
        }
        true
    }

    fn step_3(&mut self) -> bool {
        let suffixes = [
            "atie", "iteit", "heid", "sel", "ster", "rder", "ing", "isme", "erij", "arij", "fie", "gie",
            "tst", "dst",
        ];
        let Some(suffix) = longest(&self.w, &suffixes) else { return false };
        let at = self.w.len() - suffix.len();
        match suffix {
            "atie" if self.r1(at) => self.set_tail(at, "eer"),
            "iteit" if self.r1(at) => {
                self.set_tail(at, "");
                self.lengthen_v();
            }
            "heid" | "sel" | "ster" if self.r1(at) => self.set_tail(at, ""),
            "rder" => self.set_tail(at, "r"),
            // Snowball's exception: `schilderij` is not `schild`.
            "ing" | "isme" | "erij" if self.ends(at, "ild") => self.set_tail(at, "er"),
            "ing" | "isme" | "erij" if self.r1(at) => {
                self.set_tail(at, "");
                self.lengthen_v();
            }
            "arij" if self.r1(at) && self.c(at) => self.set_tail(at, "aar"),
            "fie" | "gie" if self.r2(at) => {
                self.set_tail(at, &suffix[..1]);
                self.lengthen_v();
            }
            "tst" if self.r1(at) && self.c(at) => self.set_tail(at, "t"),
            "dst" if self.r1(at) && self.c(at) => self.set_tail(at, "d"),
            _ => return false,
        }
        true
    }

    fn step_4(&mut self) -> bool {
        let suffixes = [
            "ioneel", "atief", "baar", "naar", "laar", "raar", "tant", "lijker", "lijkst", "achtig",
            "achtiger", "achtigst", "eriger", "erigst", "erig", "end",
        ];
        if let Some(suffix) = longest(&self.w, &suffixes) {
            let at = self.w.len() - suffix.len();
            let done = match suffix {
                "ioneel" if self.r1(at) => Some("ie"),
                "atief" if self.r1(at) => Some("eer"),
                "baar" if self.r1(at) => Some(""),
                "naar" | "laar" | "raar" if self.r1(at) && self.v(at) => Some(&suffix[..1]),
                "tant" if self.r1(at) => Some("teer"),
                "lijker" | "lijkst" if self.r1(at) => Some("lijk"),
                "achtig" | "achtiger" | "achtigst" if self.r1(at) => Some(""),
                "eriger" | "erigst" | "erig" | "end" if self.r1(at) && self.c(at) => {
                    self.set_tail(at, "");
                    self.lengthen_v();
                    return true;
                }
                _ => None,
            };
            if let Some(with) = done {
                self.set_tail(at, with);
                return true;
            }
        }
        let Some(suffix) = longest(&self.w, &["iger", "igst", "ig"]) else { return false };
        let at = self.w.len() - suffix.len();
        // Snowball's exception: `innig` is not `in`.
        if self.r1(at) && &self.w[..at] != b"inn" && self.c(at) {
            self.set_tail(at, "");
            self.lengthen_v();
            return true;
        }
        false
    }

    fn step_7(&mut self) -> bool {
        if let Some(suffix) = longest(&self.w, &["kt", "ft", "pt"]) {
            self.w.pop();
            return suffix.len() == 2;
        }
        false
    }

    fn step_6(&mut self) {
        let n = self.w.len();
        let Some(&last) = self.w.last() else { return };
        if n >= 2 && self.w[n - 2] == last && last.is_ascii_lowercase() && !is_aeiou(last) && last != b'y' {
            // Snowball's exception: `innen` is not `in`.
            if !(last == b'n' && &self.w[..] == b"inn") {
                self.w.pop();
            }
        } else if last == b'v' {
            self.w[n - 1] = b'f';
        } else if last == b'z' {
            self.w[n - 1] = b's';
        }
    }

    /// A `ge-` prefix goes when a syllable follows it (`geleerd` → `leerd`).
    fn lose_prefix(&mut self) -> bool {
        if !self.w.starts_with(b"ge") || !self.ge_removable(2) {
            return false;
        }
        let rest = &self.w[2..];
        // Snowball's exceptions: `geeft`, `geval`, `gevaar`, `gevaren` keep their ge.
        let keep = rest.starts_with(b"eft")
            || (rest.starts_with(b"val") && !rest.starts_with(b"vali"))
            || rest.starts_with(b"vaa")
            || rest.starts_with(b"vare");
        if keep {
            return false;
        }
        self.w.drain(..2);
        true
    }

    /// A `ge` inside the word goes under the same condition (`opgeleid` → `opleid`).
    fn lose_infix(&mut self) -> bool {
        let Some(at) = self.w.get(1..).and_then(|w| w.windows(2).position(|p| p[0] == b'g' && p[1] == b'e'))
        else {
            return false;
        };
        let at = at + 1;
        if !self.ge_removable(at + 2) {
            return false;
        }
        self.w.drain(at..at + 2);
        true
    }

    /// After a `ge` ending at `from`: three more letters, and a vowel group followed by more.
    fn ge_removable(&self, from: usize) -> bool {
        let w = &self.w;
        if w.len() < from + 3 {
            return false;
        }
        let mut i = from;
        while i < w.len() && !(is_vowel(w[i]) || is_ij(w, i)) {
            i += 1;
        }
        if i == w.len() {
            return false;
        }
        i = past_vowels(w, i);
        i < w.len()
    }

    fn step_1c(&mut self) {
        let n = self.w.len();
        let Some(&last) = self.w.last() else { return };
        let at = n - 1;
        if !(matches!(last, b'd' | b't') && self.r1(at) && self.c(at)) {
            return;
        }
        if last == b'd' {
            if self.ends(at, "n") && self.r1(at - 1) {
                return;
            }
            // Snowball's exception: `geïnd` (collected) meets `innen`.
            if &self.w[..at] == b"in" {
                self.set_tail(at, "n");
            } else {
                self.w.pop();
            }
        } else if !(self.ends(at, "h") && self.r1(at - 1)) && &self.w[..at] != b"en" {
            self.w.pop();
        }
    }

    /// kennis's addition: `leert` → `leer`, `soort` → `soor` (and `soorten` too).
    fn lose_final_t(&mut self) {
        let w = &self.w;
        let n = w.len();
        if n < 4 || w[n - 1] != b't' || !b"lmnrs".contains(&w[n - 2]) {
            return;
        }
        let (a, b) = (w[n - 4], w[n - 3]);
        if (is_aeiou(a) && is_aeiou(b)) || (a == b'i' && b == b'j') {
            self.w.pop();
        }
    }
}
