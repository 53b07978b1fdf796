//! A page's picture as other engines' front matter names it: `image:` (a path, or Jekyll's
//! `{path: …, alt: …}`), Hugo's `images: [..]`, `thumbnail:` and Zola's `[extra] image`.
//!
//! Only the reading is here: which field gives the picture and where it was written. The
//! render stage resolves and checks the path as it does a Markdown image's.

use crate::content::field_values::FieldReader;
use crate::error::Diagnostic;
use crate::yaml::{Positioned, WrittenText};

/// The fields that name a page's picture, best first: when a page has several, the first
/// one here wins (`image` over `images` over `thumbnail`), and one at the top of the front
/// matter over one in `[extra]` or `[params]`.
pub const IMAGE_FIELDS: &[&str] = &["image", "images", "thumbnail"];

/// The picture a page's front matter names, with the position of its path in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontImage {
    /// The path or URL as written (`hero.png`, `/assets/img/x.png`, `https://…`).
    pub src: String,
    /// The text `alt:` gave, if any.
    pub alt: Option<String>,
    pub line: u32,
    pub column: u32,
    /// Which field gave it: its place in [`IMAGE_FIELDS`], plus that list's length for a
    /// field of `[extra]` or `[params]`; lower wins.
    rank: usize,
}

/// Whether a front-matter field (top-level or in a table) names the page's picture. Names
/// are compared in lower case, as Hugo reads them (`Image:`, `[params] Images`).
pub fn is_image_field(name: &str) -> bool {
    IMAGE_FIELDS.iter().any(|field| field.eq_ignore_ascii_case(name))
}

/// Reads an image field's value and keeps it in `best` when it ranks above what is there.
/// `in_table`: the field was in `[extra]` or `[params]`.
pub fn offer_image(
    best: &mut Option<FrontImage>,
    reader: &mut FieldReader<'_>,
    value: &Positioned,
    in_table: bool,
) {
    let place = IMAGE_FIELDS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(reader.key))
        .unwrap_or(IMAGE_FIELDS.len());
    let rank = place + if in_table { IMAGE_FIELDS.len() } else { 0 };
    if best.as_ref().is_some_and(|image| image.rank <= rank) {
        return;
    }
    if let Some(mut image) = read_image(reader, value) {
        image.rank = rank;
        *best = Some(image);
    }
}

/// One value: a path, a list of them (the first is the picture, as Hugo takes it), or a
/// mapping with `path` (or `src`, `url`) and `alt`. An empty path means no picture, as Zola's
/// themes write `image = ""`.
fn read_image(reader: &mut FieldReader<'_>, value: &Positioned) -> Option<FrontImage> {
    if value.value.is_array() {
        return value.items.first().and_then(|first| read_image(reader, first));
    }
    if value.value.is_object() {
        return read_image_mapping(reader, value);
    }
    match value.as_written_text() {
        WrittenText::Text(src) if !src.trim().is_empty() => Some(FrontImage {
            src: src.trim().to_owned(),
            alt: None,
            line: value.line,
            column: value.column,
            rank: 0,
        }),
        _ => None,
    }
}

/// Jekyll's `image: {path: x.png, alt: "…"}` (jekyll-seo-tag, Chirpy); other fields
/// (`width`, `lqip`) are the theme's business and left alone.
fn read_image_mapping(reader: &mut FieldReader<'_>, value: &Positioned) -> Option<FrontImage> {
    let field = |names: &[&str]| {
        value.fields.iter().find(|(key, _)| names.iter().any(|name| name.eq_ignore_ascii_case(&key.name)))
    };
    let Some((_, path)) = field(&["path", "src", "url"]) else {
        let key = reader.key;
        reader.problems.push(
            Diagnostic::error("", value.line, value.column, format!("`{key}` has no `path`")).with_hint(
                format!("write it as `{}`", reader.format.field(key, "{path: hero.png, alt: \"…\"}")),
            ),
        );
        return None;
    };
    let mut image = read_image(reader, path)?;
    image.alt = field(&["alt"]).and_then(|(_, alt)| match alt.as_written_text() {
        WrittenText::Text(text) => Some(text.trim().to_owned()),
        WrittenText::Nothing | WrittenText::NotScalar => None,
    });
    Some(image)
}

#[cfg(test)]
mod tests {
    use crate::content::front_matter::{parse, split};

    fn image_of(text: &str) -> Option<(String, Option<String>, u32, u32)> {
        let (front, problems) = parse(&split(text).unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        front.image.map(|i| (i.src, i.alt, i.line, i.column))
    }

    #[test]
    fn each_form_gives_the_path_where_it_is_written() {
        let at = |src: &str, line, column| Some((src.to_owned(), None, line, column));
        assert_eq!(image_of("---\ntitle: A\nimage: hero.png\n---\n"), at("hero.png", 3, 8));
        assert_eq!(image_of("---\nimages: [a.png, b.png]\n---\n"), at("a.png", 2, 10));
        assert_eq!(image_of("---\nthumbnail: /assets/t.png\n---\n"), at("/assets/t.png", 2, 12));
        assert_eq!(image_of("+++\ntitle = \"A\"\n[extra]\nimage = \"z.png\"\n+++\n"), at("z.png", 4, 9));
        assert_eq!(image_of("+++\n[params]\nimages = [\"p.png\"]\n+++\n"), at("p.png", 3, 11));
        assert_eq!(
            image_of("---\nimage:\n  path: /img/x.png\n  alt: A cat\n  lqip: abc\n---\n"),
            Some(("/img/x.png".to_owned(), Some("A cat".to_owned()), 3, 9))
        );
    }

    #[test]
    fn the_best_field_wins_and_empty_means_none() {
        let text = "---\nthumbnail: t.png\nimages: [i.png]\nimage: m.png\n---\n";
        assert_eq!(image_of(text).unwrap().0, "m.png");
        let text = "+++\nthumbnail = \"t.png\"\n[extra]\nimage = \"e.png\"\n+++\n";
        assert_eq!(image_of(text).unwrap().0, "t.png", "the top level wins over `[extra]`");
        assert_eq!(image_of("+++\n[extra]\nimage = \"\"\n+++\n"), None);
        assert_eq!(image_of("---\nimages: []\n---\n"), None);
        let text = "+++\nThumbnail = \"t.png\"\n[extra]\nImage = \"e.png\"\n+++\n";
        assert_eq!(image_of(text).unwrap().0, "t.png", "names in any case, the top level first");
        assert_eq!(image_of("---\nThumbnail: t.png\nImage: m.png\n---\n").unwrap().0, "m.png");
        assert_eq!(image_of("+++\n[params]\nImages = [\"p.png\"]\n+++\n").unwrap().0, "p.png");
        let (front, _) = parse(&split("---\nimage: x.png\nhero: teal\n---\n").unwrap());
        assert!(!front.extra.contains_key("image"), "a first-class field, not `extra`");
    }

    #[test]
    fn a_mapping_without_a_path_is_an_error_at_its_line() {
        let (front, problems) = parse(&split("---\ntitle: A\nimage:\n  alt: A cat\n---\n").unwrap());
        let shown: Vec<String> =
            problems.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect();
        assert_eq!(shown, ["4:3 `image` has no `path`"]);
        assert!(front.image.is_none());
    }
}
