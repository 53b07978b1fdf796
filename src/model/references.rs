//! Checking what front matter refers to: authors, communities, the accepted answer, aliases and unique URLs.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::config::UnknownAuthors;
use crate::content::Located;
use crate::error::Diagnostic;
use crate::model::assemble::{Builder, PendingReferences};
use crate::model::{AuthorId, CommunityId, Contributor, PageId, closest};
use crate::paths::UrlPath;

/// What resolving a person takes besides the registry itself.
#[derive(Default)]
struct People {
    /// Registered people by their name as `authors/` gives it; a name two files share
    /// goes to the first id.
    by_name: HashMap<String, AuthorId>,
    /// With `unknown_authors: name`: each name that is one edit from a registered id or
    /// name, and that id or name; worked out once per name, not per page.
    near: HashMap<String, String>,
}

impl Builder<'_> {
    pub(super) fn check_references(&mut self) {
        let references = std::mem::take(&mut self.references);
        let mut names = People::default();
        for author in &self.site.authors {
            names.by_name.entry(author.name.trim().to_owned()).or_insert_with(|| author.id.clone());
        }
        if self.unknown_authors == UnknownAuthors::Name {
            self.name_unregistered_people(&references, &mut names);
        }
        for pending in references {
            let file = self.file(pending.page);
            let from_git = pending.authors.is_empty();
            let authors = if from_git {
                self.git_authors(pending.page, pending.git_authors)
            } else {
                pending.authors.iter().filter_map(|a| self.known_author(&file, a, &names)).collect()
            };
            let communities =
                pending.communities.iter().filter_map(|c| self.known_community(&file, c)).collect();
            let lead = pending.lead.as_ref().and_then(|l| self.known_author(&file, l, &names));
            let team = pending.team.iter().filter_map(|t| self.known_author(&file, t, &names)).collect();
            let accepted = pending.accepted.as_ref().and_then(|a| self.known_answer(&file, pending.page, a));
            let mut aliases = Vec::new();
            let mut positions = Vec::new();
            let own_url = self.site.page(pending.page).url.clone();
            for alias in pending.aliases {
                match alias_url(&alias.value) {
                    // `/functions/strings/hassuffix` on the page of that URL, as Hugo sites
                    // write when URLs are lower-cased: nothing to redirect.
                    Ok(url) if url == own_url => {}
                    Ok(url) => {
                        aliases.push(url);
                        positions.push(alias);
                    }
                    Err(refused) => self.diagnostics.push(refused.diagnostic(&file, &alias)),
                }
            }
            self.alias_positions.insert(pending.page, positions);
            let page = self.site.pages.get_mut(pending.page);
            page.authors = authors;
            page.authors_from_git = from_git;
            page.communities = communities;
            page.aliases = aliases;
            page.accepted = accepted;
            if let Some(info) = &mut page.community {
                info.lead = lead;
                info.team = team;
            }
        }
        self.sort_responses();
    }

    /// The registered person a value names: by id (`an-peeters`), by the name in their
    /// file (`An Peeters`) or by one of their e-mail addresses.
    fn registered(&self, written: &str, names: &People) -> Option<AuthorId> {
        let trimmed = written.trim();
        let id = AuthorId(trimmed.to_owned());
        if self.site.author(&id).is_some() {
            return Some(id);
        }
        names.by_name.get(trimmed).or_else(|| self.site.emails.get(&trimmed.to_lowercase())).cloned()
    }

    /// With `unknown_authors: name`: everyone front matter names (authors, a community's
    /// lead and team) who is not in `authors/` becomes a person known by that name, and a
    /// git contributor outside `authors/` whose name git gives the same is that person.
    fn name_unregistered_people(&mut self, references: &[PendingReferences], names: &mut People) {
        let mut named: BTreeSet<&str> = BTreeSet::new();
        for pending in references {
            let people = pending.authors.iter().chain(&pending.lead).chain(&pending.team);
            for written in people {
                let name = written.value.trim();
                if !name.is_empty() && self.registered(name, names).is_none() {
                    named.insert(name);
                }
            }
        }
        if named.is_empty() {
            return;
        }
        // One edit from a registered id or name is more likely a typo than another person.
        let ids: Vec<&str> = self.site.authors.iter().map(|a| a.id.0.as_str()).collect();
        let registered_names: Vec<&str> = self.site.authors.iter().map(|a| a.name.trim()).collect();
        for &name in &named {
            let close = crate::text::closest_name(name, &ids, 1)
                .or_else(|| crate::text::closest_name(name, &registered_names, 1));
            if let Some(close) = close {
                names.near.insert(name.to_owned(), close.to_owned());
            }
        }
        let named: HashSet<&str> = named.into_iter().collect();
        for id in self.site.pages.ids().to_vec() {
            let page = self.site.pages.get_mut(id);
            let is_named = |c: &Contributor| match c {
                Contributor::Unregistered { name, .. } => named.contains(name.as_str()),
                Contributor::Author(_) => false,
            };
            if !page.contributors.iter().any(is_named) {
                continue;
            }
            let mut merged: Vec<Contributor> = Vec::with_capacity(page.contributors.len());
            for contributor in std::mem::take(&mut page.contributors) {
                let contributor = match contributor {
                    Contributor::Unregistered { name, .. } if named.contains(name.as_str()) => {
                        Contributor::Author(AuthorId(name))
                    }
                    other => other,
                };
                // Two addresses under one name are one person.
                if !merged.contains(&contributor) {
                    merged.push(contributor);
                }
            }
            page.contributors = merged;
            if let Some(Contributor::Unregistered { name, .. }) = &page.updated_by
                && named.contains(name.as_str())
            {
                page.updated_by = Some(Contributor::Author(AuthorId(name.clone())));
            }
        }
        let mut people: Vec<AuthorId> = named.into_iter().map(|name| AuthorId(name.to_owned())).collect();
        people.sort_by_cached_key(|id| (id.0.to_lowercase(), id.0.clone()));
        self.site.named_authors = people;
    }

    /// The authors of a page whose front matter names none: the people among its git
    /// contributors (registered, or named elsewhere in the site's front matter).
    fn git_authors(&self, page: PageId, registered: Vec<AuthorId>) -> Vec<AuthorId> {
        if self.site.named_authors.is_empty() {
            return registered;
        }
        let contributors = &self.site.page(page).contributors;
        contributors
            .iter()
            .filter_map(|c| match c {
                Contributor::Author(id) => Some(id.clone()),
                Contributor::Unregistered { .. } => None,
            })
            .collect()
    }

    fn known_author(&mut self, file: &str, written: &Located<String>, names: &People) -> Option<AuthorId> {
        if let Some(id) = self.registered(&written.value, names) {
            return Some(id);
        }
        if self.unknown_authors == UnknownAuthors::Name {
            let name = written.value.trim();
            if name.is_empty() {
                return None;
            }
            if let Some(close) = names.near.get(name) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        file,
                        written.line,
                        written.column,
                        format!("`{name}` is not in `authors/`, so it is shown as a name without a page"),
                    )
                    .with_hint(format!("did you mean `{close}`? authors are the files in `authors/`")),
                );
            }
            return Some(AuthorId(name.to_owned()));
        }
        let known: Vec<&str> = self.site.authors.iter().map(|a| a.id.0.as_str()).collect();
        let hint = match closest(&written.value, &known) {
            Some(close) => format!("did you mean `{close}`? authors are the files in `authors/`"),
            None => format!(
                "add `authors/{}.yaml` with at least `name:`, or set `unknown_authors: name` in site.yaml \
                 to show it as a name",
                written.value
            ),
        };
        self.diagnostics.push(
            Diagnostic::error(
                file,
                written.line,
                written.column,
                format!("unknown author `{}`", written.value),
            )
            .with_hint(hint),
        );
        None
    }

    fn known_community(&mut self, file: &str, written: &Located<String>) -> Option<CommunityId> {
        let id = CommunityId(written.value.clone());
        if self.site.communities.contains_key(&id) {
            return Some(id);
        }
        let known: Vec<&str> = self.site.communities.keys().map(|c| c.0.as_str()).collect();
        let hint = match closest(&written.value, &known) {
            Some(close) => {
                format!("did you mean `{close}`? communities are the folders in `content/communities/`")
            }
            None => format!("add `content/communities/{}/index.md` with a `title:`", written.value),
        };
        self.diagnostics.push(
            Diagnostic::error(
                file,
                written.line,
                written.column,
                format!("unknown community `{}`", written.value),
            )
            .with_hint(hint),
        );
        None
    }

    fn known_answer(&mut self, file: &str, question: PageId, written: &Located<String>) -> Option<PageId> {
        let responses = &self.site.page(question).responses;
        let wanted = written.value.trim_end_matches(".md");
        let found = responses.iter().copied().find(|&r| self.site.page(r).source.stem() == wanted);
        if found.is_none() {
            let stems: Vec<&str> = responses.iter().map(|&r| self.site.page(r).source.stem()).collect();
            let hint = match closest(wanted, &stems) {
                Some(close) => format!("did you mean `{close}`?"),
                None if stems.is_empty() => "this question has no answers yet: remove `accepted`".to_owned(),
                None => {
                    format!("`accepted` is the file name of an answer, without `.md`: {}", stems.join(", "))
                }
            };
            self.diagnostics.push(
                Diagnostic::error(
                    file,
                    written.line,
                    written.column,
                    format!("no answer `{wanted}` to accept"),
                )
                .with_hint(hint),
            );
        }
        found
    }

    fn sort_responses(&mut self) {
        for id in self.site.pages.ids().to_vec() {
            if self.site.page(id).responses.is_empty() {
                continue;
            }
            let accepted = self.site.page(id).accepted;
            let mut responses = std::mem::take(&mut self.site.pages.get_mut(id).responses);
            let pages = &self.site.pages;
            responses.sort_by_key(|&r| (Some(r) != accepted, pages[r].sort_date(), pages.ordinal(r)));
            self.site.pages.get_mut(id).responses = responses;
        }
    }

    /// Two pages, or a page and an alias, must never write the same file. Pages claim
    /// their URLs first; an alias that collides is reported where it is written.
    pub(super) fn check_unique_urls(&mut self) {
        let mut owners: HashMap<&UrlPath, PageId> = HashMap::new();
        let mut problems = Vec::new();
        let shown = |id: PageId| self.site.page(id).source.display_from_root(&self.prefix);
        // A URL from front matter's `permalink:` is reported at that field, and said to be one.
        let at = |id: PageId| self.permalink_positions.get(&id).copied();
        let where_from = |id: PageId| if at(id).is_some() { " (from its permalink)" } else { "" };
        for page in self.site.pages.iter().filter(|p| p.kind.has_own_page()) {
            match owners.get(&page.url) {
                // A folder's generated page has no file to point at: the page it meets does.
                Some(&first) if !page.has_file => {
                    let (line, column) = at(first).unwrap_or((1, 1));
                    let hint = match at(first) {
                        Some(_) => "give this page another permalink".to_owned(),
                        None => format!(
                            "make this page the folder's own: move it to `{}{}/_index.md`; or set `slug:`",
                            self.prefix,
                            page.source.parent()
                        ),
                    };
                    problems.push(
                        Diagnostic::error(
                            shown(first),
                            line,
                            column,
                            format!(
                                "this page has the URL `{}`{}, which the folder `{}/` has too (every \
                                 folder of the wiki gets a page)",
                                page.url,
                                where_from(first),
                                page.source.parent()
                            ),
                        )
                        .with_hint(hint),
                    )
                }
                Some(&first) => {
                    let (line, column) = at(page.id).unwrap_or((1, 1));
                    let hint = match at(page.id) {
                        Some(_) => "give one of them another permalink",
                        None => "give one of them another file name, or set `slug:` in its front matter",
                    };
                    problems.push(
                        Diagnostic::error(
                            shown(page.id),
                            line,
                            column,
                            format!(
                                "this page has the URL `{}`{}, which `{}` has too",
                                page.url,
                                where_from(page.id),
                                shown(first)
                            ),
                        )
                        .with_hint(hint),
                    )
                }
                None => {
                    owners.insert(&page.url, page.id);
                }
            }
        }
        for page in self.site.pages.iter().filter(|p| p.kind.has_own_page()) {
            let positions = self.alias_positions.get(&page.id).map(Vec::as_slice).unwrap_or_default();
            for (alias, written) in page.aliases.iter().zip(positions) {
                match owners.get(alias) {
                    Some(&owner) => problems.push(
                        Diagnostic::error(
                            shown(page.id),
                            written.line,
                            written.column,
                            format!(
                                "this page has an alias for the URL `{alias}`, which `{}` has too",
                                shown(owner)
                            ),
                        )
                        .with_hint("remove the alias, or point it at a URL no other page uses"),
                    ),
                    None => {
                        owners.insert(alias, page.id);
                    }
                }
            }
        }
        problems.into_iter().for_each(|p| self.diagnostics.push(p));
    }
}

/// Why an alias cannot be a URL of this site.
#[derive(Debug, PartialEq, Eq)]
enum RefusedAlias {
    /// `..`, `\\`, a scheme or a control character: it would write outside the output folder.
    NotAPath,
    /// `/`: the home page, which no page may claim as an old URL.
    HomePage,
    /// `%2e%2e` or `%2F`: an encoded dot or slash, which would make a folder no URL reaches.
    EncodedSeparator,
    /// `?` or `#`: not part of a path, so no server would look for that file.
    QueryOrFragment,
}

impl RefusedAlias {
    fn diagnostic(&self, file: &str, alias: &Located<String>) -> Diagnostic {
        let written = &alias.value;
        let (message, hint) = match self {
            RefusedAlias::NotAPath => (
                format!("`{written}` is not a path on this site"),
                "an alias is an old URL of this page, like `/old/page/` or `/2019/03/page.html`",
            ),
            RefusedAlias::HomePage => (
                format!("the alias `{written}` is the home page"),
                "remove it: an alias is an old URL of this page, like `/old/page/`, and `/` is the home page",
            ),
            RefusedAlias::EncodedSeparator => (
                format!("the alias `{written}` holds an encoded `.` or `/` (`%2e`, `%2f`)"),
                "write the path as readers type it, like `/old/page/`, without percent-encoded dots or slashes",
            ),
            RefusedAlias::QueryOrFragment => (
                format!("the alias `{written}` has a `?` or `#`, which are not part of a path"),
                "write only the path, like `/old/page/`: a redirect cannot depend on `?...` or `#...`",
            ),
        };
        Diagnostic::error(file, alias.line, alias.column, message).with_hint(hint)
    }
}

/// An old URL: `/old/page/` is a folder with an `index.html`; `/2019/03/moved.html`, as
/// Jekyll and Hugo wrote them, is that file itself. Anything that is not a plain path on
/// this site is refused (`..`, `\\`, a scheme would write outside the output folder).
fn alias_url(written: &str) -> Result<UrlPath, RefusedAlias> {
    if written.contains(['?', '#']) {
        return Err(RefusedAlias::QueryOrFragment);
    }
    let lower = written.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c"].iter().any(|encoded| lower.contains(encoded)) {
        return Err(RefusedAlias::EncodedSeparator);
    }
    let segments: Vec<&str> = written.split('/').filter(|s| !s.is_empty() && *s != "index.html").collect();
    let unsafe_segment =
        |s: &&str| *s == "." || *s == ".." || s.contains(['\\', ':']) || s.chars().any(char::is_control);
    if segments.iter().any(unsafe_segment) {
        return Err(RefusedAlias::NotAPath);
    }
    if segments.is_empty() {
        return Err(RefusedAlias::HomePage);
    }
    Ok(match segments.last() {
        Some(last) if last.contains('.') && !written.ends_with('/') => UrlPath::file(&segments.join("/")),
        _ => UrlPath::from_segments(&segments),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_that_no_url_reaches_are_refused() {
        let cases: &[(&str, Option<RefusedAlias>)] = &[
            ("/old/page/", None),
            ("/2019/03/moved.html", None),
            ("/", Some(RefusedAlias::HomePage)),
            ("/index.html", Some(RefusedAlias::HomePage)),
            ("/a/%2E%2e/b/", Some(RefusedAlias::EncodedSeparator)),
            ("/a%2fb/", Some(RefusedAlias::EncodedSeparator)),
            ("/old/?page=2", Some(RefusedAlias::QueryOrFragment)),
            ("/old/#top", Some(RefusedAlias::QueryOrFragment)),
            ("/../etc/", Some(RefusedAlias::NotAPath)),
            ("https://x.org/a/", Some(RefusedAlias::NotAPath)),
        ];
        for (written, expected) in cases {
            assert_eq!(alias_url(written).err().as_ref(), expected.as_ref(), "{written}");
        }
    }
}
