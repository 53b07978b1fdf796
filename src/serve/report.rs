//! What `kennis serve` prints: the line with the URL, one line per change taken in, and
//! problems as `kennis build` prints diagnostics.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::engine::TakenIn;
use super::{Problem, ServeOptions};

pub(super) fn warn_all(problems: &[String]) {
    for problem in problems {
        eprintln!("warning: {problem}");
    }
}

/// Binding 0.0.0.0 or `::` shows the site, drafts included, to everyone who can reach the machine.
pub(super) fn all_interfaces_warning(bind: IpAddr) -> String {
    format!(
        "warning: listening on all interfaces ({bind}): anyone who can reach this machine can read \
         the site, drafts included; leave out `--bind` to keep it to yourself"
    )
}

/// A problem as `kennis build` prints a diagnostic.
pub(super) fn describe_problem(problem: &Problem) -> String {
    let mut text = if problem.line == 0 {
        format!("{}: {}", problem.severity, problem.message)
    } else {
        format!(
            "{}: {}:{}:{}: {}",
            problem.severity, problem.file, problem.line, problem.column, problem.message
        )
    };
    if let Some(hint) = &problem.hint {
        text.push_str(&format!("\n  = help: {hint}"));
    }
    text
}

/// `serving `site` at http://127.0.0.1:1111/ (ready in 1.20s, drafts shown); press Ctrl-C to stop`
pub(super) fn ready_line(options: &ServeOptions, url: &str, took: Duration, problems: &[Problem]) -> String {
    let drafts = if options.drafts { "drafts shown" } else { "drafts hidden" };
    let counted = count_problems(problems).map(|count| format!(", {count}")).unwrap_or_default();
    format!(
        "serving `{}` at {url} (ready in {}, {drafts}{counted}); press Ctrl-C to stop",
        options.root.display(),
        seconds(took)
    )
}

/// `content/posts/a.md changed: 3 files rendered in 41 ms`
pub(super) fn change_line(
    root: &Path,
    changed: &[PathBuf],
    taken: &TakenIn,
    took: Duration,
    problems: &[Problem],
) -> String {
    let first = changed.first().map(|path| path.strip_prefix(root).unwrap_or(path).display().to_string());
    let what = match changed.len() {
        1 => format!("`{}` changed", first.unwrap_or_default()),
        n => format!("`{}` and {} more changed", first.unwrap_or_default(), n - 1),
    };
    let rebuilt = if taken.full_rebuild { ", site rebuilt" } else { "" };
    let removed = if taken.removed > 0 { format!(", {} removed", taken.removed) } else { String::new() };
    let counted = count_problems(problems).map(|count| format!("; {count}")).unwrap_or_default();
    format!(
        "{what}: {} rendered{removed}{rebuilt} in {}{counted}",
        plural(taken.rendered, "file"),
        seconds(took)
    )
}

/// After changes whose lists, feeds and search waited for a newer change (whose open pages
/// came first): what finishing them rendered.
pub(super) fn catch_up_line(taken: &TakenIn, took: Duration) -> String {
    format!(
        "lists, feeds and search of the changes before: {} rendered in {}",
        plural(taken.rendered, "file"),
        seconds(took)
    )
}

/// `2 errors and 1 warning, shown in the browser`, or nothing when there are none.
fn count_problems(problems: &[Problem]) -> Option<String> {
    let errors = problems.iter().filter(|problem| problem.severity == "error").count();
    let warnings = problems.len() - errors;
    let counted = match (errors, warnings) {
        (0, 0) => return None,
        (errors, 0) => plural(errors, "error"),
        (0, warnings) => plural(warnings, "warning"),
        (errors, warnings) => format!("{} and {}", plural(errors, "error"), plural(warnings, "warning")),
    };
    Some(format!("{counted} shown in the browser"))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// `41 ms` below a second, `2.31s` from there.
fn seconds(took: Duration) -> String {
    if took < Duration::from_secs(1) {
        format!("{} ms", took.as_millis())
    } else {
        format!("{:.2}s", took.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(rendered: usize, removed: usize, full_rebuild: bool) -> TakenIn {
        TakenIn { rendered, removed, problems: 0, full_rebuild }
    }

    fn problem(severity: &'static str) -> Problem {
        Problem {
            severity,
            file: "content/a.md".into(),
            line: 3,
            column: 1,
            message: "bad".into(),
            hint: None,
        }
    }

    #[test]
    fn a_change_line_says_what_changed_what_was_done_and_what_is_wrong() {
        let root = Path::new("/site");
        let one = [root.join("content/posts/a.md")];
        assert_eq!(
            change_line(root, &one, &taken(3, 0, false), Duration::from_millis(41), &[]),
            "`content/posts/a.md` changed: 3 files rendered in 41 ms"
        );
        let many = [root.join("content/a.md"), root.join("content/b.md"), root.join("content/c.md")];
        assert_eq!(
            change_line(root, &many, &taken(1, 2, true), Duration::from_millis(2310), &[problem("error")]),
            "`content/a.md` and 2 more changed: 1 file rendered, 2 removed, site rebuilt in 2.31s; \
             1 error shown in the browser"
        );
    }

    #[test]
    fn the_ready_line_counts_errors_and_warnings() {
        let options = ServeOptions {
            root: PathBuf::from("example-site"),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            drafts: true,
            allow_hosts: Vec::new(),
            open: false,
            poll: false,
        };
        let problems = [problem("error"), problem("warning"), problem("warning")];
        assert_eq!(
            ready_line(&options, "http://127.0.0.1:1111/", Duration::from_millis(1200), &problems),
            "serving `example-site` at http://127.0.0.1:1111/ (ready in 1.20s, drafts shown, 1 error and \
             2 warnings shown in the browser); press Ctrl-C to stop"
        );
    }

    #[test]
    fn a_problem_is_printed_as_a_diagnostic_is() {
        let with_hint = Problem { hint: Some("close the quote".into()), ..problem("error") };
        assert_eq!(describe_problem(&with_hint), "error: content/a.md:3:1: bad\n  = help: close the quote");
        let of_the_site = Problem { file: String::new(), line: 0, column: 0, ..problem("warning") };
        assert_eq!(describe_problem(&of_the_site), "warning: bad");
    }
}
