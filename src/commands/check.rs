//! `kennis check`: every problem a build would find, printed for people (rustc-style), machines (JSON) or GitHub.

use std::io::Write;

use crate::cli::{CheckArgs, CheckFormat};
use crate::content::source_line;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::pipeline::{CheckOptions, check_site};

pub fn run(args: CheckArgs) -> Result<()> {
    if check_and_print(args)? { Ok(()) } else { Err(Error::ChecksFailed) }
}

/// Prints the report on standard output; `Ok(true)` when there are no errors.
pub fn check_and_print(args: CheckArgs) -> Result<bool> {
    let root = args.root.clone();
    let report = check_site(&CheckOptions { root: args.root, include_drafts: args.drafts })?;
    let summary = report.diagnostics.summary();
    let clean = !report.diagnostics.has_errors();
    let diagnostics = report.diagnostics.sorted();
    let text = match args.format {
        CheckFormat::Human => {
            let mut text: String = diagnostics.iter().map(|d| human(d, &root)).collect();
            if clean {
                let pages =
                    if report.pages == 1 { "1 page".to_owned() } else { format!("{} pages", report.pages) };
                text.push_str(&format!("checked {pages}: no errors\n"));
            } else {
                text.push_str(&format!("error: {summary}\n"));
            }
            text
        }
        // Machines get problems only: notes about the site as a whole have no place to point at.
        CheckFormat::Json => {
            let problems: Vec<&Diagnostic> =
                diagnostics.iter().filter(|d| d.severity != Severity::Info).collect();
            serde_json::to_string_pretty(&problems).expect("diagnostics serialise to JSON") + "\n"
        }
        CheckFormat::Github => {
            diagnostics.iter().filter(|d| d.severity != Severity::Info).map(github).collect()
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|source| Error::Write { path: "standard output".into(), source })?;
    Ok(clean)
}

/// rustc's layout: the message, the place, the source line with a caret under the column.
fn human(diagnostic: &Diagnostic, root: &std::path::Path) -> String {
    let label = diagnostic.severity.label();
    let Diagnostic { file, line, column, message, hint, .. } = diagnostic;
    if *line == 0 {
        let help = hint.as_ref().map(|h| format!("  = help: {h}\n")).unwrap_or_default();
        return format!("{label}: {message}\n{help}\n");
    }
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let mut text = format!("{label}: {message}\n{pad}--> {file}:{line}:{column}\n");
    if let Some(source) = source_line(root, file, *line) {
        let caret_at: String = source
            .chars()
            .take(column.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        text.push_str(&format!("{pad} |\n{number} | {source}\n{pad} | {caret_at}^\n"));
    }
    if let Some(hint) = hint {
        text.push_str(&format!("{pad} = help: {hint}\n"));
    }
    text.push('\n');
    text
}

/// A workflow command, so GitHub shows the problem on the merge request's diff.
fn github(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str(&format!("\nhelp: {hint}"));
    }
    if diagnostic.line == 0 {
        return format!("::{command}::{}\n", escape_data(&message));
    }
    format!(
        "::{command} file={},line={},col={}::{}\n",
        escape_property(&diagnostic.file),
        diagnostic.line,
        diagnostic.column,
        escape_data(&message)
    )
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_what_github_reads_as_syntax() {
        let diagnostic =
            Diagnostic::error("content/a,b.md", 3, 7, "50% broken: `x`").with_hint("fix it\nnow");
        assert_eq!(
            github(&diagnostic),
            "::error file=content/a%2Cb.md,line=3,col=7::50%25 broken: `x`%0Ahelp: fix it%0Anow\n"
        );
    }
}
