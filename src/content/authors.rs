//! The people registry: one `authors/<id>.yaml` per person.

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::yaml;

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

/// Parses one registry file; `id` is its file stem.
pub fn parse_author(id: &str, file: &str, text: &str) -> Result<AuthorSource, Diagnostic> {
    let raw: RawAuthor = yaml::parse_typed(text).map_err(|e| {
        Diagnostic::error(file, e.line, e.column, e.message).with_hint(
            "an author file has `name`, `email` (or `emails`), `role`, `department`, `avatar`, `bio`",
        )
    })?;
    let mut emails: Vec<String> = raw.email.into_iter().chain(raw.emails).map(|e| e.to_lowercase()).collect();
    emails.dedup();
    Ok(AuthorSource {
        id: id.to_owned(),
        file: file.to_owned(),
        name: raw.name.unwrap_or_else(|| id.to_owned()),
        emails,
        role: raw.role,
        department: raw.department,
        avatar: raw.avatar,
        bio: raw.bio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(error.message.contains("rol"), "{}", error.message);
    }
}
