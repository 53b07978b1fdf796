//! `relative_urls`: a finished HTML page with every URL from the site's own root made
//! relative to the page's file, folders as `index.html`, so the output reads from disk.
//!
//! One pass over the page: lol_html's tokenizer, used only as a reader as in
//! `markdown/html_links.rs`, says where each URL-holding attribute's value is, and only
//! the bytes of a URL that starts with the site's base path are replaced; the rest of the
//! page stays byte for byte. Theme output and the HTML of bodies (the writer's own
//! `<a href="/x/">` included) are the same text by then, so both are covered, and so is
//! every way a page is rendered (a build, a kept site, `render_outputs`). URLs with a
//! host, the canonical link and `<meta>` other than a refresh keep what they say.

use std::ops::Range;

use lol_html::{HtmlRewriter, Settings, element};

use crate::paths::OutputPath;

/// Elements that may hold a URL this module rewrites.
const SELECTOR: &str = "[href], [xlink\\:href], [src], [srcset], [imagesrcset], [poster], [action], [formaction], object[data], meta[http-equiv]";

/// How an attribute's value holds URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    /// The whole value is one URL.
    Url,
    /// `srcset`: URLs, each followed by a width or density, separated by commas.
    Srcset,
    /// `<meta http-equiv="refresh" content="0; url=/x/">`.
    Refresh,
}

/// `html`, the page written to `file`, with every URL that starts with `base_path`
/// (`/`, or `/wiki/` for `base_url: https://host/wiki/`) made relative to `file`;
/// `None` when no URL needed it. `is_file` says whether a path below the base (`files/LICENSE`)
/// names a file the build writes; any other path whose last part has no `.` (`/posts`) is
/// a folder, and gets its `index.html` as `/posts/` does.
pub(super) fn relative_to_page(
    html: &str,
    base_path: &str,
    file: &OutputPath,
    is_file: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let up = "../".repeat(file.as_str().matches('/').count());
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut urls = Vec::new();
    for (holds, value) in url_attributes(html) {
        let Some(raw) = html.get(value.clone()) else { continue };
        urls.clear();
        urls_in(raw, holds, &mut urls);
        for url in urls.iter().cloned() {
            if let Some(relative) = relative_url(&raw[url.clone()], base_path, &up, is_file) {
                edits.push((value.start + url.start..value.start + url.end, relative));
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    let extra = edits.len() * (up.len() + 10);
    Some(crate::text::replace_ranges(html, edits, extra))
}

/// Every URL-holding attribute value of `html`, as byte ranges in document order.
fn url_attributes(html: &str) -> Vec<(Holds, Range<usize>)> {
    let mut found = Vec::new();
    let settings =
        Settings::new().with_strict(false).append_element_content_handler(element!(SELECTOR, |element| {
            let tag = element.tag_name();
            let has = |name: &str, wanted: &str| {
                element.get_attribute(name).is_some_and(|value| {
                    value.split_ascii_whitespace().any(|token| token.eq_ignore_ascii_case(wanted))
                })
            };
            // The canonical URL names the page as published, never as read from disk.
            let canonical = tag == "link" && has("rel", "canonical");
            let refresh = tag == "meta" && has("http-equiv", "refresh");
            for attribute in element.attributes() {
                let holds = match attribute.name().as_str() {
                    "href" if canonical => continue,
                    "href" | "xlink:href" | "src" | "poster" | "action" | "formaction" => Holds::Url,
                    "data" if tag == "object" => Holds::Url,
                    "srcset" | "imagesrcset" => Holds::Srcset,
                    "content" if refresh => Holds::Refresh,
                    _ => continue,
                };
                if let Some(value) = attribute.value_source_location() {
                    found.push((holds, value.bytes()));
                }
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // The tokenizer accepts any text; an error would be lol_html's own, and then the
    // page is left as rendered.
    if rewriter.write(html.as_bytes()).and_then(|()| rewriter.end()).is_err() {
        return Vec::new();
    }
    found
}

/// The byte ranges of the URLs in an attribute's raw value, into `urls`.
fn urls_in(raw: &str, holds: Holds, urls: &mut Vec<Range<usize>>) {
    let bytes = raw.as_bytes();
    let skip = |mut at: usize, what: &dyn Fn(u8) -> bool| {
        while at < bytes.len() && what(bytes[at]) {
            at += 1;
        }
        at
    };
    match holds {
        Holds::Url => {
            let start = skip(0, &|b| b.is_ascii_whitespace());
            let end = raw.trim_end_matches(|c: char| c.is_ascii_whitespace()).len().max(start);
            urls.push(start..end);
        }
        Holds::Srcset => {
            // The HTML standard's reading: a candidate's URL runs to the next space; commas
            // at its end separate candidates; its descriptor runs to the next comma.
            let mut at = 0;
            loop {
                let start = skip(at, &|b| b.is_ascii_whitespace() || b == b',');
                if start >= bytes.len() {
                    return;
                }
                let end = skip(start, &|b| !b.is_ascii_whitespace());
                let url_end = start + raw[start..end].trim_end_matches(',').len();
                urls.push(start..url_end);
                at = if url_end < end { end } else { skip(end, &|b| b != b',') };
            }
        }
        Holds::Refresh => {
            // `0; url=/x/`, `0;URL='/x/'`, `0, /x/`: the delay, a separator, `url=` if
            // written, and the URL, quoted or not.
            let mut at = skip(0, &|b| b.is_ascii_whitespace() || b.is_ascii_digit() || b == b'.');
            if !matches!(bytes.get(at), Some(b';' | b',')) {
                return;
            }
            at = skip(at + 1, &|b| b.is_ascii_whitespace());
            if bytes.len() >= at + 3 && bytes[at..at + 3].eq_ignore_ascii_case(b"url") {
                let after = skip(at + 3, &|b| b.is_ascii_whitespace());
                if bytes.get(after) == Some(&b'=') {
                    at = skip(after + 1, &|b| b.is_ascii_whitespace());
                }
            }
            let end = match bytes.get(at) {
                Some(&quote @ (b'\'' | b'"')) => {
                    at += 1;
                    memchr::memchr(quote, &bytes[at..]).map_or(bytes.len(), |i| at + i)
                }
                _ => raw.trim_end_matches(|c: char| c.is_ascii_whitespace()).len().max(at),
            };
            urls.push(at..end);
        }
    }
}

/// `url` relative to a file `up` (`../` for each folder it is in) below the output root,
/// when it starts at the site's root (`base_path`); a folder gets its `index.html`, and
/// the query and fragment stay. From a file at the top, the URL starts with `./`, so that
/// `/javascript:x` can never become a scheme.
fn relative_url(url: &str, base_path: &str, up: &str, is_file: &dyn Fn(&str) -> bool) -> Option<String> {
    let rest = match url.strip_prefix(base_path) {
        Some(rest) => rest,
        // `/wiki`, `/wiki#x`: the root of a site under `/wiki/`, without its slash.
        None => url
            .strip_prefix(base_path.strip_suffix('/').filter(|p| !p.is_empty())?)
            .filter(|rest| rest.is_empty() || rest.starts_with(['?', '#']))?,
    };
    // `//host/x` and `/\host/x` name another host.
    if rest.starts_with(['/', '\\']) {
        return None;
    }
    let (path, suffix) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
    let mut out = String::with_capacity(up.len() + rest.len() + 12);
    out.push_str(if up.is_empty() { "./" } else { up });
    out.push_str(path);
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        out.push_str("index.html");
    } else if !last.contains('.') && !is_file(path) {
        out.push_str("/index.html");
    }
    out.push_str(suffix);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, html: &str) -> String {
        let file = OutputPath::new(file).expect("a file path");
        relative_to_page(html, "/", &file, &|path| path == "files/LICENSE").unwrap_or_else(|| html.to_owned())
    }

    #[test]
    fn urls_from_the_root_go_up_to_it_and_folders_name_their_index() {
        assert_eq!(
            at("wiki/tools/index.html", r#"<a href="/posts/">p</a><img src="/images/a.png" alt="">"#),
            r#"<a href="../../posts/index.html">p</a><img src="../../images/a.png" alt="">"#
        );
        assert_eq!(at("index.html", r#"<a href="/">home</a>"#), r#"<a href="./index.html">home</a>"#);
        assert_eq!(at("a/index.html", r#"<a href="/">home</a>"#), r#"<a href="../index.html">home</a>"#);
    }

    #[test]
    fn a_url_from_the_root_never_becomes_a_scheme_on_a_page_at_the_top() {
        // `/javascript:x` is a path on this site; without its `/` it would run code.
        for url in ["/javascript:alert(1)", "/data:text/html,x", "/javascript&colon;alert(1)"] {
            let html = format!(r#"<a href="{url}">x</a>"#);
            assert_eq!(at("index.html", &html), format!(r#"<a href=".{url}/index.html">x</a>"#), "{url}");
            assert!(at("404-like.html", &html).contains(r#"href="./"#));
        }
    }

    #[test]
    fn a_folder_written_without_its_slash_names_its_index_and_a_file_without_a_dot_stays() {
        assert_eq!(
            at("a/b/index.html", r#"<a href="/posts">p</a>"#),
            r#"<a href="../../posts/index.html">p</a>"#
        );
        assert_eq!(
            at("a/b/index.html", r#"<a href="/posts#x">p</a>"#),
            r#"<a href="../../posts/index.html#x">p</a>"#
        );
        assert_eq!(
            at("a/index.html", r#"<a href="/files/LICENSE">l</a>"#),
            r#"<a href="../files/LICENSE">l</a>"#
        );
        assert_eq!(at("a/index.html", r#"<a href="/x.pdf">l</a>"#), r#"<a href="../x.pdf">l</a>"#);
    }

    #[test]
    fn the_query_and_fragment_stay_and_the_rest_of_the_tag_is_untouched() {
        assert_eq!(
            at("a/index.html", "<a class=x href = '/b/?q=1&amp;r=2#top'\n data-x=\"/c/\">b</a>"),
            "<a class=x href = '../b/index.html?q=1&amp;r=2#top'\n data-x=\"/c/\">b</a>"
        );
        assert_eq!(
            at("a/index.html", r#"<a href="/b/#top">b</a>"#),
            r#"<a href="../b/index.html#top">b</a>"#
        );
    }

    #[test]
    fn other_hosts_fragments_and_relative_urls_stay() {
        let html = r##"<a href="https://x.org/a/">a</a><a href="//x.org/b/">b</a><a href="/\x.org/">c</a><a href="#main">d</a><a href="c/">e</a><a href="mailto:a@b">f</a>"##;
        assert_eq!(at("a/b/index.html", html), html);
    }

    #[test]
    fn the_canonical_link_and_meta_values_stay() {
        let html = r#"<link rel="canonical" href="/a/"><meta property="og:url" content="/a/"><link rel="stylesheet" href="/kennis.css">"#;
        assert_eq!(
            at("a/index.html", html),
            r#"<link rel="canonical" href="/a/"><meta property="og:url" content="/a/"><link rel="stylesheet" href="../kennis.css">"#
        );
    }

    #[test]
    fn srcset_refresh_poster_and_forms() {
        assert_eq!(
            at("a/index.html", r#"<img srcset="/x.png 1x,/y.png 2x, https://h/z.png 3x">"#),
            r#"<img srcset="../x.png 1x,../y.png 2x, https://h/z.png 3x">"#
        );
        // A URL runs to the next space, as browsers read it; commas at its end separate.
        assert_eq!(
            at("a/index.html", r#"<img srcset="/x.png,, /y.png">"#),
            r#"<img srcset="../x.png,, ../y.png">"#
        );
        assert_eq!(
            at("old/index.html", r#"<meta http-equiv="refresh" content="0; url=/new/">"#),
            r#"<meta http-equiv="refresh" content="0; url=../new/index.html">"#
        );
        assert_eq!(
            at("old/index.html", r#"<meta http-equiv="Refresh" content="0;URL='/new/'">"#),
            r#"<meta http-equiv="Refresh" content="0;URL='../new/index.html'">"#
        );
        assert_eq!(
            at(
                "a/index.html",
                r#"<video poster="/p.jpg" src="/v.mp4"></video><form action="/search/"></form>"#
            ),
            r#"<video poster="../p.jpg" src="../v.mp4"></video><form action="../search/index.html"></form>"#
        );
    }

    #[test]
    fn svg_links() {
        assert_eq!(
            at("a/index.html", r#"<svg><use xlink:href="/icons.svg#i"/><image href="/p.png"/></svg>"#),
            r#"<svg><use xlink:href="../icons.svg#i"/><image href="../p.png"/></svg>"#
        );
    }

    #[test]
    fn text_scripts_and_comments_are_not_links() {
        let html = "<p>href=\"/a/\"</p><script>var u = '<a href=\"/a/\">';</script><!-- <a href=\"/a/\"> --><pre><code>&lt;a href=\"/a/\"&gt;</code></pre>";
        assert_eq!(at("a/index.html", html), html);
    }

    #[test]
    fn a_base_path_is_the_root_and_other_paths_on_the_host_stay() {
        let file = OutputPath::new("posts/x/index.html").expect("a file path");
        let html = r#"<a href="/wiki/tags/">t</a><a href="/wiki">h</a><a href="/other/">o</a><a href="/wikis/">w</a>"#;
        assert_eq!(
            relative_to_page(html, "/wiki/", &file, &|_| false).as_deref(),
            Some(
                r#"<a href="../../tags/index.html">t</a><a href="../../index.html">h</a><a href="/other/">o</a><a href="/wikis/">w</a>"#
            )
        );
    }

    #[test]
    fn nothing_to_change_is_none() {
        let file = OutputPath::new("a/index.html").expect("a file path");
        assert_eq!(relative_to_page(r#"<a href="https://x.org/">x</a>"#, "/", &file, &|_| false), None);
    }
}
