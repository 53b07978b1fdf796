//! Permalink patterns, as Jekyll and Hugo write them (`/:year/:month/:day/:title/`): read once from `permalinks:` in site.yaml or a page's `permalink:`, `path` or `url`, and expanded for each page.
//!
//! A pattern is text and placeholders. Expanding one gives the path `urls::permalink`
//! turns into the page's URL; nothing here decides what a URL looks like.

use jiff::civil::Date;

/// What a placeholder stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placeholder {
    /// `2015`.
    Year,
    /// `15`.
    ShortYear,
    /// `09`.
    Month,
    /// `9`.
    IMonth,
    /// `04`.
    Day,
    /// `4`.
    IDay,
    /// `247`: the day of the year, three digits (Jekyll's `ordinal` style).
    YDay,
    /// The page's slug: `slug:` from front matter, else the slugged file name.
    Slug,
    /// Hugo's `:slugorfilename`: the slug when front matter sets `slug:`, else as `FileName`.
    SlugOrFileName,
    /// Hugo's `:filename` and `:contentbasename`, Jekyll's `:basename`: the file name without
    /// its extension, as written (`2015-09-04-Welcome`), or a bundle's folder name (`x` for
    /// `posts/x/index.md`).
    FileName,
    /// Jekyll's `:title`: `slug:` or the file name without its date, with its case kept.
    Title,
    /// The top folder's slug (`posts` for `_posts`).
    Section,
    /// Hugo's `:sections`: every folder above the page, slugged and joined by `/`
    /// (`docs/getting-started` for `docs/Getting Started/x.md`).
    Sections,
    /// Jekyll's `:categories` and `:slugified_categories`: the categories, slugged and
    /// joined by `/` (kennis slugs both).
    Categories,
    /// `.html`: the page is written as that file, not as a folder.
    OutputExt,
}

/// Every placeholder, as written after the `:`.
const PLACEHOLDERS: &[(&str, Placeholder)] = &[
    ("year", Placeholder::Year),
    ("short_year", Placeholder::ShortYear),
    ("month", Placeholder::Month),
    ("i_month", Placeholder::IMonth),
    ("day", Placeholder::Day),
    ("i_day", Placeholder::IDay),
    ("y_day", Placeholder::YDay),
    ("slug", Placeholder::Slug),
    ("slugorfilename", Placeholder::SlugOrFileName),
    ("filename", Placeholder::FileName),
    ("contentbasename", Placeholder::FileName),
    ("basename", Placeholder::FileName),
    ("title", Placeholder::Title),
    ("section", Placeholder::Section),
    ("sections", Placeholder::Sections),
    ("categories", Placeholder::Categories),
    ("slugified_categories", Placeholder::Categories),
    ("output_ext", Placeholder::OutputExt),
];

/// Jekyll's named styles, which stand for a pattern.
const STYLES: &[(&str, &str)] = &[
    ("date", "/:categories/:year/:month/:day/:title:output_ext"),
    ("pretty", "/:categories/:year/:month/:day/:title/"),
    ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
    ("none", "/:categories/:title:output_ext"),
];

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Placeholder(Placeholder),
}

/// A parsed pattern: `/blog/:year/:slug.html`. Its placeholders are Jekyll's and Hugo's:
/// `:year`, `:short_year`, `:month`, `:i_month`, `:day`, `:i_day`, `:y_day` (the day the
/// page shows); `:slug`, `:title`; `:filename`, `:contentbasename` and `:basename` (the file
/// name without extension, or a bundle's folder), `:slugorfilename`; `:section` (the top
/// folder), `:sections` (every folder); `:categories` and `:slugified_categories`;
/// `:output_ext` (`.html`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// As written, for messages.
    pub written: String,
    parts: Vec<Part>,
}

/// A `:name` that is no placeholder, at its byte offset in the pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub name: String,
    /// Characters before the `:`, to place the error in the line.
    pub chars_before: usize,
}

impl UnknownPlaceholder {
    /// `unknown placeholder `:titel` in the permalink `/:titel/``, with a hint listing the known ones.
    pub fn message(&self, pattern: &str) -> (String, String) {
        let names: Vec<&str> = PLACEHOLDERS.iter().map(|(name, _)| *name).collect();
        let known = names.iter().map(|n| format!("`:{n}`")).collect::<Vec<_>>().join(", ");
        let hint = match crate::text::closest_name(&self.name, &names, 2) {
            Some(close) => format!("did you mean `:{close}`? the placeholders are {known}"),
            None => format!("the placeholders are {known}"),
        };
        (format!("unknown placeholder `:{}` in the permalink `{pattern}`", self.name), hint)
    }
}

/// The values a page gives its pattern.
#[derive(Clone, Copy, Debug)]
pub struct PageValues<'a> {
    /// The day the page's date falls on, as the page shows it; `None` without a date.
    pub day: Option<Date>,
    pub slug: &'a str,
    /// Whether `slug:` is set in front matter, for `:slugorfilename`.
    pub slug_is_set: bool,
    /// The file name without its extension, or a bundle's folder name.
    pub file_name: &'a str,
    pub title: &'a str,
    pub section: &'a str,
    /// Every folder above the page, slugged and joined by `/`.
    pub sections: &'a str,
    /// Already slugged and joined by `/`; empty when the page has none.
    pub categories: &'a str,
}

impl Pattern {
    /// Reads a pattern, or a Jekyll style name (`pretty`, `date`, `ordinal`, `none`). A `:`
    /// followed by letters or `_` is a placeholder; any other `:` is text.
    pub fn parse(written: &str) -> Result<Pattern, UnknownPlaceholder> {
        let text = STYLES.iter().find(|(style, _)| *style == written.trim()).map_or(written, |(_, p)| *p);
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(colon) = rest.find(':') {
            literal.push_str(&rest[..colon]);
            let after = &rest[colon + 1..];
            let name_len =
                after.find(|c: char| !(c.is_ascii_alphabetic() || c == '_')).unwrap_or(after.len());
            let name = &after[..name_len];
            if name.is_empty() {
                literal.push(':');
                rest = after;
                continue;
            }
            let Some((_, placeholder)) = PLACEHOLDERS.iter().find(|(known, _)| *known == name) else {
                let chars_before = text[..text.len() - rest.len() + colon].chars().count();
                return Err(UnknownPlaceholder { name: name.to_owned(), chars_before });
            };
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(Part::Placeholder(*placeholder));
            rest = &after[name_len..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Pattern { written: written.to_owned(), parts })
    }

    /// The path for one page (`/2015/09/04/my-post/`); `None` when the pattern needs a
    /// date and the page has none.
    pub fn expand(&self, values: &PageValues) -> Option<String> {
        let mut path = String::new();
        for part in &self.parts {
            let placeholder = match part {
                Part::Text(text) => {
                    path.push_str(text);
                    continue;
                }
                Part::Placeholder(placeholder) => *placeholder,
            };
            let value = match placeholder {
                Placeholder::Year => format!("{:04}", values.day?.year()),
                Placeholder::ShortYear => format!("{:02}", values.day?.year() % 100),
                Placeholder::Month => format!("{:02}", values.day?.month()),
                Placeholder::IMonth => values.day?.month().to_string(),
                Placeholder::Day => format!("{:02}", values.day?.day()),
                Placeholder::IDay => values.day?.day().to_string(),
                Placeholder::YDay => format!("{:03}", values.day?.day_of_year()),
                Placeholder::Slug => values.slug.to_owned(),
                Placeholder::SlugOrFileName if values.slug_is_set => values.slug.to_owned(),
                Placeholder::SlugOrFileName | Placeholder::FileName => values.file_name.to_owned(),
                Placeholder::Title => values.title.to_owned(),
                Placeholder::Section => values.section.to_owned(),
                Placeholder::Sections => values.sections.to_owned(),
                Placeholder::Categories => values.categories.to_owned(),
                Placeholder::OutputExt => ".html".to_owned(),
            };
            path.push_str(&value);
        }
        Some(path)
    }
}

/// Jekyll's `:title`: the name with its case kept, runs of anything but letters, digits
/// and `._~!$&'()+,;=@` made one `-` (Jekyll's `pretty` slug, `cased`).
pub fn jekyll_title(name: &str) -> String {
    let mut title = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c) {
            if pending_dash && !title.is_empty() {
                title.push('-');
            }
            pending_dash = false;
            title.push(c);
        } else {
            pending_dash = true;
        }
    }
    title
}

/// Jekyll's categories from front matter: `categories: [a, b]`, `categories: a b` (split
/// at spaces, as Jekyll does) or `category: a`, each slugged, joined by `/`, after the
/// folders above a `_posts` folder (`blog/_posts/x.md` is in `blog`).
pub fn categories(extra: &serde_json::Map<String, serde_json::Value>, dirs_above_posts: &[&str]) -> String {
    use serde_json::Value;
    let mut names: Vec<String> = dirs_above_posts.iter().map(|d| d.to_string()).collect();
    for field in ["category", "categories"] {
        // Front matter names are read in any case (`Categories:`); `extra` keeps the written one.
        let value = extra.iter().find(|(name, _)| name.eq_ignore_ascii_case(field)).map(|(_, value)| value);
        match value {
            Some(Value::String(text)) if field == "categories" => {
                names.extend(text.split_whitespace().map(str::to_owned));
            }
            Some(Value::Array(items)) => names.extend(items.iter().map(|item| match item {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })),
            Some(Value::String(text)) => names.push(text.clone()),
            Some(Value::Number(number)) => names.push(number.to_string()),
            _ => {}
        }
    }
    let mut slugs: Vec<String> = Vec::new();
    for slug in names.iter().map(|name| super::slug::slugify(name)) {
        if !slug.is_empty() && !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(day: Option<Date>) -> PageValues<'static> {
        PageValues {
            day,
            slug: "my-post",
            slug_is_set: false,
            file_name: "2015-09-04-My Post",
            title: "My-Post",
            section: "posts",
            sections: "posts/2015",
            categories: "",
        }
    }

    #[test]
    fn placeholders_expand_from_the_pages_values() {
        let day = Some(jiff::civil::date(2015, 9, 4));
        let expand = |pattern: &str| Pattern::parse(pattern).unwrap().expand(&values(day)).unwrap();
        assert_eq!(expand("/:year/:month/:day/:title/"), "/2015/09/04/My-Post/");
        assert_eq!(expand("/blog/:year/:slug.html"), "/blog/2015/my-post.html");
        assert_eq!(expand("/:short_year/:i_month/:i_day/:slug:output_ext"), "/15/9/4/my-post.html");
        assert_eq!(expand("pretty"), "//2015/09/04/My-Post/");
        assert_eq!(expand("ordinal"), "//2015/247/My-Post.html");
        assert_eq!(expand("/:section/v:1/"), "/posts/v:1/");
        assert_eq!(Pattern::parse("/:year/:slug/").unwrap().expand(&values(None)), None);
        assert_eq!(
            Pattern::parse("/:section/:slug/").unwrap().expand(&values(None)).unwrap(),
            "/posts/my-post/"
        );
    }

    #[test]
    fn hugo_and_jekyll_file_names_and_folders() {
        let expand =
            |pattern: &str, values: &PageValues| Pattern::parse(pattern).unwrap().expand(values).unwrap();
        let plain = values(None);
        for name in [":filename", ":contentbasename", ":basename", ":slugorfilename"] {
            assert_eq!(expand(&format!("/x/{name}/"), &plain), "/x/2015-09-04-My Post/", "{name}");
        }
        let slugged = PageValues { slug_is_set: true, ..plain };
        assert_eq!(expand("/:slugorfilename/", &slugged), "/my-post/");
        assert_eq!(expand("/:sections/:slug/", &plain), "/posts/2015/my-post/");
        let categorised = PageValues { categories: "rails/tips", ..plain };
        assert_eq!(expand("/:slugified_categories/:slug/", &categorised), "/rails/tips/my-post/");
    }

    #[test]
    fn an_unknown_placeholder_says_where_and_what_is_known() {
        let unknown = Pattern::parse("/blog/:yaer/:slug/").unwrap_err();
        assert_eq!(unknown, UnknownPlaceholder { name: "yaer".to_owned(), chars_before: 6 });
        let (message, hint) = unknown.message("/blog/:yaer/:slug/");
        assert_eq!(message, "unknown placeholder `:yaer` in the permalink `/blog/:yaer/:slug/`");
        assert!(
            hint.starts_with("did you mean `:year`? the placeholders are `:year`, `:short_year`"),
            "{hint}"
        );
    }

    #[test]
    fn jekyll_titles_keep_their_case_and_categories_join_slugged() {
        assert_eq!(jekyll_title("My Post: part 2"), "My-Post-part-2");
        let extra = serde_json::json!({"categories": "Rails Tips", "category": "x"});
        let extra = extra.as_object().unwrap();
        assert_eq!(categories(extra, &["blog"]), "blog/x/rails/tips");
        assert_eq!(categories(&serde_json::Map::new(), &[]), "");
        let capitalised = serde_json::json!({"Categories": ["Rails"], "CATEGORY": "Tips"});
        assert_eq!(categories(capitalised.as_object().unwrap(), &[]), "tips/rails");
    }
}
