//! Parser entry points for the fuzz targets (`fuzz/`) and the random-input test; not part of kennis's API.
//!
//! Each function runs one parser as a build runs it, on text instead of a file, and
//! returns what a build would report. `site.yaml` needs no entry here: fuzzers write it
//! into a folder and call [`crate::config::Config::load`], as a build does.

use std::sync::OnceLock;

use crate::content::{authors, first_heading, front_matter};
use crate::error::Diagnostic;
use crate::markdown::{Highlighter, LinkKind, LinkResolver, RenderedMarkdown, render_markdown};

/// A whole Markdown file's front matter, split off and read as loading a page reads it
/// (the first heading too, when there is no `title`). Returns every problem, with the
/// file name left empty.
pub fn read_front_matter(file_text: &str) -> Vec<Diagnostic> {
    let split = match front_matter::split(file_text) {
        Ok(split) => split,
        Err(problem) => return vec![problem],
    };
    let (front, problems) = front_matter::parse(&split);
    if front.title.is_none() {
        first_heading::first_heading(split.body);
    }
    problems
}

/// One `authors/<id>.yaml`, as loading the registry reads it.
pub fn read_author(text: &str) -> Result<(), Diagnostic> {
    authors::parse_author("fuzz", "authors/fuzz.yaml", text).map(drop)
}

/// A page body rendered with syntax highlighting and [`SampleSiteLinks`].
pub fn render_body(body: &str) -> RenderedMarkdown {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    render_markdown(body, &SampleSiteLinks, HIGHLIGHTER.get_or_init(Highlighter::new))
}

/// A resolver like a small site's, which accepts some links and rejects others:
/// `setup.md`, `guide.md` and `index.md` in any folder are pages, relative images are
/// bundle files, wiki links `[[setup]]` and `[[Setup Guide]]` exist. The written
/// destination is echoed into the URL, so escaping is exercised too.
pub struct SampleSiteLinks;

impl LinkResolver for SampleSiteLinks {
    fn resolve(&self, dest: &str, kind: LinkKind) -> Option<String> {
        if dest.contains(':') || dest.starts_with(['/', '#']) {
            return None;
        }
        let (path, fragment) = dest.split_once('#').map_or((dest, ""), |(p, f)| (p, f));
        match kind {
            LinkKind::Wiki => {
                matches!(path.trim(), "setup" | "Setup Guide").then(|| format!("/wiki/setup/#{fragment}"))
            }
            LinkKind::Image => Some(format!("/posts/bundle/{path}")),
            LinkKind::Link => {
                let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
                matches!(stem, "setup" | "guide" | "index").then(|| format!("/wiki/{stem}/#{fragment}"))
            }
        }
    }
}

/// Every `href` and `src` value in `html` that a browser would run as code: a
/// `javascript:` or `vbscript:` URL, or a `data:` URL other than a raster image in `src`.
/// An oracle for the fuzzers, written apart from the Markdown stage's own check.
pub fn live_script_urls(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for (start, _) in html.match_indices(attribute) {
            let value_start = start + attribute.len();
            let Some(length) = html[value_start..].find('"') else { continue };
            let value = unescape_attribute(&html[value_start..value_start + length]);
            let read: String = value
                .trim_start_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .flat_map(char::to_lowercase)
                .collect();
            let raster = read.strip_prefix("data:").is_some_and(|rest| {
                let media_type = rest
                    .split([';', ','])
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| c.is_ascii_whitespace());
                rest.contains([';', ','])
                    && ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]
                        .contains(&media_type)
            });
            let runs = read.starts_with("javascript:")
                || read.starts_with("vbscript:")
                || (read.starts_with("data:") && !(attribute == "src=\"" && raster));
            if runs {
                found.push(value);
            }
        }
    }
    found
}

/// The entities kennis and pulldown-cmark write in attribute values, decoded.
fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Why `line:column` is not a place in `text`, if it is not: lines and columns count
/// from 1, and the place just after a line's last character (or after the last line) is
/// a place too, where the parser saw something missing. Lines end at `\n`, `\r\n` or a
/// lone `\r`, as in YAML and in editors.
pub fn position_outside(text: &str, line: u32, column: u32) -> Option<String> {
    if line == 0 || column == 0 {
        return Some(format!("{line}:{column} is not 1-based"));
    }
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split(['\n', '\r']).collect();
    let Some(line_text) = lines.get(line as usize - 1) else {
        return Some(format!("line {line} is past the last line ({})", lines.len()));
    };
    let characters = line_text.chars().count() as u32;
    (column > characters + 1)
        .then(|| format!("column {column} is past the end of line {line} ({characters} characters)"))
}

/// Why a rendered body's links are not where the source has them, if they are not.
pub fn link_ranges_outside(body: &str, rendered: &RenderedMarkdown) -> Option<String> {
    rendered.links.iter().find_map(|link| {
        let range = &link.range;
        let fits = range.start <= range.end
            && range.end <= body.len()
            && body.is_char_boundary(range.start)
            && body.is_char_boundary(range.end);
        (!fits).then(|| format!("link `{}` has range {range:?} in a body of {} bytes", link.dest, body.len()))
    })
}

/// The first heading id given twice in a rendered body, if any: ids must be unique for `#anchor` links.
pub fn repeated_heading_id(rendered: &RenderedMarkdown) -> Option<&str> {
    let mut seen = std::collections::HashSet::new();
    rendered.heading_ids.iter().find(|id| !seen.insert(id.as_str())).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_lines_as_yaml_does() {
        let text = "a\r\nbc\rd\r\r";
        let inside = [(1, 1), (1, 2), (2, 3), (3, 2), (4, 1), (5, 1)];
        for (line, column) in inside {
            assert_eq!(position_outside(text, line, column), None, "{line}:{column}");
        }
        for (line, column) in [(0, 1), (1, 0), (1, 3), (6, 1)] {
            assert!(position_outside(text, line, column).is_some(), "{line}:{column}");
        }
    }

    #[test]
    fn the_oracle_sees_script_urls_however_they_are_escaped() {
        let html = "<a href=\"JavaScript:x\">a</a><img src=\"&#32;data:image/png;base64,AA\">\
                    <img src=\"data:image/svg+xml,x\"><a href=\"https://x\">b</a><a href=\"java%09script:x\">c</a>";
        assert_eq!(live_script_urls(html), ["JavaScript:x", "data:image/svg+xml,x"]);
    }
}
