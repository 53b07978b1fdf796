//! Which files differ between two versions of a folder: git's tree comparison, on raw tree objects.
//!
//! A tree object is a list of entries `<mode> <name>\0<object id>`, sorted by name. Between a
//! commit and its parent most folders are unchanged (same id, never read), and in a changed folder
//! of thousands of entries usually one or two differ. So the two versions are compared as bytes
//! first: entries in their common start are stepped over by finding their NUL only, and the
//! comparison by name stops as soon as what is left of both is their common end. The cost of a
//! commit is then a `memcmp` of the folders it changed, not a parse of every entry in them.

use std::cmp::Ordering;
use std::sync::Arc;

use gix::objs::tree::EntryMode;

/// One entry of a tree object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Entry<'a> {
    pub(super) mode: EntryMode,
    pub(super) name: &'a [u8],
    /// The raw object id.
    pub(super) id: &'a [u8],
}

/// How a file differs between the old and the new tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Difference {
    Added,
    Deleted,
    /// Other content, or another mode (file, executable, symbolic link).
    Modified,
}

/// What the comparison needs from its caller: tree objects to descend into, which paths to look
/// at, and where to put what differs.
pub(super) trait Comparison {
    type Error: From<MalformedTree>;

    /// The bytes of the tree object `id` (a raw object id).
    fn tree(&mut self, id: &[u8]) -> Result<Arc<Vec<u8>>, Self::Error>;

    /// Whether anything below this folder is wanted (`folder` ends in `/`).
    fn wants_folder(&self, folder: &[u8]) -> bool;

    /// Whether this file is wanted.
    fn wants_file(&self, path: &[u8]) -> bool;

    /// A wanted file differs: `entry` is its new entry, or the old one for a deletion.
    fn difference(&mut self, difference: Difference, path: &[u8], entry: Entry<'_>);
}

/// A tree object that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("a tree object is malformed")]
pub(super) struct MalformedTree;

/// Compares the trees `old` and `new`, whose entries sit below `path` (empty, or ending in `/`),
/// reporting every file that differs, in git's order. Submodules are skipped.
pub(super) fn compare<C: Comparison>(
    old: &[u8],
    new: &[u8],
    path: &mut Vec<u8>,
    hash_len: usize,
    comparison: &mut C,
) -> Result<(), C::Error> {
    let common_end = common_suffix(old, new);
    let (mut at_old, mut at_new) = {
        let start = start_of_entry_at(old, common_prefix(old, new), hash_len)?;
        (start, start)
    };
    loop {
        let (left_old, left_new) = (old.len() - at_old, new.len() - at_new);
        // Both rests are the same bytes: nothing more differs.
        if left_old == left_new && left_old <= common_end {
            return Ok(());
        }
        match (entry_at(old, at_old, hash_len)?, entry_at(new, at_new, hash_len)?) {
            (None, None) => return Ok(()),
            (Some((gone, next)), None) => {
                at_old = next;
                whole(gone, Difference::Deleted, path, hash_len, comparison)?;
            }
            (None, Some((added, next))) => {
                at_new = next;
                whole(added, Difference::Added, path, hash_len, comparison)?;
            }
            (Some((before, next_old)), Some((after, next_new))) => {
                match gix::objs::tree::name_order(
                    before.name,
                    before.mode.is_tree(),
                    after.name,
                    after.mode.is_tree(),
                ) {
                    Ordering::Less => {
                        at_old = next_old;
                        whole(before, Difference::Deleted, path, hash_len, comparison)?;
                    }
                    Ordering::Greater => {
                        at_new = next_new;
                        whole(after, Difference::Added, path, hash_len, comparison)?;
                    }
                    Ordering::Equal => {
                        (at_old, at_new) = (next_old, next_new);
                        // Git compares modes by kind: `100664` from an old git is `100644`.
                        if before.id != after.id || before.mode.kind() != after.mode.kind() {
                            changed(before, after, path, hash_len, comparison)?;
                        }
                    }
                }
            }
        }
    }
}

/// An entry with the same name on both sides, but another id or mode.
fn changed<C: Comparison>(
    before: Entry<'_>,
    after: Entry<'_>,
    path: &mut Vec<u8>,
    hash_len: usize,
    comparison: &mut C,
) -> Result<(), C::Error> {
    // A submodule is no file: one replaced by a file, or the other way round, adds or deletes it.
    match (before.mode.is_commit(), after.mode.is_commit()) {
        (true, true) => return Ok(()),
        (true, false) => return whole(after, Difference::Added, path, hash_len, comparison),
        (false, true) => return whole(before, Difference::Deleted, path, hash_len, comparison),
        (false, false) => {}
    }
    let length = path.len();
    path.extend_from_slice(after.name);
    if after.mode.is_tree() {
        path.push(b'/');
        if comparison.wants_folder(path) {
            let (old, new) = (comparison.tree(before.id)?, comparison.tree(after.id)?);
            compare(&old, &new, path, hash_len, comparison)?;
        }
    } else if comparison.wants_file(path) {
        comparison.difference(Difference::Modified, path, after);
    }
    path.truncate(length);
    Ok(())
}

/// An entry on one side only: a file, or a folder whose files are all added or all deleted.
fn whole<C: Comparison>(
    entry: Entry<'_>,
    difference: Difference,
    path: &mut Vec<u8>,
    hash_len: usize,
    comparison: &mut C,
) -> Result<(), C::Error> {
    if entry.mode.is_commit() {
        return Ok(());
    }
    let length = path.len();
    path.extend_from_slice(entry.name);
    if entry.mode.is_tree() {
        path.push(b'/');
        if comparison.wants_folder(path) {
            let tree = comparison.tree(entry.id)?;
            let mut at = 0;
            while let Some((inner, next)) = entry_at(&tree, at, hash_len)? {
                at = next;
                whole(inner, difference, path, hash_len, comparison)?;
            }
        }
    } else if comparison.wants_file(path) {
        comparison.difference(difference, path, entry);
    }
    path.truncate(length);
    Ok(())
}

/// The entry that starts at `at`, and where the next one starts; `None` at the end of the tree.
pub(super) fn entry_at(
    tree: &[u8],
    at: usize,
    hash_len: usize,
) -> Result<Option<(Entry<'_>, usize)>, MalformedTree> {
    let Some(rest) = tree.get(at..).filter(|rest| !rest.is_empty()) else { return Ok(None) };
    let space = memchr::memchr(b' ', rest).ok_or(MalformedTree)?;
    let mode = EntryMode::from_bytes(&rest[..space]).ok_or(MalformedTree)?;
    let name_start = space + 1;
    let nul = name_start + memchr::memchr(0, &rest[name_start..]).ok_or(MalformedTree)?;
    let next = nul + 1 + hash_len;
    let id = rest.get(nul + 1..next).ok_or(MalformedTree)?;
    Ok(Some((Entry { mode, name: &rest[name_start..nul], id }, at + next)))
}

/// Finds the entry named `name` in a tree (a folder on the way to the content folder).
pub(super) fn find_entry<'a>(
    tree: &'a [u8],
    name: &[u8],
    hash_len: usize,
) -> Result<Option<Entry<'a>>, MalformedTree> {
    let mut at = 0;
    while let Some((entry, next)) = entry_at(tree, at, hash_len)? {
        if entry.name == name {
            return Ok(Some(entry));
        }
        at = next;
    }
    Ok(None)
}

/// The start of the entry that holds byte `offset`, or `offset` itself at the end of the tree,
/// found by stepping from NUL to NUL without reading the entries.
fn start_of_entry_at(tree: &[u8], offset: usize, hash_len: usize) -> Result<usize, MalformedTree> {
    let mut start = 0;
    while start < offset {
        let nul = memchr::memchr(0, &tree[start..]).ok_or(MalformedTree)?;
        let next = start + nul + 1 + hash_len;
        if next > offset {
            break;
        }
        start = next;
    }
    Ok(start.min(tree.len()))
}

/// The number of bytes at the start that `a` and `b` share, compared in blocks.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let length = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= length && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..length].iter().zip(&b[at..length]).take_while(|(x, y)| x == y).count()
}

/// The number of bytes at the end that `a` and `b` share, compared in blocks.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let length = a.len().min(b.len());
    let (a, b) = (&a[a.len() - length..], &b[b.len() - length..]);
    let mut shared = 0;
    while shared + BLOCK <= length
        && a[length - shared - BLOCK..length - shared] == b[length - shared - BLOCK..length - shared]
    {
        shared += BLOCK;
    }
    shared
        + a[..length - shared]
            .iter()
            .rev()
            .zip(b[..length - shared].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const HASH: usize = 20;

    /// Trees by a made-up id; files need no objects.
    #[derive(Default)]
    struct Fake {
        trees: HashMap<Vec<u8>, Arc<Vec<u8>>>,
        only: Option<&'static str>,
        seen: Vec<String>,
    }

    impl Comparison for Fake {
        type Error = MalformedTree;
        fn tree(&mut self, id: &[u8]) -> Result<Arc<Vec<u8>>, MalformedTree> {
            Ok(self.trees[id].clone())
        }
        fn wants_folder(&self, folder: &[u8]) -> bool {
            self.only.is_none_or(|only| only.as_bytes().starts_with(folder))
        }
        fn wants_file(&self, path: &[u8]) -> bool {
            self.only.is_none_or(|only| only.as_bytes() == path)
        }
        fn difference(&mut self, difference: Difference, path: &[u8], _: Entry<'_>) {
            self.seen.push(format!("{difference:?} {}", String::from_utf8_lossy(path)));
        }
    }

    fn id(seed: &str) -> Vec<u8> {
        use std::hash::{Hash, Hasher};
        let mut id = Vec::with_capacity(HASH);
        // Ids hold NULs and spaces too, which must not confuse the parser.
        id.extend_from_slice(b"\0 \0 ");
        for round in 0..2u8 {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (seed, round).hash(&mut hasher);
            id.extend_from_slice(&hasher.finish().to_le_bytes());
        }
        id.resize(HASH, 0);
        id
    }

    /// A tree object from `(mode, name, id seed)`, sorted the way git sorts.
    fn tree(entries: &[(&str, &str, &str)]) -> Vec<u8> {
        let mut entries = entries.to_vec();
        entries.sort_by(|a, b| {
            gix::objs::tree::name_order(a.1.as_bytes(), a.0 == "40000", b.1.as_bytes(), b.0 == "40000")
        });
        let mut bytes = Vec::new();
        for (mode, name, seed) in entries {
            bytes.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            bytes.extend_from_slice(&id(seed));
        }
        bytes
    }

    fn compare_trees(fake: &mut Fake, old: &[u8], new: &[u8]) -> Vec<String> {
        compare(old, new, &mut Vec::new(), HASH, fake).unwrap();
        std::mem::take(&mut fake.seen)
    }

    fn many(count: usize, skip: Option<usize>, changed: Option<usize>) -> Vec<(String, String)> {
        (0..count)
            .filter(|n| Some(*n) != skip)
            .map(|n| {
                let seed = if Some(n) == changed { format!("v2 {n}") } else { format!("v1 {n}") };
                (format!("page-{n:05}.md"), seed)
            })
            .collect()
    }

    fn tree_of(files: &[(String, String)]) -> Vec<u8> {
        let entries: Vec<(&str, &str, &str)> =
            files.iter().map(|(name, seed)| ("100644", name.as_str(), seed.as_str())).collect();
        tree(&entries)
    }

    #[test]
    fn one_file_added_changed_or_deleted_among_thousands_is_found() {
        let mut fake = Fake::default();
        let all = tree_of(&many(3000, None, None));
        assert_eq!(
            compare_trees(&mut fake, &tree_of(&many(3000, Some(1234), None)), &all),
            ["Added page-01234.md"]
        );
        assert_eq!(
            compare_trees(&mut fake, &all, &tree_of(&many(3000, Some(0), None))),
            ["Deleted page-00000.md"]
        );
        assert_eq!(
            compare_trees(&mut fake, &all, &tree_of(&many(3000, Some(2999), None))),
            ["Deleted page-02999.md"]
        );
        assert_eq!(
            compare_trees(&mut fake, &all, &tree_of(&many(3000, None, Some(7)))),
            ["Modified page-00007.md"]
        );
        assert!(compare_trees(&mut fake, &all, &all).is_empty());
    }

    #[test]
    fn changes_at_both_ends_and_in_between_are_all_found() {
        let mut fake = Fake::default();
        let old = tree(&[("100644", "a.md", "1"), ("100644", "m.md", "1"), ("100644", "z.md", "1")]);
        let new = tree(&[
            ("100644", "a.md", "2"),
            ("100755", "m.md", "1"),
            ("100644", "n.md", "1"),
            ("120000", "z.md", "1"),
        ]);
        assert_eq!(
            compare_trees(&mut fake, &old, &new),
            ["Modified a.md", "Modified m.md", "Added n.md", "Modified z.md"]
        );
        assert_eq!(compare_trees(&mut fake, &[], &old), ["Added a.md", "Added m.md", "Added z.md"]);
        assert_eq!(compare_trees(&mut fake, &old, &[]), ["Deleted a.md", "Deleted m.md", "Deleted z.md"]);
    }

    #[test]
    fn folders_are_descended_into_and_a_file_turned_folder_is_a_deletion_and_additions() {
        let mut fake = Fake::default();
        let docs_v1 = tree(&[("100644", "a.md", "a"), ("100644", "b.md", "b")]);
        let docs_v2 = tree(&[("100644", "a.md", "a2"), ("100644", "b.md", "b")]);
        let guide = tree(&[("100644", "index.md", "i")]);
        fake.trees.insert(id("docs1"), Arc::new(docs_v1));
        fake.trees.insert(id("docs2"), Arc::new(docs_v2));
        fake.trees.insert(id("guide"), Arc::new(guide));
        let old = tree(&[("40000", "docs", "docs1"), ("100644", "guide", "g"), ("160000", "vendor", "s1")]);
        let new =
            tree(&[("40000", "docs", "docs2"), ("40000", "guide", "guide"), ("160000", "vendor", "s2")]);
        assert_eq!(
            compare_trees(&mut fake, &old, &new),
            ["Modified docs/a.md", "Deleted guide", "Added guide/index.md"]
        );
        fake.only = Some("guide/index.md");
        assert_eq!(compare_trees(&mut fake, &old, &new), ["Added guide/index.md"]);
    }

    #[test]
    fn a_name_that_sorts_around_a_folder_of_the_same_stem_is_compared_in_gits_order() {
        let mut fake = Fake::default();
        fake.trees.insert(id("foo"), Arc::new(tree(&[("100644", "x.md", "x")])));
        fake.trees.insert(id("foo2"), Arc::new(tree(&[("100644", "x.md", "x2")])));
        // Git sorts the folder `foo` as `foo/`, after `foo.md` and before `foo0`.
        let old = tree(&[("100644", "foo.md", "1"), ("40000", "foo", "foo"), ("100644", "foo0", "1")]);
        let new = tree(&[("100644", "foo.md", "1"), ("40000", "foo", "foo2"), ("100644", "foo0", "2")]);
        assert_eq!(compare_trees(&mut fake, &old, &new), ["Modified foo/x.md", "Modified foo0"]);
    }

    #[test]
    fn a_malformed_tree_is_an_error_not_a_panic() {
        let mut fake = Fake::default();
        let good = tree(&[("100644", "a.md", "1")]);
        for bad in
            [&b"100644 a.md"[..], b"100644 a.md\0short", b"nonsense a.md\0xxxxxxxxxxxxxxxxxxxx", b"100644"]
        {
            assert!(compare(&good, bad, &mut Vec::new(), HASH, &mut fake).is_err());
        }
    }
}
