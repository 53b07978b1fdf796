//! Folders at the top of the content folder named like a section kennis generates
//! (`tags/`, `authors/`, `search/`, `insights/`): their pages would be written where kennis
//! writes its own, so each such folder is one error, said at the folder.

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
    /// One error for each top folder whose pages get URLs under a generated section.
    pub(super) fn check_reserved_folders(&mut self) {
        let mut clashing: BTreeMap<(String, &str), usize> = BTreeMap::new();
        for page in self.site.pages.iter().filter(|page| page.has_file) {
            let mut folders = page.source.segments();
            let (Some(top), Some(_)) = (folders.next(), folders.next()) else { continue };
            let url_top = page.url.as_str().trim_start_matches('/').split('/').next().unwrap_or("");
            let section = GENERATED_SECTIONS.iter().find(|(name, _)| *name == url_top);
            if let Some((name, _)) = section.filter(|(name, _)| top.eq_ignore_ascii_case(name)) {
                *clashing.entry((top.to_owned(), name)).or_default() += 1;
            }
        }
        for ((folder, name), pages) in clashing {
            let what = GENERATED_SECTIONS.iter().find(|(n, _)| *n == name).map_or("", |(_, what)| what);
            let path = format!("{}{folder}/", self.prefix);
            let pages = if pages == 1 { "its page".to_owned() } else { format!("its {pages} pages") };
            self.diagnostics.push(
                Diagnostic::error(
                    &path,
                    0,
                    0,
                    format!("the folder `{path}` is named like `/{name}/`, where kennis writes {what}: {pages} would clash with them"),
                )
                .with_hint(format!("rename the folder, for example to `{}{folder}-pages/`", self.prefix)),
            );
        }
    }
}
