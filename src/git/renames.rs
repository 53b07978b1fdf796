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
/// Like git's `diff.renameLimit`: beyond this many deletions times additions, only identical
/// content is paired.
const PAIRS_COMPARED: usize = 1000 * 1000;

/// A deleted or added file.
pub(super) struct Side<'a> {
    pub(super) path: &'a str,
    pub(super) id: &'a [u8],
    /// A regular file: only those pair by similarity (a symbolic link only when identical).
    pub(super) regular: bool,
}

/// The renames among `deleted` and `added`, as `(deleted index, added index)`; `content` gives a
/// file's bytes by object id, and is asked only when no identical content pairs them.
pub(super) fn pair<'a, E>(
    deleted: &[Side<'a>],
    added: &[Side<'a>],
    mut content: impl FnMut(&[u8]) -> Result<Vec<u8>, E>,
) -> Result<Vec<(usize, usize)>, E> {
    let mut pairs = Vec::new();
    let (mut deleted_used, mut added_used) = (vec![false; deleted.len()], vec![false; added.len()]);

    // Identical content: by id, the same file name first.
    let mut by_id: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (index, file) in deleted.iter().enumerate() {
        by_id.entry(file.id).or_default().push(index);
    }
    for (to, file) in added.iter().enumerate() {
        let Some(sources) = by_id.get_mut(file.id) else { continue };
        let same_name =
            sources.iter().position(|&from| file_name(deleted[from].path) == file_name(file.path));
        let Some(position) = same_name.or((!sources.is_empty()).then_some(0)) else { continue };
        let from = sources.remove(position);
        deleted_used[from] = true;
        added_used[to] = true;
        pairs.push((from, to));
    }

    let open = |sides: &[Side<'_>], used: &[bool]| -> Vec<usize> {
        (0..sides.len()).filter(|&index| !used[index] && sides[index].regular).collect()
    };
    let (open_deleted, open_added) = (open(deleted, &deleted_used), open(added, &added_used));
    if open_deleted.is_empty()
        || open_added.is_empty()
        || open_deleted.len() * open_added.len() > PAIRS_COMPARED
    {
        return Ok(pairs);
    }
    let mut spans: HashMap<&[u8], Spans> = HashMap::new();
    let mut spans_of = |id: &'a [u8]| -> Result<(), E> {
        if !spans.contains_key(id) {
            spans.insert(id, Spans::of(&content(id)?));
        }
        Ok(())
    };
    for &index in &open_deleted {
        spans_of(deleted[index].id)?;
    }
    for &index in &open_added {
        spans_of(added[index].id)?;
    }
    let score = |from: usize, to: usize| similarity(&spans[deleted[from].id], &spans[added[to].id]);

    // A file name that occurs once among the deleted and once among the added files: a file moved
    // to another folder, if at least half of it is the same (git 2.33 and later look here first).
    let mut names: HashMap<&str, SameName> = HashMap::new();
    for &from in &open_deleted {
        let name = names.entry(file_name(deleted[from].path)).or_default();
        name.deleted.push(from);
    }
    for &to in &open_added {
        let name = names.entry(file_name(added[to].path)).or_default();
        name.added.push(to);
    }
    let mut moved: Vec<(usize, usize)> = names
        .into_values()
        .filter_map(|name| match (name.deleted.as_slice(), name.added.as_slice()) {
            (&[from], &[to]) if score(from, to) >= MINIMUM_SCORE => Some((from, to)),
            _ => None,
        })
        .collect();
    moved.sort_unstable();
    for (from, to) in moved {
        deleted_used[from] = true;
        added_used[to] = true;
        pairs.push((from, to));
    }

    // Similar content: every open pair scored, best first.
    let mut candidates = Vec::new();
    for &to in open_added.iter().filter(|&&to| !added_used[to]) {
        for &from in open_deleted.iter().filter(|&&from| !deleted_used[from]) {
            let score = score(from, to);
            if score >= MINIMUM_SCORE {
                let same_name = file_name(deleted[from].path) == file_name(added[to].path);
                candidates.push((score, same_name, from, to));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.3.cmp(&b.3)).then(a.2.cmp(&b.2)));
    for (_, _, from, to) in candidates {
        if !deleted_used[from] && !added_used[to] {
            deleted_used[from] = true;
            added_used[to] = true;
            pairs.push((from, to));
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
        pair(deleted, added, |id| Ok::<_, ()>(id.to_vec())).unwrap()
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
    fn a_symbolic_link_pairs_only_when_identical() {
        let text = lines(30, "link");
        let deleted = [Side { path: "a", id: text.as_bytes(), regular: false }];
        let edited = format!("{text}more\n");
        assert!(paired(&deleted, &[side("b", &edited)]).is_empty());
        assert_eq!(paired(&deleted, &[Side { path: "b", id: text.as_bytes(), regular: false }]), [(0, 0)]);
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
