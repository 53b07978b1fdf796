//! Errors: content diagnostics that point at `path:line:column`, and the crate's error type.

use std::fmt;
use std::path::PathBuf;

/// How bad a content problem is: errors fail the build, warnings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, nothing to fix (no git history, so dates come from file times).
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem in one file, at the line and column counted from the top of that file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, line: u32, column: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<String>, line: u32, column: u32, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    /// About the whole site rather than a place in a file: printed without a position.
    pub fn note(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic { severity, ..Diagnostic::error("", 0, 0, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.severity.label();
        if self.line == 0 {
            // About the site as a whole, not a place in a file.
            write!(f, "{label}: {}", self.message)?;
        } else {
            write!(f, "{label}: {}:{}:{}: {}", self.file, self.line, self.column, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem a stage found, so that one run reports all of them at once.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorted by file, line and column, the order a person fixes them in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self.0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// "found 7 errors in 4 files", the line that closes a report.
    pub fn summary(&self) -> String {
        let errors: Vec<&Diagnostic> = self.0.iter().filter(|d| d.severity == Severity::Error).collect();
        let mut files: Vec<&str> = errors.iter().map(|d| d.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        format!("found {} in {}", plural(errors.len(), "error"), plural(files.len(), "file"))
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

/// Everything that can stop a command. Content problems carry all diagnostics.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .0.summary())]
    Content(Diagnostics),
    #[error("cannot read `{}`", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write `{}`", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Usage(String),
    #[error("template `{name}` failed: {message}")]
    Template { name: String, message: String },
    /// `kennis check` found errors and has printed them.
    #[error("the check found errors")]
    ChecksFailed,
}

impl Error {
    /// The exit code DESIGN.md promises: 1 for content errors, 2 for usage or I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Template { .. } | Error::ChecksFailed => 1,
            Error::Read { .. } | Error::Write { .. } | Error::Usage(_) => 2,
        }
    }

    /// Two outputs of one build on the same path (`posts/index.html`), where the last
    /// writer would win at random: refused by every sink and by planning alike.
    pub fn written_twice(path: &str) -> Error {
        Error::Usage(format!(
            "two things would be written to `{path}`: a page whose URL is one kennis generates \
             (a list, tag, author or feed page), or a file in `static/` or a bundle with a page's path; \
             rename one of them (or set `slug:`)"
        ))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
