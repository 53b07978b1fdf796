//! Template syntax another engine left in Markdown: Jekyll's Liquid, Hugo's shortcodes, Zola's shortcodes.
//!
//! kennis runs no template language. Before the one pass, the body's source is read for
//! tags (`{{ … }}`, `{% … %}`, `{{< … >}}`, `{{% … %}}`) outside code spans and code
//! blocks; the tags that stand for a link become the destination they mean, which the
//! resolver then rewrites and the link check follows like any other:
//!
//! - `{{ site.baseurl }}` and `{{ site.url }}` become nothing before a `/` (so
//!   `{{ site.baseurl }}/assets/x.png` is the site-absolute `/assets/x.png`), else `/`;
//! - `{{ "/x/" | relative_url }}` (also `| absolute_url`, `| url`,
//!   `| prepend: site.baseurl`) becomes `/x/`;
//! - `{% link _posts/x.md %}` becomes `@/_posts/x.md`, a path from the content folder
//!   (Zola's spelling, which writers may use themselves);
//! - `{% post_url 2015-09-04-x %}` becomes `@/_posts/2015-09-04-x`, which the resolver
//!   finds among the posts by file name, without the extension, as Jekyll does;
//! - Hugo's `{{< ref "/x" >}}` and `{{< relref "x.md#a" >}}` (and `{{% … %}}`) become
//!   `@/x` from the content folder when the path starts with `/`; `./x` and `../x` stay
//!   relative to the page; any other becomes `@./x`, which the resolver looks up from the
//!   page's folder and then from the content folder, as Hugo does.
//!
//! `{% link %}`, `{% post_url %}` and Hugo's `ref` count where a URL is written (after
//! `](`, `<`, `[x]: `, `=` or another tag); in prose they stay as written and are reported.
//! `{{ site.baseurl }}/x` and `{{ "/x/" | relative_url }}` are replaced everywhere, prose
//! too, as Jekyll replaces them; only `{{ site.url }}` alone in prose, which would be a
//! bare `/`, stays as written and is reported.
//!
//! `{% highlight ruby %}` … `{% endhighlight %}` (and Hugo's `{{< highlight go >}}` …
//! `{{< /highlight >}}`) becomes a fenced code block, and
//! `{% comment %}` … `{% endcomment %}` goes, as in Jekyll. `{% raw %}`
//! and `{% endraw %}` go and what they hold stays as written, as do Hugo's commented
//! `{{</* x */>}}`, which lose their comment marks: both also inside code, since Jekyll
//! and Hugo read them there too. Every other tag is shown as written and counted: the
//! page gets one warning, at the first ([`TemplateTags`]).
//!
//! A closing tag (`{% endraw %}`, `{% endcomment %}`, `{% endhighlight %}`) searched for
//! and not found is not searched for again from further on ([`ClosingTags`]), so a body
//! full of unclosed `{% raw %}` is read in one pass, not one pass per tag.
//!
//! Replacing text moves what follows, so the edited text comes with a map back to the
//! source's offsets, through which every link's position is reported. A body with no
//! `{{` or `{%` costs one `memchr` scan; one whose tags are all in code, a parse that is
//! then used for rendering.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

/// The template tags of a body that kennis shows as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateTags {
    /// The first such tag as written, shortened to one line of at most about 60 characters.
    pub first: String,
    /// Line and column (1-based, the column in characters) of the first tag in the body.
    pub line: u32,
    pub column: u32,
    /// How many there are in the body.
    pub count: u32,
}

/// What reading a body's template tags gives.
pub(crate) struct TemplateReading {
    /// The body with its link tags, highlight blocks and raw markers replaced; `None` when
    /// nothing was replaced.
    pub(crate) edited: Option<EditedSource>,
    /// The tags shown as written.
    pub(crate) unrun: Option<TemplateTags>,
}

/// A body's source after replacements, with the way back to the source's offsets.
pub(crate) struct EditedSource {
    pub(crate) text: String,
    /// `(offset in text, offset in source, copied)` where each piece starts: a copied piece
    /// maps byte for byte; a replacement maps every offset in it to where it stood.
    pieces: Vec<(usize, usize, bool)>,
}

impl EditedSource {
    /// The source offset of an offset in the edited text.
    pub(crate) fn source_offset(&self, offset: usize) -> usize {
        let at = self.pieces.partition_point(|&(start, _, _)| start <= offset).saturating_sub(1);
        match self.pieces.get(at) {
            Some(&(start, source, true)) => source + (offset - start),
            Some(&(_, source, false)) => source,
            None => offset,
        }
    }
}

/// Whether `source` may hold a template tag: a `{{` or a `{%`.
pub(crate) fn may_hold_tags(source: &str) -> bool {
    let bytes = source.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%')))
}

/// Reads the template tags of `source`, whose events (from one parse) say where its code is.
pub(crate) fn read_template_tags(source: &str, events: &[(Event<'_>, Range<usize>)]) -> TemplateReading {
    let code = code_ranges(events);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut unrun: Option<(usize, usize)> = None;
    let mut count = 0u32;
    let in_code = |at: usize| {
        let after = code.partition_point(|range| range.start <= at);
        after > 0 && code[after - 1].contains(&at)
    };
    let bytes = source.as_bytes();
    let mut closing = ClosingTags::default();
    let mut position = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[position..]) {
        let at = position + found;
        position = at + 1;
        let Some(tag) = tag_at(source, at) else { continue };
        let inner = &source[tag.inner.clone()];
        match tag.form {
            Form::HugoCommented(open, close) => {
                edits.push((at..tag.end, format!("{open}{inner}{close}")));
                position = tag.end;
                continue;
            }
            Form::LiquidTag if tag_name(inner) == "raw" => {
                edits.push((at..tag.end, String::new()));
                position = match closing.find(source, tag.end, Closer::Liquid("endraw")) {
                    Some(end) => {
                        edits.push((end.clone(), String::new()));
                        end.end
                    }
                    None => tag.end,
                };
                continue;
            }
            // Jekyll shows nothing of a comment.
            Form::LiquidTag if tag_name(inner) == "comment" && !in_code(at) => {
                if let Some(end) = closing.find(source, tag.end, Closer::Liquid("endcomment")) {
                    edits.push((at..end.end, String::new()));
                    position = end.end;
                    continue;
                }
            }
            _ if in_code(at) => {
                position = tag.end;
                continue;
            }
            _ => {}
        }
        let replacement = match tag.form {
            Form::LiquidTag => match tag_name(inner) {
                "highlight" => match highlight_block(source, at, &tag, &mut closing) {
                    Some((end, block)) => {
                        edits.push((at..end, block));
                        position = end;
                        continue;
                    }
                    None => None,
                },
                "link" if in_destination(source, at) => {
                    tag_argument(inner).map(|path| format!("@/{}", path.trim_start_matches('/')))
                }
                "post_url" if in_destination(source, at) => {
                    tag_argument(inner).map(|name| format!("@/_posts/{}", name.trim_start_matches('/')))
                }
                _ => None,
            },
            Form::LiquidOutput => {
                liquid_url(inner, &source[tag.end..]).filter(|url| url != "/" || in_destination(source, at))
            }
            Form::Shortcode if tag_name(inner) == "highlight" => {
                match highlight_block(source, at, &tag, &mut closing) {
                    Some((end, block)) => {
                        edits.push((at..end, block));
                        position = end;
                        continue;
                    }
                    None => None,
                }
            }
            Form::Shortcode if in_destination(source, at) => hugo_reference(inner),
            Form::Shortcode => None,
            Form::HugoCommented(..) => None,
        };
        match replacement {
            Some(text) => edits.push((at..tag.end, text)),
            None => {
                count += 1;
                unrun.get_or_insert((at, tag.end));
            }
        }
        position = tag.end;
    }
    let unrun = unrun.map(|(start, end)| {
        let (line, column) = line_and_column(source, start);
        TemplateTags { first: shortened(&source[start..end]), line, column, count }
    });
    let edited = (!edits.is_empty()).then(|| apply(source, edits));
    TemplateReading { edited, unrun }
}

/// Whether a tag at `at` stands where a URL is written: a link's destination (`](`, `<`),
/// a reference definition's (`[x]: `), an HTML attribute's value (`="`), or right after
/// another tag (`{{ site.baseurl }}{% post_url x %}`). Elsewhere, in prose, a link tag would
/// show a path the reader has no use for; it is left as written, and reported.
fn in_destination(source: &str, at: usize) -> bool {
    let before = &source[..at];
    ["(", "<", "=\"", "='", "=", "}}", "%}"].iter().any(|end| before.ends_with(end))
        || before.trim_end_matches([' ', '\t']).ends_with("]:")
}

/// Byte ranges of the code spans and code blocks, in order.
fn code_ranges(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = events
        .iter()
        .filter(|(event, _)| matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, range)| range.clone())
        .collect();
    ranges.sort_by_key(|range| range.start);
    ranges
}

/// Which kind of tag, by its delimiters.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    /// `{{ … }}`: Liquid output, or a Zola shortcode call.
    LiquidOutput,
    /// `{% … %}`: a Liquid tag, or a Zola shortcode with a body.
    LiquidTag,
    /// `{{< … >}}` or `{{% … %}}`.
    Shortcode,
    /// `{{</* … */>}}` or `{{%/* … */%}}`, Hugo's way to show a shortcode as written; with
    /// the delimiters to write around it instead.
    HugoCommented(&'static str, &'static str),
}

struct FoundTag {
    form: Form,
    /// What stands between the delimiters, the whitespace-control `-` left out.
    inner: Range<usize>,
    /// Just past the closing delimiter.
    end: usize,
}

/// Longest a tag may be; a tag never runs over a blank line either.
const LONGEST_TAG: usize = 2000;

/// The tag that starts at `at` (a `{`), if one does.
fn tag_at(source: &str, at: usize) -> Option<FoundTag> {
    let rest = &source[at..];
    let (form, open, close) = if rest.starts_with("{{</*") {
        (Form::HugoCommented("{{<", ">}}"), "{{</*", "*/>}}")
    } else if rest.starts_with("{{%/*") {
        (Form::HugoCommented("{{%", "%}}"), "{{%/*", "*/%}}")
    } else if rest.starts_with("{{<") {
        (Form::Shortcode, "{{<", ">}}")
    } else if rest.starts_with("{{%") {
        (Form::Shortcode, "{{%", "%}}")
    } else if rest.starts_with("{{") {
        (Form::LiquidOutput, "{{", "}}")
    } else if rest.starts_with("{%") {
        (Form::LiquidTag, "{%", "%}")
    } else {
        return None;
    };
    let window = &rest[..floor_boundary(rest, LONGEST_TAG)];
    let close_at = window[open.len()..].find(close)? + open.len();
    if window[..close_at].contains("\n\n") || window[..close_at].contains("\n\r\n") {
        return None;
    }
    let mut inner = open.len()..close_at;
    if matches!(form, Form::LiquidOutput | Form::LiquidTag) {
        // Liquid's whitespace control: `{%- … -%}`, `{{- … -}}`.
        if rest[inner.clone()].starts_with('-') {
            inner.start += 1;
        }
        if inner.end > inner.start && rest[inner.clone()].ends_with('-') {
            inner.end -= 1;
        }
    }
    Some(FoundTag { form, inner: at + inner.start..at + inner.end, end: at + close_at + close.len() })
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A Liquid tag's name: its first word (`highlight` in `{% highlight ruby %}`).
fn tag_name(inner: &str) -> &str {
    inner.split_whitespace().next().unwrap_or("")
}

/// A Liquid tag's first argument, unquoted (`x.md` in `{% link x.md %}`, `{% link "x.md" %}`).
fn tag_argument(inner: &str) -> Option<&str> {
    let argument = inner.split_whitespace().nth(1)?;
    let argument = unquoted(argument).unwrap_or(argument);
    (!argument.is_empty() && !argument.contains(['{', '}'])).then_some(argument)
}

/// The text of a `"…"` or `'…'` literal, which must be all of `text`.
fn unquoted(text: &str) -> Option<&str> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    text[1..].strip_suffix(quote).filter(|inside| !inside.contains(quote))
}

/// The tag `{% name %}` at or after `from`: its range.
fn find_tag_named(source: &str, from: usize, name: &str) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut position = from;
    while let Some(found) = memchr::memmem::find(&bytes[position..], b"{%") {
        let at = position + found;
        if let Some(tag) = tag_at(source, at).filter(|tag| tag.form == Form::LiquidTag)
            && tag_name(&source[tag.inner.clone()]) == name
        {
            return Some(at..tag.end);
        }
        position = at + 2;
    }
    None
}

/// A closing tag: Liquid's `{% name %}` or Hugo's `{{< /name >}}`.
#[derive(Clone, Copy, PartialEq)]
enum Closer {
    Liquid(&'static str),
    Shortcode(&'static str),
}

/// The closing tags searched for in one body and not found. The body is read from start to
/// end, so one that is not after an offset is not after any later offset either: each is
/// searched for to the end at most once, however many opening tags lack it.
#[derive(Default)]
struct ClosingTags {
    /// A closing tag and the offset from which there is none.
    none_from: Vec<(Closer, usize)>,
}

impl ClosingTags {
    fn find(&mut self, source: &str, from: usize, closer: Closer) -> Option<Range<usize>> {
        if self.none_from.iter().any(|&(missing, none_from)| missing == closer && from >= none_from) {
            return None;
        }
        let found = match closer {
            Closer::Liquid(name) => find_tag_named(source, from, name),
            Closer::Shortcode(name) => find_shortcode_end(source, from, name),
        };
        if found.is_none() {
            self.none_from.push((closer, from));
        }
        found
    }
}

/// Hugo's closing shortcode `{{< /name >}}` (or `{{% /name %}}`) at or after `from`: its range.
fn find_shortcode_end(source: &str, from: usize, name: &str) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let mut position = from;
    while let Some(found) = memchr::memmem::find(&bytes[position..], b"{{") {
        let at = position + found;
        if let Some(tag) = tag_at(source, at).filter(|tag| tag.form == Form::Shortcode)
            && source[tag.inner.clone()].trim().strip_prefix('/').map(str::trim) == Some(name)
        {
            return Some(at..tag.end);
        }
        position = at + 2;
    }
    None
}

/// `{% highlight lang %}` (or Hugo's `{{< highlight lang >}}`) at `at` up to its `{% endhighlight %}`, as a fenced code block:
/// where the block ends in the source, and the fence that replaces it.
fn highlight_block(
    source: &str,
    at: usize,
    tag: &FoundTag,
    closing: &mut ClosingTags,
) -> Option<(usize, String)> {
    let closer = match tag.form {
        Form::Shortcode => Closer::Shortcode("highlight"),
        _ => Closer::Liquid("endhighlight"),
    };
    let end_tag = closing.find(source, tag.end, closer)?;
    let language: String = tag_argument(&source[tag.inner.clone()])
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || "+#._-".contains(*c))
        .collect();
    // Jekyll drops the line breaks at the start and end of the code.
    let code = source[tag.end..end_tag.start].trim_start_matches(['\n', '\r']).trim_end();
    let line_start = source[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let before = &source[line_start..at];
    let indent = if before.trim().is_empty() { before } else { "" };
    let longest_run = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let mut block = String::with_capacity(code.len() + 2 * fence.len() + language.len() + 4);
    if indent.is_empty() && !before.is_empty() {
        block.push('\n');
    }
    block.push_str(&fence);
    block.push_str(&language);
    block.push('\n');
    block.push_str(code);
    block.push('\n');
    block.push_str(indent);
    block.push_str(&fence);
    let rest_of_line = source[end_tag.end..].split('\n').next().unwrap_or("");
    if !rest_of_line.trim().is_empty() {
        block.push('\n');
    }
    Some((end_tag.end, block))
}

/// What a Liquid output tag that stands for a site URL becomes: `{{ site.baseurl }}`,
/// `{{ site.url }}`, `{{ "/x/" | relative_url }}` and the like. `after` is the text that
/// follows the tag.
fn liquid_url(inner: &str, after: &str) -> Option<String> {
    let mut parts = inner.split('|').map(str::trim);
    let value = parts.next()?;
    let filters: Vec<&str> = parts.collect();
    let known_filter = |filter: &&str| {
        let filter = filter.split_whitespace().collect::<Vec<_>>().join(" ");
        matches!(
            filter.as_str(),
            "relative_url" | "absolute_url" | "url" | "prepend: site.baseurl" | "prepend: site.url"
        )
    };
    if matches!(value, "site.baseurl" | "site.url") && filters.is_empty() {
        // Before a path or another tag it is only the site's base; on its own, the site's root.
        let leads_on = after.starts_with('/') || after.starts_with("{{") || after.starts_with("{%");
        return Some(if leads_on { String::new() } else { "/".to_owned() });
    }
    let path = unquoted(value)?;
    if filters.is_empty() || !filters.iter().all(known_filter) || path.contains(['{', '}', ' ']) {
        return None;
    }
    if path.contains("://") {
        return Some(path.to_owned());
    }
    Some(format!("/{}", path.trim_start_matches('/')))
}

/// What a Hugo `ref` or `relref` shortcode becomes: `@/path` for a path from the content
/// folder, the path as written for one relative to the page; `None` for other shortcodes.
fn hugo_reference(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let (name, arguments) = inner.split_once(char::is_whitespace)?;
    if name != "ref" && name != "relref" {
        return None;
    }
    let arguments = arguments.trim();
    let argument = arguments.strip_prefix("path=").unwrap_or(arguments);
    let quoted = argument.chars().next()?;
    let path = if quoted == '"' || quoted == '\'' {
        argument[1..].split(quoted).next()?
    } else {
        argument.split_whitespace().next()?
    };
    if path.is_empty() || path.contains(char::is_whitespace) {
        return None;
    }
    Some(match path.strip_prefix('/') {
        Some(rooted) => format!("@/{rooted}"),
        None if path.starts_with("./") || path.starts_with("../") || path.starts_with('#') => path.to_owned(),
        None => format!("@./{path}"),
    })
}

/// `source` with each range replaced, ranges in order and apart.
fn apply(source: &str, mut edits: Vec<(Range<usize>, String)>) -> EditedSource {
    edits.sort_by_key(|(range, _)| range.start);
    let mut text = String::with_capacity(source.len());
    let mut pieces = Vec::with_capacity(edits.len() * 2 + 1);
    let mut copied = 0;
    for (range, replacement) in edits {
        if range.start < copied {
            continue;
        }
        pieces.push((text.len(), copied, true));
        text.push_str(&source[copied..range.start]);
        pieces.push((text.len(), range.start, false));
        text.push_str(&replacement);
        copied = range.end;
    }
    pieces.push((text.len(), copied, true));
    text.push_str(&source[copied..]);
    // Empty pieces would hide the one after them from `source_offset`.
    pieces.dedup_by(|later, earlier| {
        later.0 == earlier.0 && {
            *earlier = *later;
            true
        }
    });
    EditedSource { text, pieces }
}

/// Line and column (1-based, the column in characters) of a byte offset.
fn line_and_column(source: &str, offset: usize) -> (u32, u32) {
    let before = &source[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line as u32, before[line_start..].chars().count() as u32 + 1)
}

/// A tag fit for a one-line message.
fn shortened(tag: &str) -> String {
    const LONGEST_SHOWN: usize = 60;
    let one_line = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(LONGEST_SHOWN) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;

    fn read(source: &str) -> (String, Option<TemplateTags>) {
        let events: Vec<_> = Parser::new(source).into_offset_iter().collect();
        let reading = read_template_tags(source, &events);
        let text = reading.edited.map_or_else(|| source.to_owned(), |edited| edited.text);
        (text, reading.unrun)
    }

    #[test]
    fn link_tags_become_destinations() {
        let (text, unrun) = read(
            "![a]({{ site.baseurl }}/assets/x.png) [b]({{ \"/2015/09/04/x/\" | relative_url }}) \
             [c]({% link _posts/x.md %}) [d]({% post_url sub/2015-09-04-x %}#top) \
             [e]({{< ref \"/books/one\" >}}) [f]({{% relref \"x.md#a\" %}}) [g]({{ site.url }}{{ site.baseurl }})",
        );
        assert_eq!(
            text,
            "![a](/assets/x.png) [b](/2015/09/04/x/) [c](@/_posts/x.md) [d](@/_posts/sub/2015-09-04-x#top) \
             [e](@/books/one) [f](@./x.md#a) [g](/)"
        );
        assert_eq!(unrun, None);
    }

    #[test]
    fn link_tags_in_prose_are_left_as_written() {
        let (text, unrun) = read("See {% post_url 2015-x %} at {{ site.url }} or {{< ref \"/x\" >}}.\n");
        assert_eq!(text, "See {% post_url 2015-x %} at {{ site.url }} or {{< ref \"/x\" >}}.\n");
        assert_eq!(unrun.map(|tags| tags.count), Some(3));
        let (text, _) = read("[a]: {% post_url 2015-x %}\n<a href={% link x.md %}>x</a>\n");
        assert_eq!(text, "[a]: @/_posts/2015-x\n<a href=@/x.md>x</a>\n");
    }

    #[test]
    fn other_tags_are_counted_and_the_first_placed() {
        let (text, unrun) =
            read("# Hi\n\nSee `{{ x }}` and\n  {% include video.html id=\"a\" %} {{< figure src=\"x\" >}}\n");
        assert!(text.contains("{% include video.html id=\"a\" %}"));
        let unrun = unrun.unwrap();
        assert_eq!((unrun.line, unrun.column, unrun.count), (4, 3, 2));
        assert_eq!(unrun.first, "{% include video.html id=\"a\" %}");
    }

    #[test]
    fn raw_markers_go_and_their_contents_stay_even_in_code() {
        let (text, unrun) =
            read("{% raw %}{{ page.title }}{% endraw %}\n\n```\n{%- raw -%}\n{% x %}\n{% endraw %}\n```\n");
        assert_eq!(text, "{{ page.title }}\n\n```\n\n{% x %}\n\n```\n");
        assert_eq!(unrun, None);
    }

    #[test]
    fn hugo_commented_shortcodes_are_shown_as_written() {
        let (text, unrun) = read("```\n{{</* ref \"x\" */>}} {{%/* y */%}}\n```\n");
        assert_eq!(text, "```\n{{< ref \"x\" >}} {{% y %}}\n```\n");
        assert_eq!(unrun, None);
    }

    #[test]
    fn a_highlight_block_becomes_a_fence_longer_than_any_in_it() {
        let (text, _) =
            read("Text\n\n  {% highlight ruby linenos %}\n  a = 1\n  ```\n  {% endhighlight %}\nafter\n");
        assert_eq!(text, "Text\n\n  ````ruby\n  a = 1\n  ```\n  ````\nafter\n");
        let (text, _) = read("x {% highlight js %}f(){% endhighlight %} y");
        assert_eq!(text, "x \n```js\nf()\n```\n y");
        let (text, unrun) =
            read("{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< / highlight >}}\n");
        assert_eq!(text, "```go\nfunc main() {}\n```\n");
        assert_eq!(unrun, None);
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let source = "ab{{ site.baseurl }}/x cd";
        let events: Vec<_> = Parser::new(source).into_offset_iter().collect();
        let edited = read_template_tags(source, &events).edited.unwrap();
        assert_eq!(edited.text, "ab/x cd");
        assert_eq!(edited.source_offset(1), 1);
        assert_eq!(edited.source_offset(2), 20);
        assert_eq!(edited.source_offset(4), source.find(" cd").unwrap());
    }

    #[test]
    fn any_mix_of_tags_code_and_text_maps_back_in_order() {
        const PARTS: [&str; 16] = [
            "{% raw %}",
            "{% endraw %}",
            "{% highlight",
            " rb %}",
            "{% endhighlight %}",
            "{{ site.baseurl }}",
            "[a](",
            ")",
            "`",
            "\n```\n",
            "\n\n",
            "{{<",
            ">}}",
            "{{</* x */>}}",
            "é{%-",
            "-%}",
        ];
        for a in PARTS {
            for b in PARTS {
                for c in PARTS {
                    let source = format!("{a}{b}{c}{a}");
                    let events: Vec<_> = Parser::new(&source).into_offset_iter().collect();
                    let Some(edited) = read_template_tags(&source, &events).edited else { continue };
                    let mapped: Vec<usize> =
                        (0..=edited.text.len()).map(|offset| edited.source_offset(offset)).collect();
                    assert!(mapped.windows(2).all(|w| w[0] <= w[1]), "{source:?}");
                    assert!(mapped.iter().all(|&offset| offset <= source.len()), "{source:?}");
                }
            }
        }
    }

    #[test]
    fn text_without_tags_is_not_read() {
        assert!(!may_hold_tags("a { b } {c}"));
        assert!(may_hold_tags("a {{ b }}"));
        assert!(may_hold_tags("a {% b %}"));
    }
}
