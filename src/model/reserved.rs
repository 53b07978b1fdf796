//! Folders and pages at the top of the content folder named like a section kennis
//! generates (`tags/`, `authors/`, `search/`, `insights/`): their pages would be written
//! where kennis writes its own, so each is one error, said at the folder or file.

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::model::assemble::Builder;

/// The top folders of the site's URLs that kennis fills itself, and what it writes there.
const GENERATED_SECTIONS: [(&str, &str); 4] = [
    ("tags", "its tag pages"),
    ("authors", "its people's pages"),
    ("search", "its search page and index"),
    ("insights", "its insights pages"),
];

impl Builder<'_> {
    /// One error for each top folder whose pages get URLs under a generated section, and
    /// for each top page that is such a section (`search.md` at `/search/`). `search/` is
    /// free when the site has no search.
    pub(super) fn check_reserved_folders(&mut self, search_enabled: bool) {
        // By the folder or file, from the content folder: the section's name, and how
        // many pages (none for a file).
        let mut clashing: BTreeMap<String, (&str, usize)> = BTreeMap::new();
        for page in self.site.pages.iter().filter(|page| page.has_file) {
            let url_top = page.url.as_str().trim_start_matches('/').split('/').next().unwrap_or("");
            let generated = GENERATED_SECTIONS.iter().map(|(name, _)| *name).find(|name| *name == url_top);
            let Some(name) = generated.filter(|name| search_enabled || *name != "search") else { continue };
            let mut segments = page.source.segments();
            let top = segments.next().unwrap_or("");
            if segments.next().is_some() {
                if top.eq_ignore_ascii_case(name) {
                    clashing.entry(format!("{top}/")).or_insert((name, 0)).1 += 1;
                }
            } else if page.url.as_str().trim_matches('/') == name {
                clashing.insert(top.to_owned(), (name, 0));
            }
        }
        for (place, (name, pages)) in clashing {
            let what = GENERATED_SECTIONS.iter().find(|(n, _)| *n == name).map_or("", |(_, what)| what);
            let path = format!("{}{place}", self.prefix);
            let (message, hint) = if place.ends_with('/') {
                let pages = if pages == 1 { "its page".to_owned() } else { format!("its {pages} pages") };
                (
                    format!(
                        "the folder `{path}` is named like `/{name}/`, where kennis writes {what}: {pages} would clash with them"
                    ),
                    format!("rename the folder, for example to `{}{name}-pages/`", self.prefix),
                )
            } else {
                (
                    format!("the page `{path}` is at `/{name}/`, where kennis writes {what}"),
                    "rename the file, or give the page another `slug:`".to_owned(),
                )
            };
            self.diagnostics.push(Diagnostic::error(&path, 0, 0, message).with_hint(hint));
        }
    }
}
