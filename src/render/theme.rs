//! The theme: templates, static files and UI strings compiled into the binary, overridden by the site's own files.

use std::collections::HashMap;

use include_dir::{Dir, include_dir};

use crate::config::Language;
use crate::content::FoundFile;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::markdown::{AlertTitles, BodyStrings};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// UI strings of one language, by key (`nav_posts`), handed to templates as `t`.
pub type Strings = HashMap<String, String>;

/// Parsed templates and the theme's static files, loaded once per build.
pub struct Theme {
    pub tera: tera::Tera,
    pub strings: Strings,
    /// Theme files copied to the output root unless the site's `static/` has the same path.
    pub static_files: Vec<(&'static str, &'static [u8])>,
    /// The names of the site's own templates, whose errors are the writer's to fix.
    pub overridden: Vec<String>,
    /// Where those are, as a prefix for messages (`templates/`, or `templates_dir:`'s folder).
    pub templates_prefix: String,
    /// Whether `page_row_html` keeps each row it renders: unless the site's templates
    /// define components (see `rows.rs`).
    pub rows_memoised: bool,
}

impl Theme {
    /// The built-in theme with the site's `templates/` files (found under `templates_prefix`)
    /// layered on top, name for name.
    pub fn load(language: Language, overrides: &[FoundFile], templates_prefix: &str) -> Result<Theme> {
        let mut sources: HashMap<String, String> = HashMap::new();
        let templates = DEFAULT_THEME.get_dir("templates").map(all_files).unwrap_or_default();
        for file in templates {
            let name = file.path().strip_prefix("templates").unwrap_or(file.path());
            let text = file.contents_utf8().unwrap_or_default();
            sources.insert(name.to_string_lossy().replace('\\', "/"), text.to_owned());
        }
        for file in overrides {
            let text = std::fs::read_to_string(&file.absolute)
                .map_err(|source| Error::Read { path: file.absolute.clone(), source })?;
            sources.insert(file.relative.clone(), text);
        }
        let rows_memoised = !super::rows::overrides_define_components(
            overrides.iter().filter_map(|file| sources.get(&file.relative)).map(String::as_str),
        );
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        super::rows::register_stand_in(&mut tera);
        let overridden: Vec<&str> = overrides.iter().map(|f| f.relative.as_str()).collect();
        tera.add_raw_templates(sources.iter().map(|(name, text)| (name.as_str(), text.as_str())))
            .map_err(|e| template_error(&e, &overridden, templates_prefix))?;
        let overridden = overrides.iter().map(|f| f.relative.clone()).collect();
        Ok(Theme {
            tera,
            strings: load_strings(language)?,
            static_files: static_files(),
            overridden,
            templates_prefix: templates_prefix.to_owned(),
            rows_memoised,
        })
    }

    /// The UI texts the Markdown stage writes into bodies, in the site's language: alert
    /// titles (`> [!NOTE]`, the `alert_*` strings), the heading self-link's label
    /// (`heading_anchor`) and the footnote back-link's (`footnote_back`).
    pub fn body_strings(&self) -> BodyStrings {
        let text = |key: &str, fallback: &'static str| self.strings.get(key).map_or(fallback, String::as_str);
        let alert_titles = AlertTitles::new([
            text("alert_note", "Note"),
            text("alert_tip", "Tip"),
            text("alert_important", "Important"),
            text("alert_warning", "Warning"),
            text("alert_caution", "Caution"),
        ]);
        BodyStrings::new(
            alert_titles,
            text("heading_anchor", "Link to this section"),
            text("footnote_back", "Back to reference {n}"),
        )
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

fn static_files() -> Vec<(&'static str, &'static [u8])> {
    let Some(dir) = DEFAULT_THEME.get_dir("static") else { return Vec::new() };
    all_files(dir)
        .into_iter()
        .filter_map(|f| {
            let relative = f.path().strip_prefix("static").ok()?.to_str()?;
            Some((relative, f.contents()))
        })
        .collect()
}

fn load_strings(language: Language) -> Result<Strings> {
    let text = DEFAULT_THEME
        .get_file("strings.yaml")
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| Error::Usage("the built-in theme has no `strings.yaml`".to_owned()))?;
    let mut all: HashMap<String, Strings> = crate::yaml::parse_typed(text)
        .map_err(|e| Error::Usage(format!("the built-in `strings.yaml` is invalid: {}", e.message)))?;
    all.remove(language.code())
        .ok_or_else(|| Error::Usage(format!("no UI strings for `{}`", language.code())))
}

/// A template that does not parse or render: a content error at `templates/NAME:line:column`
/// (under `templates_prefix`) when the template is the site's own, else a bug in the theme.
/// The hint says `templates_dir` can point elsewhere: the folder may be another tool's
/// (a Zola site's `templates/` holds Tera templates named like kennis's).
pub fn template_error(error: &tera::Error, overridden: &[&str], templates_prefix: &str) -> Error {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let Some(report) = report else {
        return Error::Template { name: "theme".to_owned(), message: error.to_string() };
    };
    let name = report.filename();
    if !overridden.contains(&name) {
        return Error::Template { name: name.to_owned(), message: error.to_string() };
    }
    let span = report.span();
    let diagnostic = Diagnostic::error(
        format!("{templates_prefix}{name}"),
        span.start_line as u32,
        span.start_col as u32 + 1,
        report.message().to_owned(),
    )
    .with_hint(format!(
        "fix the template, or delete it to use the theme's own; if `{templates_prefix}` belongs to \
         another tool, set `templates_dir:` in site.yaml to a folder for kennis's templates"
    ));
    Error::Content(Diagnostics::from_iter([diagnostic]))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::Theme;
    use crate::config::Language;

    fn render(tera: &tera::Tera, component: &str, values: Value) -> String {
        let context = tera::Context::from_serialize(&values).expect("values by name");
        tera.render_component(component, &context, None, true).expect(component)
    }

    /// The components every row, card and page runs write `avatar`, `person_name`,
    /// `time_tag`, `counted` and `tag_list` out in place, since a call costs more than the
    /// markup it writes: each copy writes what the component writes.
    #[test]
    fn components_written_out_in_place_write_what_the_components_write() {
        let theme = Theme::load(Language::English, &[], "templates/").expect("the built-in theme");
        let mut tera = theme.tera.clone();
        tera.global_context().insert("t", &theme.strings);
        let t = |key: &str| theme.strings[key].clone();
        let people = json!([
            {"id": "ann", "name": "Ann <Ö>", "url": "/authors/ann/", "avatar": "/a&b.png", "initials": "AÖ",
             "role": null, "department": null},
            {"id": "bo", "name": "Bo \"B\"", "url": null, "avatar": null, "initials": "B",
             "role": null, "department": null},
        ]);
        let person = |p: &Value, size: &str| {
            let avatar = render(&tera, "avatar", json!({"p": p, "size": size}));
            format!("<li class=\"person\">{avatar}{}</li>", render(&tera, "person_name", json!({"p": p})))
        };
        let date = json!({"iso": "2025-03-01T09:00:00+01:00", "human": "1 March <2025>"});
        let time = render(&tera, "time_tag", json!({"d": date}));
        let tags = json!([{"name": "rust & co", "url": "/tags/rust/", "count": 0}, {"name": "b", "url": "/tags/b/", "count": 0}]);
        let tag_list = render(&tera, "tag_list", json!({"tags": tags}));
        let counted = |n: usize, one: &str, many: &str| {
            render(&tera, "counted", json!({"n": n, "one": t(one), "many": t(many)}))
        };
        let byline =
            render(&tera, "people_list", json!({"people": people, "size": "xs", "class": "people-inline"}));
        for (kind, n) in [("question", 1), ("question", 3), ("post", 1), ("post", 4)] {
            let (answers, comments) = if kind == "question" { (n, 0) } else { (0, n) };
            let item = json!({
                "kind": kind, "kind_label": "Kind", "title": "A <title>", "url": "/a/", "date": date,
                "authors": people, "communities": [], "tags": tags, "more_tags": 0, "summary": "S",
                "snippet": false, "reading_minutes": 2, "answer_count": answers, "has_accepted": false,
                "comment_count": comments, "lang": null, "draft": false, "image": null,
            });
            let count = if kind == "question" {
                counted(n, "answers_one", "answers_many")
            } else {
                counted(n, "comments_one", "comments_many")
            };
            for html in [
                render(&tera, "page_row", json!({"item": item})),
                render(&tera, "page_card", json!({"item": item})),
            ] {
                for p in people.as_array().expect("people") {
                    assert!(html.contains(&person(p, "xs")), "{html}");
                }
                for part in [&time, &tag_list, &count, &byline] {
                    assert!(html.contains(part.as_str()), "{part} in {html}");
                }
            }
        }
        let page = json!({
            "kind": "post", "kind_label": "Post", "title": "T", "breadcrumbs": [], "communities": [],
            "authors": people, "date": date, "updated": {"iso": "2025-04-01", "human": "1 April"},
            "reading_minutes": 0, "extra": {}, "draft": false,
        });
        let header = render(&tera, "page_header", json!({"page": page}));
        let updated = render(&tera, "time_tag", json!({"d": page["updated"]}));
        assert!(header.contains(&time) && header.contains(&updated), "{header}");
        assert!(header.contains(&person(&people[0], "sm")), "{header}");
        let links = json!([
            {"title": "Home & co", "url": "/", "kind": "wiki", "kind_label": "Wiki", "date": null},
            {"title": "<Q>", "url": "/q/", "kind": "question", "kind_label": "", "date": date},
        ]);
        for (answers, accepted) in [(0, false), (2, true), (1, false)] {
            let mut page = page.clone();
            page["kind"] = json!("question");
            page["answer_count"] = json!(answers);
            page["has_accepted"] = json!(accepted);
            page["breadcrumbs"] = links.clone();
            page["communities"] = links.clone();
            let header = render(&tera, "page_header", json!({"page": page}));
            for part in [
                render(&tera, "breadcrumbs", json!({"links": links})),
                render(&tera, "community_links", json!({"links": links})),
                render(&tera, "question_status", json!({"item": page})),
            ] {
                assert!(!part.is_empty() && header.contains(&part), "{part} in {header}");
            }
            page["tags"] = tags.clone();
            let footer = render(&tera, "page_footer", json!({"page": page}));
            let tags_unnamed = render(&tera, "tag_list", json!({"tags": tags, "named": false}));
            assert!(footer.contains(&tags_unnamed), "{tags_unnamed} in {footer}");
            page["backlinks"] = links.clone();
            page["related"] = links.clone();
            let page_links = render(&tera, "page_links", json!({"page": page}));
            for (id, title) in [("backlinks-title", "backlinks"), ("related-title", "related")] {
                let group =
                    render(&tera, "linked_pages", json!({"links": links, "id": id, "title": t(title)}));
                assert!(page_links.contains(&group), "{group} in {page_links}");
            }
        }
        let response = json!({
            "anchor": "answer-a", "kind": "answer", "authors": people, "date": date, "after": null,
            "content": "<p>Yes.</p>", "accepted": false, "edit_url": null,
        });
        let response = render(&tera, "response", json!({"r": response}));
        assert!(response.contains(&time), "{response}");
        let community = json!({
            "id": "c", "title": "C", "url": "/c/", "goal": null, "summary": "", "lead": people[1],
            "member_count": 1, "page_count": 7, "tags": [],
        });
        let card = render(&tera, "community_card", json!({"c": community}));
        for part in [counted(1, "members_one", "members_many"), counted(7, "pages_one", "pages_many")] {
            assert!(card.contains(&part), "{part} in {card}");
        }
    }
}
