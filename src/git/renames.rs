//! Pairs the files one commit deleted with the files it added into renames, the way `git log -M`
//! does: identical content first, then content at least half the same by git's own similarity
//! estimate, so that kennis follows exactly the renames `git log --follow` shows.
//!
//! Git's estimate cuts a file into spans, each ending at a newline or after 64 bytes, and hashes
//! them; the bytes of the deleted file's spans that reappear in the added file count as copied.
//! The score is the copied bytes over the larger size; 50 % is git's default threshold. Candidates
//! are taken best score first, a file of the same name (in another folder) first among equals,
//! each deleted and each added file at most once.

use std::collections::HashMap;

/// Git's scale for similarity scores.
const MAX_SCORE: u64 = 60_000;
/// `-M` without a number: 50 %.
const MINIMUM_SCORE: u64 = MAX_SCORE / 2;
/// The same-name pass: halfway between the minimum and identical.
const SAME_NAME_SCORE: u64 = MINIMUM_SCORE + (MAX_SCORE - MINIMUM_SCORE) / 2;
/// Like git's `diff.renameLimit`: beyond this many deletions times additions left after the
/// identical and same-name passes, no more files are paired.
const PAIRS_COMPARED: usize = 1000 * 1000;
/// Git keeps the best four deleted files for each added one.
const CANDIDATES_PER_FILE: usize = 4;

/// A deleted or added file.
pub(super) struct Side<'a> {
    pub(super) path: &'a str,
    pub(super) id: &'a [u8],
    /// A regular file: only those pair by similarity (a symbolic link only when identical).
    pub(super) regular: bool,
}

/// The renames among `deleted` and `added`, as `(deleted index, added index)`; `content` gives a
/// file's bytes by object id, or None when the repository lacks them (a partial clone), and is
/// asked only when no identical content pairs a file.
pub(super) fn pair<'a, E>(
    deleted: &[Side<'a>],
    added: &[Side<'a>],
    mut content: impl FnMut(&[u8]) -> Result<Option<Vec<u8>>, E>,
) -> Result<Vec<(usize, usize)>, E> {
    let mut pairs = Vec::new();
    let (mut deleted_used, mut added_used) = (vec![false; deleted.len()], vec![false; added.len()]);
    fn take(from: usize, to: usize, used: (&mut [bool], &mut [bool]), pairs: &mut Vec<(usize, usize)>) {
        used.0[from] = true;
        used.1[to] = true;
        pairs.push((from, to));
    }

    // Identical content of the same kind (file or symbolic link): by id, the same name first.
    let mut by_id: HashMap<(&[u8], bool), Vec<usize>> = HashMap::new();
    for (index, file) in deleted.iter().enumerate() {
        by_id.entry((file.id, file.regular)).or_default().push(index);
    }
    for (to, file) in added.iter().enumerate() {
        let Some(sources) = by_id.get_mut(&(file.id, file.regular)) else { continue };
        let same_name =
            sources.iter().position(|&from| file_name(deleted[from].path) == file_name(file.path));
        let Some(position) = same_name.or((!sources.is_empty()).then_some(0)) else { continue };
        let from = sources.remove(position);
        take(from, to, (&mut deleted_used, &mut added_used), &mut pairs);
    }

    // The rest pairs by similarity: regular files whose content the repository has.
    let mut spans: HashMap<&[u8], Option<Spans>> = HashMap::new();
    let mut spans_of = |id: &'a [u8]| -> Result<bool, E> {
        if !spans.contains_key(id) {
            let found = content(id)?.map(|bytes| Spans::of(&bytes));
            spans.insert(id, found);
        }
        Ok(spans[id].is_some())
    };
    let mut open_deleted = Vec::new();
    for (index, file) in deleted.iter().enumerate() {
        if !deleted_used[index] && file.regular && spans_of(file.id)? {
            open_deleted.push(index);
        }
    }
    if open_deleted.is_empty() {
        return Ok(pairs);
    }
    let mut open_added = Vec::new();
    for (index, file) in added.iter().enumerate() {
        if !added_used[index] && file.regular && spans_of(file.id)? {
            open_added.push(index);
        }
    }
    let score = |from: usize, to: usize| match (&spans[deleted[from].id], &spans[added[to].id]) {
        (Some(source), Some(target)) => similarity(source, target),
        _ => 0,
    };

    // A file name that occurs once among the deleted and once among the added files: a file moved
    // to another folder, if it is mostly the same (git 2.33 and later look here first, with a
    // threshold halfway between the minimum and identical: 75 %).
    let mut names: HashMap<&str, SameName> = HashMap::new();
    for &from in &open_deleted {
        names.entry(file_name(deleted[from].path)).or_default().deleted.push(from);
    }
    for &to in &open_added {
        names.entry(file_name(added[to].path)).or_default().added.push(to);
    }
    let mut moved: Vec<(usize, usize)> = names
        .into_values()
        .filter_map(|name| match (name.deleted.as_slice(), name.added.as_slice()) {
            (&[from], &[to]) if score(from, to) >= SAME_NAME_SCORE => Some((from, to)),
            _ => None,
        })
        .collect();
    moved.sort_unstable();
    for (from, to) in moved {
        take(from, to, (&mut deleted_used, &mut added_used), &mut pairs);
    }

    // Similar content: each added file's best few candidates, best first over all, unless there
    // are too many pairs left to compare (git's rename limit).
    open_deleted.retain(|&from| !deleted_used[from]);
    open_added.retain(|&to| !added_used[to]);
    if open_deleted.is_empty() || open_deleted.len() * open_added.len() > PAIRS_COMPARED {
        return Ok(pairs);
    }
    let mut candidates: Vec<(u64, bool, usize, usize)> = Vec::new();
    let mut best = Vec::new();
    for &to in &open_added {
        best.clear();
        for &from in &open_deleted {
            let score = score(from, to);
            if score >= MINIMUM_SCORE {
                let same_name = file_name(deleted[from].path) == file_name(added[to].path);
                best.push((score, same_name, from, to));
            }
        }
        best.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        candidates.extend(best.iter().take(CANDIDATES_PER_FILE).copied());
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.3.cmp(&b.3)).then(a.2.cmp(&b.2)));
    for (_, _, from, to) in candidates {
        if !deleted_used[from] && !added_used[to] {
            take(from, to, (&mut deleted_used, &mut added_used), &mut pairs);
        }
    }
    Ok(pairs)
}

/// The open deleted and added files that have one file name.
#[derive(Default)]
struct SameName {
    deleted: Vec<usize>,
    added: Vec<usize>,
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A file cut into hashed spans: how many bytes each span hash covers.
struct Spans {
    size: u64,
    bytes_by_hash: HashMap<u32, u64>,
}

impl Spans {
    fn of(content: &[u8]) -> Spans {
        // Git's `buffer_is_binary`: a NUL in the first 8000 bytes.
        let text = !content.iter().take(8000).any(|&byte| byte == 0);
        let mut bytes_by_hash: HashMap<u32, u64> = HashMap::new();
        let (mut first, mut second, mut length) = (0u32, 0u32, 0u64);
        let mut bytes = content.iter().peekable();
        while let Some(&byte) = bytes.next() {
            // In text, the CR of a CRLF does not count.
            if text && byte == b'\r' && bytes.peek() == Some(&&b'\n') {
                continue;
            }
            let previous_first = first;
            first = (first << 7) ^ (second >> 25);
            second = (second << 7) ^ (previous_first >> 25);
            first = first.wrapping_add(u32::from(byte));
            length += 1;
            if length < 64 && byte != b'\n' {
                continue;
            }
            *bytes_by_hash.entry(span_hash(first, second)).or_default() += length;
            (first, second, length) = (0, 0, 0);
        }
        if length > 0 {
            *bytes_by_hash.entry(span_hash(first, second)).or_default() += length;
        }
        Spans { size: content.len() as u64, bytes_by_hash }
    }
}

fn span_hash(first: u32, second: u32) -> u32 {
    first.wrapping_add(second.wrapping_mul(0x61)) % 107_927
}

/// Git's `estimate_similarity`: bytes of `source` found again in `target`, over the larger size,
/// on a scale to [`MAX_SCORE`]; 0 when the sizes alone rule out the threshold.
fn similarity(source: &Spans, target: &Spans) -> u64 {
    let (larger, smaller) = (source.size.max(target.size), source.size.min(target.size));
    if larger == 0 || (larger - smaller) * MAX_SCORE > (MAX_SCORE - MINIMUM_SCORE) * larger {
        return 0;
    }
    let copied: u64 = source
        .bytes_by_hash
        .iter()
        .map(|(hash, &bytes)| bytes.min(target.bytes_by_hash.get(hash).copied().unwrap_or(0)))
        .sum();
    copied * MAX_SCORE / larger
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side<'a>(path: &'a str, id: &'a str) -> Side<'a> {
        Side { path, id: id.as_bytes(), regular: true }
    }

    /// Pairs with contents given by id: the id is the content.
    fn paired(deleted: &[Side<'_>], added: &[Side<'_>]) -> Vec<(usize, usize)> {
        pair(deleted, added, |id| Ok::<_, ()>(Some(id.to_vec()))).unwrap()
    }

    fn lines(count: usize, word: &str) -> String {
        (0..count).map(|line| format!("{word} line {line}\n")).collect()
    }

    #[test]
    fn identical_content_pairs_and_a_same_named_file_wins() {
        let deleted = [side("a/x.md", "same"), side("b/page.md", "same")];
        let added = [side("c/page.md", "same")];
        assert_eq!(paired(&deleted, &added), [(1, 0)]);
    }

    #[test]
    fn content_half_the_same_is_a_rename_and_less_is_not() {
        let original = lines(20, "kept");
        let half_kept = format!("{}{}", &lines(20, "kept")[..lines(11, "kept").len()], lines(9, "new"));
        let mostly_new = format!("{}{}", lines(8, "kept"), lines(12, "new"));
        let deleted = [side("old.md", &original)];
        assert_eq!(paired(&deleted, &[side("new.md", &half_kept)]), [(0, 0)]);
        assert!(paired(&deleted, &[side("new.md", &mostly_new)]).is_empty());
    }

    #[test]
    fn the_best_match_wins_and_each_file_pairs_once() {
        let a = lines(30, "alpha");
        let b = lines(30, "beta");
        let a_edited = format!("{a}one more\n");
        let b_edited = format!("{b}one more\n");
        let deleted = [side("a.md", &a), side("b.md", &b)];
        let added = [side("b2.md", &b_edited), side("a2.md", &a_edited)];
        let mut pairs = paired(&deleted, &added);
        pairs.sort();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
    }

    #[test]
    fn a_file_moved_to_another_folder_pairs_with_its_own_name_before_a_better_match() {
        let text = lines(30, "moved");
        let edited = format!("{}{}", lines(24, "moved"), lines(6, "edited"));
        // `guide.md` is a better match by content, but `page.md` kept its name.
        let deleted = [side("wiki/page.md", &text)];
        let longer = format!("{text}x\n");
        let added = [side("docs/guide.md", &longer), side("docs/page.md", &edited)];
        assert_eq!(paired(&deleted, &added), [(0, 1)]);
    }

    #[test]
    fn a_same_named_file_needs_three_quarters_to_win_over_a_better_match() {
        let text = lines(30, "moved");
        let edited = format!("{}{}", lines(18, "moved"), lines(12, "edited"));
        // `page.md` kept its name but only 60 % of its lines: `guide.md` is the rename.
        let deleted = [side("wiki/page.md", &text)];
        let longer = format!("{text}x\n");
        let added = [side("docs/guide.md", &longer), side("docs/page.md", &edited)];
        assert_eq!(paired(&deleted, &added), [(0, 0)]);
    }

    #[test]
    fn each_added_file_keeps_its_four_best_candidates_only() {
        // s0..s4 all look like `x.md`, s4 least. y0..y3 are s0..s3 with a line more: they take
        // s0..s3 first. `x.md` kept only s0..s3 as candidates, so it is new and s4 is deleted.
        let base = lines(40, "shared");
        let sources: Vec<String> =
            (0..5).map(|n| format!("{base}{}", lines(n + 1, &format!("extra{n}")))).collect();
        let names = ["s0", "s1", "s2", "s3", "s4"];
        let deleted: Vec<Side<'_>> = sources
            .iter()
            .zip(names)
            .map(|(text, path)| Side { path, id: text.as_bytes(), regular: true })
            .collect();
        let edited: Vec<String> = sources.iter().take(4).map(|text| format!("{text}one more\n")).collect();
        let mut added: Vec<Side<'_>> = edited
            .iter()
            .zip(["y0", "y1", "y2", "y3"])
            .map(|(text, path)| Side { path, id: text.as_bytes(), regular: true })
            .collect();
        added.push(side("x.md", &base));
        let mut pairs = paired(&deleted, &added);
        pairs.sort();
        assert_eq!(pairs, [(0, 0), (1, 1), (2, 2), (3, 3)]);
    }

    #[test]
    fn a_missing_blob_pairs_only_when_identical() {
        let text = lines(30, "partial");
        let edited = format!("{text}more\n");
        let deleted = [side("a.md", &text)];
        let missing = |_: &[u8]| Ok::<_, ()>(None);
        assert!(pair(&deleted, &[side("b.md", &edited)], missing).unwrap().is_empty());
        assert_eq!(pair(&deleted, &[side("b.md", &text)], missing).unwrap(), [(0, 0)]);
    }

    #[test]
    fn a_symbolic_link_pairs_only_when_identical() {
        let text = lines(30, "link");
        let deleted = [Side { path: "a", id: text.as_bytes(), regular: false }];
        let edited = format!("{text}more\n");
        assert!(paired(&deleted, &[side("b", &edited)]).is_empty());
        assert_eq!(paired(&deleted, &[Side { path: "b", id: text.as_bytes(), regular: false }]), [(0, 0)]);
        // Identical bytes, but a file and a link: no rename.
        assert!(paired(&deleted, &[side("b", &text)]).is_empty());
    }

    #[test]
    fn a_crlf_copy_of_a_text_is_the_same_text() {
        let unix = lines(10, "text");
        let windows = unix.replace('\n', "\r\n");
        let source = Spans::of(unix.as_bytes());
        let target = Spans::of(windows.as_bytes());
        // Every span is found again; only the larger size (the CRs) keeps the score under 100 %.
        let expected = unix.len() as u64 * MAX_SCORE / windows.len() as u64;
        assert_eq!(similarity(&source, &target), expected);
    }

    #[test]
    fn empty_files_never_pair_by_similarity() {
        assert_eq!(similarity(&Spans::of(b""), &Spans::of(b"")), 0);
    }
}
