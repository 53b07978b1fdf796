//! Path newtypes: where a file is in `content/`, where a page lives on the site, where a file goes in the output.

use std::fmt;

/// A file's path relative to `content/`, with `/` separators (`posts/a/index.md`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentPath(String);

impl ContentPath {
    /// From a relative path's components; `\` never appears in the result.
    pub fn from_components<'a>(parts: impl IntoIterator<Item = &'a str>) -> Self {
        ContentPath(parts.into_iter().collect::<Vec<_>>().join("/"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder that holds this file (`posts/a` for `posts/a/index.md`, `` at the top).
    pub fn parent(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// The file name (`index.md`).
    pub fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, name)| name)
    }

    /// The file name without its extension (`index`).
    pub fn stem(&self) -> &str {
        let name = self.file_name();
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }

    /// The path as the site root sees it, for messages (`content/posts/a.md`); `prefix` is
    /// the content folder relative to the root, with its trailing `/` (see `Config::content_prefix`).
    pub fn display_from_root(&self, prefix: &str) -> String {
        format!("{prefix}{}", self.0)
    }

    /// Joins a relative reference (`../wiki/a.md`) onto this file's folder, resolving
    /// `.` and `..`; `None` when it climbs out of `content/`.
    pub fn join_relative(&self, reference: &str) -> Option<ContentPath> {
        let mut parts: Vec<&str> = self.parent().split('/').filter(|s| !s.is_empty()).collect();
        for part in reference.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                other => parts.push(other),
            }
        }
        Some(ContentPath(parts.join("/")))
    }
}

impl fmt::Display for ContentPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A page's path on the site, without the base path: starts with `/`; pages end with `/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct UrlPath(String);

impl UrlPath {
    /// From slug segments: `["posts", "a"]` becomes `/posts/a/`.
    pub fn from_segments<S: AsRef<str>>(segments: &[S]) -> Self {
        let mut url = String::from("/");
        for segment in segments {
            let segment = segment.as_ref();
            if !segment.is_empty() {
                url.push_str(segment);
                url.push('/');
            }
        }
        UrlPath(url)
    }

    /// A file on the site, such as `/atom.xml` or `/posts/a/diagram.svg`.
    pub fn file(path: &str) -> Self {
        UrlPath(format!("/{}", path.trim_start_matches('/')))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `/posts/a/` becomes `posts/a/index.html`; a file path stays as it is. `None` for a
    /// URL that would leave the output folder (`..`), so nothing can be written outside it.
    pub fn to_output_path(&self) -> Option<OutputPath> {
        let trimmed = self.0.trim_start_matches('/');
        if trimmed.is_empty() {
            OutputPath::new("index.html")
        } else if trimmed.ends_with('/') {
            OutputPath::new(&format!("{trimmed}index.html"))
        } else {
            OutputPath::new(trimmed)
        }
    }

    /// This page's URL with `segment/` appended (`/posts/` + `page/2`).
    pub fn join(&self, segment: &str) -> UrlPath {
        let base = if self.0.ends_with('/') { self.0.clone() } else { format!("{}/", self.0) };
        UrlPath(format!("{base}{}", segment.trim_matches('/')) + if segment.contains('.') { "" } else { "/" })
    }
}

/// Maps keyed by URL are looked up by `&str` (`by_url.get("/docs/b/")`); a `UrlPath`
/// hashes and compares as its text.
impl std::borrow::Borrow<str> for UrlPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A file's path relative to the output folder, with `/` separators, never with `..`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutputPath(String);

impl OutputPath {
    /// Accepts only plain relative paths, so nothing is ever written outside the output folder.
    pub fn new(path: &str) -> Option<OutputPath> {
        let path = path.trim_start_matches('/');
        let safe = !path.is_empty()
            && !path.contains('\\')
            && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
        safe.then(|| OutputPath(path.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_resolve_against_the_files_folder() {
        let from = ContentPath::from_components(["posts", "a", "index.md"]);
        assert_eq!(from.join_relative("../b.md").unwrap().as_str(), "posts/b.md");
        assert_eq!(from.join_relative("./img/x.png").unwrap().as_str(), "posts/a/img/x.png");
        assert_eq!(from.join_relative("../../wiki/setup.md").unwrap().as_str(), "wiki/setup.md");
        assert!(from.join_relative("../../../etc/passwd").is_none());
    }

    #[test]
    fn urls_map_to_output_files() {
        let output = |url: UrlPath| url.to_output_path().map(|p| p.as_str().to_owned());
        assert_eq!(output(UrlPath::from_segments(&["posts", "a"])).as_deref(), Some("posts/a/index.html"));
        assert_eq!(output(UrlPath::from_segments::<&str>(&[])).as_deref(), Some("index.html"));
        assert_eq!(output(UrlPath::file("atom.xml")).as_deref(), Some("atom.xml"));
        assert_eq!(output(UrlPath::file("../../etc/x")), None);
        assert_eq!(output(UrlPath::from_segments(&["a", "..", ".."])), None);
        assert_eq!(UrlPath::from_segments(&["posts"]).join("page/2").as_str(), "/posts/page/2/");
        assert_eq!(
            UrlPath::from_segments(&["authors", "an"]).join("atom.xml").as_str(),
            "/authors/an/atom.xml"
        );
    }

    #[test]
    fn output_paths_never_climb_out() {
        assert!(OutputPath::new("../x").is_none());
        assert!(OutputPath::new("a/../../x").is_none());
        assert!(OutputPath::new("a//b").is_none());
        assert_eq!(OutputPath::new("/a/b.html").unwrap().as_str(), "a/b.html");
    }
}
