//! Postings as the client reads them: unsigned varints in URL-safe base-64 characters, 5 bits each.

/// The URL-safe base-64 alphabet: a character's place is its value.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// One document's entry for a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub doc: u32,
    /// The term's quantized contribution to the document's score, 1..=255 (0 for facets).
    pub impact: u8,
    /// Bit i: the term occurs in section i (i < 31).
    pub sections: u32,
}

/// Appends `value` as a varint: 5 payload bits a character, least significant group first,
/// bit 5 (32) set when another character follows.
fn push_varint(out: &mut String, mut value: u64) {
    loop {
        let group = (value & 31) as usize;
        value >>= 5;
        let more = if value > 0 { 32 } else { 0 };
        out.push(ALPHABET[group | more] as char);
        if value == 0 {
            return;
        }
    }
}

/// `postings` (in doc-id order) as one string: doc-id delta, impact, sections, each a varint.
pub(crate) fn encode(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 4);
    let mut previous = 0;
    for posting in postings {
        push_varint(&mut out, u64::from(posting.doc - previous));
        push_varint(&mut out, u64::from(posting.impact));
        push_varint(&mut out, u64::from(posting.sections));
        previous = posting.doc;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The client's reading, written again here so that the test can fail.
    fn decode(text: &str) -> Vec<Posting> {
        let mut values = Vec::new();
        let (mut value, mut shift) = (0u64, 0);
        for byte in text.bytes() {
            let digit = ALPHABET.iter().position(|&c| c == byte).unwrap() as u64;
            value |= (digit & 31) << shift;
            shift += 5;
            if digit & 32 == 0 {
                values.push(value);
                (value, shift) = (0, 0);
            }
        }
        let mut doc = 0;
        values
            .chunks(3)
            .map(|v| {
                doc += v[0] as u32;
                Posting { doc, impact: v[1] as u8, sections: v[2] as u32 }
            })
            .collect()
    }

    #[test]
    fn postings_survive_encoding() {
        let postings = [
            Posting { doc: 0, impact: 0, sections: 0 },
            Posting { doc: 31, impact: 255, sections: 1 },
            Posting { doc: 100_000, impact: 32, sections: 0x7fff_ffff },
        ];
        let text = encode(&postings);
        assert!(text.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(decode(&text), postings);
        assert_eq!(encode(&postings[..1]), "AAA");
    }
}
