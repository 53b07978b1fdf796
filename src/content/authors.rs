//! The people registry: one `authors/<id>.yaml` per person.

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::yaml::{self, Positioned, WrittenText};

/// One person as written in `authors/<id>.yaml`.
#[derive(Clone, Debug, Default)]
pub struct AuthorSource {
    pub id: String,
    pub file: String,
    pub name: String,
    pub emails: Vec<String>,
    pub role: Option<String>,
    pub department: Option<String>,
    pub avatar: Option<String>,
    pub bio: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    name: Option<String>,
    email: Option<String>,
    #[serde(default)]
    emails: Vec<String>,
    role: Option<String>,
    department: Option<String>,
    avatar: Option<String>,
    bio: Option<String>,
}

/// Parses one registry file; `id` is its file stem. Text fields keep what was typed:
/// `name: No` is a person called "No", `name: Null` one called "Null".
pub fn parse_author(id: &str, file: &str, text: &str) -> Result<AuthorSource, Diagnostic> {
    let to_diagnostic =
        |e: yaml::YamlError| Diagnostic::error(file, e.line, e.column, e.message).with_hint(e.hint);
    let raw: RawAuthor = yaml::parse_typed(text).map_err(to_diagnostic)?;
    let written = yaml::parse_mapping(text, 1).map_err(to_diagnostic)?;
    let as_written = |field: &str, typed: Option<String>| {
        let value = written.iter().find(|(key, _)| key.name == field).map(|(_, value)| value);
        match value.map(Positioned::as_written_text) {
            Some(WrittenText::Text(text)) => Some(text.to_owned()),
            _ => typed,
        }
    };
    let mut emails: Vec<String> = raw.email.into_iter().chain(raw.emails).map(|e| e.to_lowercase()).collect();
    emails.dedup();
    Ok(AuthorSource {
        id: id.to_owned(),
        file: file.to_owned(),
        name: as_written("name", raw.name).unwrap_or_else(|| id.to_owned()),
        emails,
        role: as_written("role", raw.role),
        department: as_written("department", raw.department),
        avatar: raw.avatar,
        bio: as_written("bio", raw.bio),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_text_as_typed() {
        let author = parse_author("x", "authors/x.yaml", "name: No\nrole: 1.10\nbio: yes\n").unwrap();
        assert_eq!(
            (author.name.as_str(), author.role.as_deref(), author.bio.as_deref()),
            ("No", Some("1.10"), Some("yes"))
        );
        let author = parse_author("x", "authors/x.yaml", "name: Null\n").unwrap();
        assert_eq!(author.name, "Null");
    }

    #[test]
    fn one_person_may_have_several_addresses() {
        let author =
            parse_author("an", "authors/an.yaml", "name: An\nemail: An@x.org\nemails: [an@old.org]\n")
                .unwrap();
        assert_eq!(author.emails, ["an@x.org", "an@old.org"]);
    }

    #[test]
    fn unknown_fields_point_at_their_line() {
        let error = parse_author("an", "authors/an.yaml", "name: An\nrol: engineer\n").unwrap_err();
        assert_eq!((error.line, error.file.as_str()), (2, "authors/an.yaml"));
        assert_eq!(error.message, "unknown field `rol`, did you mean `role`?");
    }
}
