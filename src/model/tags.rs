//! The site's tags: one page per tag key, one name per tag, a folder of its own per tag, aliases
//! from site.yaml merged into their tags, and warnings where spellings meet.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::TagAliases;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::slug::{tag_folder, tag_key};
use crate::model::urls;
use crate::model::{PageId, Site, Tag, TagPage};

/// One spelling of a tag: how many pages use it and where it was first written.
struct Spelling {
    name: String,
    count: usize,
    first_use: Place,
    /// An alias from `tag_aliases:`: it never names the tag and is no misspelling of it.
    alias: bool,
}

#[derive(Clone)]
struct Place {
    page: PageId,
    line: u32,
    column: u32,
}

/// Everything gathered about one tag key before its page is decided.
#[derive(Default)]
struct Uses {
    spellings: Vec<Spelling>,
    pages: Vec<PageId>,
}

/// Gives every page's tag that `tag_aliases:` lists as an alias the key of the tag it
/// merges into, keeping its name (so `index_tags` can tell it from that tag's spellings);
/// a page that has a tag and its alias, or two aliases of one tag, has the tag once,
/// as written in its own name if the page writes it.
pub(super) fn merge_tag_aliases(site: &mut Site, tag_aliases: &[TagAliases]) {
    let merged_into: HashMap<String, String> = tag_aliases
        .iter()
        .flat_map(|entry| entry.aliases.iter().map(|alias| (tag_key(alias), tag_key(&entry.name))))
        .collect();
    if merged_into.is_empty() {
        return;
    }
    for id in site.pages.ids().to_vec() {
        let page = site.pages.get_mut(id);
        if !page.tags.iter().any(|tag| merged_into.contains_key(&tag.key)) {
            continue;
        }
        let mut tags: Vec<Tag> = Vec::with_capacity(page.tags.len());
        for mut tag in std::mem::take(&mut page.tags) {
            if let Some(key) = merged_into.get(&tag.key) {
                tag.key = key.clone();
            }
            match tags.iter_mut().find(|kept| kept.key == tag.key) {
                // The tag's own name wins over an alias written before it.
                Some(kept) if tag_key(&kept.name) != kept.key && tag_key(&tag.name) == tag.key => *kept = tag,
                Some(_) => {}
                None => tags.push(tag),
            }
        }
        page.tags = tags;
    }
}

/// Groups the pages' tags by key, names each tag, and gives each its own folder, and each
/// alias in `tag_aliases` whose tag has a page a folder beside it for a redirect.
/// `prefix` is the content folder as the root sees it, for the warnings' file names.
pub(super) fn index_tags(
    site: &Site,
    prefix: &str,
    tag_aliases: &[TagAliases],
) -> (BTreeMap<String, TagPage>, Diagnostics) {
    let mut uses: HashMap<&str, Uses> = HashMap::new();
    for page in &site.pages {
        for tag in &page.tags {
            let entry = uses.entry(tag.key.as_str()).or_default();
            entry.pages.push(page.id);
            let place = Place { page: page.id, line: tag.line, column: tag.column };
            match entry.spellings.iter_mut().find(|s| s.name == tag.name) {
                Some(spelling) => spelling.count += 1,
                None => entry.spellings.push(Spelling {
                    name: tag.name.clone(),
                    count: 1,
                    first_use: place,
                    alias: tag_key(&tag.name) != tag.key,
                }),
            }
        }
    }
    // The tags with aliases, as site.yaml names them: a tag only aliases use is named so.
    let written: HashMap<String, &str> =
        tag_aliases.iter().map(|entry| (tag_key(&entry.name), entry.name.as_str())).collect();
    let mut diagnostics = Diagnostics::default();
    let mut sorted: Vec<(&str, Uses)> = uses.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut tags = BTreeMap::new();
    let mut folders: HashMap<String, &str> = HashMap::new();
    for (key, mut uses) in sorted {
        // One name per tag: the spelling most pages use; on a tie, the one that sorts
        // first (capitals before lower case, so `Rust` wins over `rust`). Aliases come last
        // and name no tag.
        uses.spellings.sort_by(|a, b| {
            a.alias.cmp(&b.alias).then_with(|| b.count.cmp(&a.count)).then_with(|| a.name.cmp(&b.name))
        });
        let own = uses.spellings.iter().filter(|s| !s.alias).count();
        if own > 1 {
            diagnostics.push(spellings_warning(site, prefix, &uses.spellings[..own]));
        }
        let name = match (own, written.get(key)) {
            (0, Some(written)) => (*written).to_owned(),
            _ => uses.spellings[0].name.clone(),
        };
        let folder = free_folder(key, &mut folders, |taken_by, folder| {
            let later = uses
                .spellings
                .iter()
                .map(|s| &s.first_use)
                .min_by_key(|p| site.pages.ordinal(p.page))
                .cloned();
            let later = later.expect("a tag in use has a first use");
            let earlier = &tags.get(taken_by).map_or(taken_by, |t: &TagPage| t.name.as_str()).to_owned();
            diagnostics.push(collision_warning(site, prefix, (earlier, &name), &later, folder));
        });
        tags.insert(key.to_owned(), TagPage { name, folder, pages: uses.pages, alias_folders: Vec::new() });
    }
    add_alias_folders(&mut tags, tag_aliases);
    (tags, diagnostics)
}

/// A folder for each alias whose tag has a page, where a redirect to that page goes (old
/// links to `/tags/k8s/` keep working), unless a tag's page or an earlier alias has it.
fn add_alias_folders(tags: &mut BTreeMap<String, TagPage>, tag_aliases: &[TagAliases]) {
    let mut taken: HashSet<String> = tags.values().map(|tag| tag.folder.clone()).collect();
    for entry in tag_aliases {
        let Some(tag) = tags.get_mut(&tag_key(&entry.name)) else { continue };
        for alias in &entry.aliases {
            let folder = tag_folder(&tag_key(alias));
            if taken.insert(folder.clone()) {
                tag.alias_folders.push(folder);
            }
        }
    }
}

/// The tag's own folder, or, when an earlier tag holds it, the first free `folder-2`,
/// `folder-3`…; `collided` hears which tag held it and which folder this one got.
fn free_folder<'k>(
    key: &'k str,
    folders: &mut HashMap<String, &'k str>,
    mut collided: impl FnMut(&str, &str),
) -> String {
    let wanted = tag_folder(key);
    let Some(&holder) = folders.get(&wanted) else {
        folders.insert(wanted.clone(), key);
        return wanted;
    };
    let folder =
        (2..).map(|n| format!("{wanted}-{n}")).find(|f| !folders.contains_key(f)).expect("unbounded");
    collided(holder, &folder);
    folders.insert(folder.clone(), key);
    folder
}

fn place_text(site: &Site, prefix: &str, place: &Place) -> String {
    let file = site.page(place.page).source.display_from_root(prefix);
    format!("`{file}:{}:{}`", place.line, place.column)
}

/// One warning for all spellings of a tag, at the first use of one that is not the chosen name.
fn spellings_warning(site: &Site, prefix: &str, spellings: &[Spelling]) -> Diagnostic {
    let chosen = &spellings[0].name;
    let listed: Vec<String> = spellings
        .iter()
        .map(|s| {
            let pages = if s.count == 1 { "1 page".to_owned() } else { format!("{} pages", s.count) };
            format!("`{}` ({pages}, first at {})", s.name, place_text(site, prefix, &s.first_use))
        })
        .collect();
    let place = &spellings[1].first_use;
    let file = site.page(place.page).source.display_from_root(prefix);
    Diagnostic::warning(
        file,
        place.line,
        place.column,
        format!(
            "one tag is spelled {} ways: {}; it is shown as `{chosen}`",
            spellings.len(),
            listed.join(", ")
        ),
    )
    .with_hint(format!("write it as `{chosen}` everywhere; tags that differ only in case are one tag"))
}

/// Two tags that differ after case folding whose folders would be the same.
fn collision_warning(
    site: &Site,
    prefix: &str,
    (earlier, later): (&str, &str),
    later_place: &Place,
    folder: &str,
) -> Diagnostic {
    let file = site.page(later_place.page).source.display_from_root(prefix);
    let url = urls::tag(folder);
    Diagnostic::warning(
        file,
        later_place.line,
        later_place.column,
        format!("tags `{earlier}` and `{later}` would share one page; `{later}` is at `{url}` instead"),
    )
    .with_hint(
        "rename one of them if they mean different things, or write them the same way if they are one tag",
    )
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap, HashSet};

    use proptest::prelude::*;

    use super::free_folder;
    use crate::model::slug::tag_key;

    proptest! {
        /// Tags that still differ after case folding never share a folder, however they
        /// are spelled (separators, dots, case, long names cut to the same prefix).
        #[test]
        fn different_tags_never_share_a_folder(names in prop::collection::vec("[aA2/\\\\.:?* -]{1,6}|x{118,125}", 1..40)) {
            let keys: BTreeSet<String> = names.iter().map(|n| tag_key(n)).filter(|k| !k.is_empty()).collect();
            let mut folders = HashMap::new();
            let mut given = HashSet::new();
            let mut collisions = 0;
            for key in &keys {
                let folder = free_folder(key, &mut folders, |_, _| collisions += 1);
                prop_assert!(given.insert(folder.clone()), "{folder} given twice");
            }
            prop_assert_eq!(given.len(), keys.len());
        }
    }
}
