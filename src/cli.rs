//! The command line: every command, option and help text, as clap definitions.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::PageKind;

/// kennis turns a git repository of Markdown into an intranet site where staff learn from each other.
#[derive(Debug, Parser)]
#[command(name = "kennis", version, about, long_about = None, after_help = "Examples:\n  kennis init my-site\n  kennis serve --root my-site\n  kennis build --root my-site\n  kennis new post \"Wat we leerden van de migratie\" --community data")]
pub struct Cli {
    /// Print each stage's timing to standard error.
    #[arg(long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `ROOT/public`).
    #[command(
        after_help = "The previous output stays untouched unless the build succeeds. With --relative-urls\n\
        (or `relative_urls: true` in site.yaml) the output opens from disk: open public/index.html.\n\n\
        Examples:\n  kennis build\n  kennis build --root example-site --output /tmp/site\n  \
        kennis build --drafts --base-url https://intranet.example.org/kennis/\n  \
        kennis build --relative-urls\n\n\
        Exit codes: 0 built, 1 content errors (all listed, with file:line:column), 2 usage or I/O errors."
    )]
    Build(BuildArgs),
    /// Check every page, link and reference without writing anything: for merge requests.
    #[command(
        after_help = "Exit codes: 0 no errors (warnings may be listed), 1 errors found, 2 usage or I/O errors.\n\n\
        Examples:\n  kennis check\n  kennis check --root example-site --format github\n  \
        kennis check --format json > problems.json"
    )]
    Check(CheckArgs),
    /// Create a small starter site that builds.
    #[command(
        after_help = "In a git repository whose `origin` is on GitHub, GitLab or Gitea, site.yaml gets\n\
        `repo_url`, `edit_url`, `history_url` and `new_url` for it (the respond buttons); on another\n\
        host kennis asks which kind it is when it can, else leaves them for you to fill in.\n\n\
        Examples:\n  kennis init\n  kennis init my-site && kennis build --root my-site\n  \
        kennis init docs --repo-url https://gitlab.example.org/team/handbook"
    )]
    Init {
        /// The folder to create the site in; it must be empty or absent.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The repository's web address, instead of the one `git remote get-url origin` gives.
        #[arg(long, value_name = "URL")]
        repo_url: Option<String>,
    },
    /// Write a new page with its front matter in the right place.
    #[command(
        after_help = "For `answer` and `comment`, TITLE names the question or post (its slug or title); the file\n\
        goes to its `answers/` or `comments/` folder, beside `posts/<slug>.md` for a single-file post.\n\
        Sections (a folder's `_index.md`) and the home page (`content/index.md`) are written by hand.\n\
        The author defaults to the person in `authors/` whose e-mail is `git config user.email`;\n\
        when there is none, the page names no author and kennis says how to name one.\n\n\
        Examples:\n  kennis new post \"Lessons from our first hackathon\" --community data\n  \
        kennis new question \"How do I get access to the data warehouse?\"\n  \
        kennis new answer how-do-i-get-access-to-the-data-warehouse --author an-peeters\n  \
        kennis new wiki \"VPN set-up\" --section tools"
    )]
    New(NewArgs),
    /// Preview the site while you write: built into memory, rebuilt on save, reloaded in the browser.
    #[command(
        after_help = "Open the printed URL. Each save shows in the open browser tab; a mistake (bad YAML, a broken\n\
        link) shows as an overlay naming the file and line while the last good page stays visible.\n\
        Drafts are shown with a banner. Nothing is written to disk: the output folder is never touched.\n\
        Only requests for this machine's own names are answered; behind a reverse proxy, name it with\n\
        --allow-host. --bind 0.0.0.0 shows the site, drafts included, to your whole network.\n\n\
        Examples:\n  kennis serve\n  kennis serve --root example-site --open\n  \
        kennis serve --port 8080 --no-drafts\n  \
        kennis serve --bind 0.0.0.0 --allow-host preview.intranet.example.org\n  \
        kennis serve --poll    # on a network mount or in a container that sends no file events\n\n\
        Exit codes: 0 stopped with Ctrl-C, 2 usage or I/O errors (no site.yaml, the port taken)."
    )]
    Serve(ServeArgs),
    /// Print the community insights: participants, retention, who helps whom, topics, questions.
    #[command(
        after_help = "Figures are counted by calendar month in site.yaml's `timezone` (else UTC), up to the newest\n\
        activity in the repository or --as-of, so the same repository always gives the same figures.\n\
        --format csv prints one table (--table NAME; without it, the list of tables), or writes every\n\
        table as NAME.csv into --output DIR. --access-log reads web server logs (nginx/Apache common or\n\
        combined, `.gz` too) instead of `insights: { access_logs: [...] }` in site.yaml.\n\n\
        Examples:\n  kennis insights\n  kennis insights --community data --format json\n  \
        kennis insights --format csv --table months > months.csv\n  \
        kennis insights --format csv --output insights/\n  \
        kennis insights --as-of 2025-06-30 --access-log /var/log/nginx/access.log*\n\n\
        Exit codes: 0 printed, 1 content errors, 2 usage or I/O errors (an unknown community or table)."
    )]
    Insights(InsightsArgs),
}

#[derive(Debug, clap::Args)]
pub struct InsightsArgs {
    /// The site's folder, holding `site.yaml`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this community's figures (an id from `content/communities/`).
    #[arg(long)]
    pub community: Option<String>,
    /// `table` (aligned columns), `csv` (one table, or all with --output) or `json` (everything).
    #[arg(long, value_enum, default_value_t = InsightsFormat::Table)]
    pub format: InsightsFormat,
    /// The table to print: summary, months, retention, interactions, people_helped, topics,
    /// rising_topics, unanswered, inactive, people; with access logs also top_pages,
    /// top_queries, zero_result_queries, unopened_queries (`--format csv` lists them).
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// With --format csv: write every table as NAME.csv into this folder.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Count as if today were this day (`YYYY-MM-DD`); default the newest activity.
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub as_of: Option<jiff::civil::Date>,
    /// Web server access logs to read (instead of site.yaml's `insights: { access_logs }`).
    #[arg(long = "access-log", value_name = "FILE", num_args = 1..)]
    pub access_logs: Vec<PathBuf>,
}

/// A day as `YYYY-MM-DD`, with a message that says so.
fn day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse().map_err(|_| "write a day as YYYY-MM-DD, such as 2025-06-30".to_owned())
}

/// How `kennis insights` prints the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InsightsFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site's folder, holding `site.yaml`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; default `ROOT/public`.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include pages with `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Override `base_url` from site.yaml, e.g. for a preview under another address.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Write links relative to each page (`../posts/index.html`), so the site opens from
    /// disk without a server; as `relative_urls: true` in site.yaml.
    #[arg(long)]
    pub relative_urls: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site's folder, holding `site.yaml`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// `human` (with the source line), `json` (an array of objects) or `github` (annotations).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Check pages with `draft: true` too.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site's folder, holding `site.yaml`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; `0.0.0.0` or `::` makes the site visible to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port to listen on; 0 picks a free one (the printed URL names it).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Leave out pages with `draft: true`, as `kennis build` does.
    #[arg(long)]
    pub no_drafts: bool,
    /// Also answer requests for this host name, e.g. a reverse proxy's; may be repeated.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Open the site in your default browser.
    #[arg(long)]
    pub open: bool,
    /// Find changes by reading the files every second instead of waiting for the system's
    /// file events, which network mounts and some containers never send.
    #[arg(long)]
    pub poll: bool,
}

/// How `kennis check` prints what it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What to write.
    pub kind: PageKind,
    /// The page's title (for answers and comments: the question or post they belong to).
    pub title: String,
    /// The site's folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The community the page belongs to (an id from `content/communities/`); an unknown one is refused.
    #[arg(long)]
    pub community: Option<String>,
    /// The author id (from `authors/`); defaults to the one matching `git config user.email`.
    #[arg(long)]
    pub author: Option<String>,
    /// For wiki pages: the section folder below `content/wiki/`, e.g. `tools/dev`.
    #[arg(long)]
    pub section: Option<String>,
}

/// `kennis new KIND`: the kinds it writes are listed; `section` and `home` are accepted
/// but hidden, so that `kennis new` can say where those pages are written instead.
impl ValueEnum for PageKind {
    fn value_variants<'a>() -> &'a [Self] {
        &PageKind::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let value = PossibleValue::new(self.name());
        Some(match self {
            PageKind::Post
            | PageKind::Question
            | PageKind::Answer
            | PageKind::Comment
            | PageKind::Community
            | PageKind::Wiki => value,
            PageKind::Section | PageKind::Home => value.hide(true),
        })
    }
}
