//! The respond buttons: on a question, a post, a community, a wiki section and the lists,
//! each opens the git host's editor (GitHub, GitLab, Gitea) on a new file at the exact URL
//! its `new_url` gives, with content `kennis check` accepts once saved where it says.

use std::path::Path;

use crate::support::{Output, SiteTest, kennis};

const GITHUB: &str = "{repo_url}/new/main?filename={path}&value={content}";
const GITLAB: &str = "{repo_url}/-/new/main/{dir}?file_name={filename}";
const GITEA: &str = "{repo_url}/_new/main/?filename={path}&value={content}";

const ANSWER: &str = "---\n# Your name and the date come from git: no need to add them.\n---\n\n\
    Write your answer here. A good answer solves the problem in the question: say what to do, step by \
    step, show the command or code, and link to where you learned it. Not sure? Say so, and say what \
    you would try.\n";
const COMMENT: &str = "---\n# Your name and the date come from git: no need to add them.\n---\n\n\
    Write your comment here. A good comment adds to the post: your own experience, a question about one \
    step, or a link to more. Be specific and kind.\n";
const QUESTION_FRONT: &str =
    "---\ntitle: \"Your question in one line\"\ncommunity: \"data\"\ntags: []\n---\n";
const QUESTION_BODY: &str = "\nSay what you want to know and why. Tell what you tried, what happened and \
    what you expected, with the error message if there is one. One question per page gets the best \
    answers. Then give the file a name that says what it asks.\n";
const POST: &str = "---\ntitle: \"The title of your post\"\ncommunity: \"data\"\ntags: []\n---\n\n\
    Write here. The first paragraph becomes the summary: say what you learned and why it matters to \
    others. Then give the file a name that says what the post is about.\n";
const WIKI: &str = "---\ntitle: \"The title of the page\"\n---\n\n\
    Write the page here. A good wiki page serves one need: what it is for, the steps, and whom to ask. \
    Then give the file a name that says what the page is about.\n";

/// Each button of the fixture: the page it is on, its kind, the new file from the site
/// root (no git here), and the content it carries.
fn buttons() -> Vec<(&'static str, &'static str, &'static str, String)> {
    vec![
        (
            "questions/vpn/",
            "answer",
            "content/questions/vpn/answers/answer-2026-03-02-2.md",
            ANSWER.to_owned(),
        ),
        (
            "posts/first-week/",
            "comment",
            "content/posts/first-week/comments/comment-2026-02-10.md",
            COMMENT.to_owned(),
        ),
        (
            "communities/data/",
            "question",
            "content/questions/question-2026-03-02.md",
            format!("{QUESTION_FRONT}{QUESTION_BODY}"),
        ),
        ("communities/data/", "post", "content/posts/post-2026-03-02.md", POST.to_owned()),
        ("wiki/tools/", "wiki", "content/wiki/tools/page-2026-01-15.md", WIKI.to_owned()),
        (
            "questions/",
            "question",
            "content/questions/question-2026-03-01.md",
            format!("{QUESTION_FRONT}{QUESTION_BODY}").replace("community: \"data\"\n", ""),
        ),
        ("posts/", "post", "content/posts/post-2026-02-10.md", POST.replace("community: \"data\"\n", "")),
        (
            "communities/data/questions/",
            "question",
            "content/questions/question-2026-03-01.md",
            format!("{QUESTION_FRONT}{QUESTION_BODY}"),
        ),
    ]
}

/// The respond fixture with `site.yaml` saying `extra` after its title, committed to a git
/// repository of its own (git dates and credits new files there).
fn site_with(extra: &str) -> SiteTest {
    let site = site_outside_git(extra);
    commit_all(site.root());
    site
}

/// The respond fixture as [`site_with`] makes it, in no git repository.
fn site_outside_git(extra: &str) -> SiteTest {
    let site = SiteTest::copy("respond");
    site.write("site.yaml", format!("title: Respond\nbase_url: https://intranet.example.org/\n{extra}"));
    site
}

fn commit_all(root: &Path) {
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "Site"]);
}

fn site_for(new_url: &str) -> SiteTest {
    site_with(&site_for_yaml(new_url))
}

/// The `href` of the page's respond button of `kind`, unescaped.
fn href(page: &Output, kind: &str) -> String {
    let marker = format!("class=\"respond-button respond-{kind}\" href=\"");
    let start = page.text.find(&marker).unwrap_or_else(|| panic!("no {kind} button in {}", page.path));
    let rest = &page.text[start + marker.len()..];
    unescape(&rest[..rest.find('"').expect("the attribute ends")])
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("a hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// Splits a GitHub or Gitea URL into what comes before `&value=` and the decoded value.
fn split_value(url: &str) -> (&str, String) {
    let (head, value) = url.split_once("&value=").expect("a value parameter");
    (head, percent_decode(value))
}

#[test]
fn github_urls_name_the_file_from_the_repository_root_and_carry_its_content() {
    let built = site_for(GITHUB).build();
    for (page, kind, path, content) in buttons() {
        let url = href(&built.page(page), kind);
        let (head, value) = split_value(&url);
        assert_eq!(
            head,
            format!("https://git.example.org/team/site/new/main?filename={path}"),
            "{page} {kind}"
        );
        assert_eq!(value, content, "{page} {kind}");
    }
}

#[test]
fn gitea_urls_take_the_whole_path_in_filename_under_new() {
    let built = site_for(GITEA).build();
    for (page, kind, path, content) in buttons() {
        let url = href(&built.page(page), kind);
        let (head, value) = split_value(&url);
        assert_eq!(
            head,
            format!("https://git.example.org/team/site/_new/main/?filename={path}"),
            "{page} {kind}"
        );
        assert_eq!(value, content, "{page} {kind}");
    }
}

#[test]
fn gitlab_urls_name_the_folder_and_file_and_the_page_shows_the_text_to_paste() {
    let built = site_for(GITLAB).build();
    for (page, kind, path, content) in buttons() {
        let shown = built.page(page);
        let (dir, file) = path.rsplit_once('/').expect("a folder");
        assert_eq!(
            href(&shown, kind),
            format!("https://git.example.org/team/site/-/new/main/{dir}?file_name={file}"),
            "{page} {kind}"
        );
        let escaped = content.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;");
        shown.contains(&format!("<pre class=\"code respond-text\"><code>{escaped}</code></pre>"));
        shown.contains("This editor opens an empty file: copy this text into it first, then write.");
    }
}

#[test]
fn the_content_saved_at_the_suggested_path_is_a_page_kennis_check_accepts() {
    let history_off = format!("{}git: {{ history: false }}\n", site_for_yaml(GITHUB));
    for site in [site_for(GITHUB), site_with(&history_off), site_outside_git(&site_for_yaml(GITHUB))] {
        saved_as_suggested_passes_check(&site);
    }
}

fn site_for_yaml(new_url: &str) -> String {
    format!("repo_url: https://git.example.org/team/site/\nnew_url: \"{new_url}\"\n")
}

fn saved_as_suggested_passes_check(site: &SiteTest) {
    let built = site.build();
    for (page, kind, path, _) in buttons() {
        let (_, value) = split_value(&href(&built.page(page), kind));
        site.write(path, value);
    }
    let root = site.root().to_str().expect("UTF-8");
    let ran = kennis(&["check", "--root", root]);
    ran.exits_with(0);
    assert!(!ran.stderr().contains("warning"), "{}", ran.stderr());
    let rebuilt = site.build();
    rebuilt
        .page("questions/vpn/")
        .contains("id=\"answer-answer-2026-03-02-2\"")
        .contains("Write your answer here.");
    rebuilt.page("posts/first-week/").contains("id=\"comment-comment-2026-02-10\"");
    rebuilt.page("questions/question-2026-03-02/").contains("Your question in one line");
    rebuilt.page("communities/data/").contains("The title of your post");
    rebuilt.page("wiki/tools/page-2026-01-15/").contains("The title of the page");
}

#[test]
fn the_text_to_paste_on_gitlab_is_a_page_kennis_check_accepts() {
    let site = site_for(GITLAB);
    let built = site.build();
    let page = built.page("questions/vpn/");
    let start = page.text.find("<code>").expect("the text") + "<code>".len();
    let text = unescape(&page.text[start..start + page.text[start..].find("</code>").expect("its end")]);
    site.write("content/questions/vpn/answers/answer-2026-03-02-2.md", text);
    kennis(&["check", "--root", site.root().to_str().expect("UTF-8")]).exits_with(0);
}

#[test]
fn in_a_subfolder_of_its_repository_the_path_starts_at_the_repository_root() {
    let repository = SiteTest::empty();
    crate::support::copy_dir(&crate::support::fixtures().join("respond"), &repository.root().join("docs"));
    repository.write(
        "docs/site.yaml",
        format!("title: Respond\nrepo_url: https://github.com/team/handbook\nnew_url: \"{GITHUB}\"\n"),
    );
    git(repository.root(), &["init", "-q", "-b", "main"]);
    git(repository.root(), &["add", "-A"]);
    git(repository.root(), &["commit", "-q", "-m", "Site"]);
    let built = SiteTest::at(&repository.root().join("docs")).build();
    let url = href(&built.page("questions/vpn/"), "answer");
    let (head, _) = split_value(&url);
    assert_eq!(
        head,
        "https://github.com/team/handbook/new/main?filename=docs/content/questions/vpn/answers/answer-2026-03-02-2.md"
    );
}

#[test]
fn without_repo_url_or_new_url_there_are_no_respond_buttons() {
    for extra in [
        "new_url: \"https://git.example.org/new/main?filename={path}\"\n".to_owned(),
        "repo_url: https://git.example.org/team/site\n".to_owned(),
    ] {
        let built = site_with(&extra).build();
        for page in [
            "questions/vpn/",
            "posts/first-week/",
            "communities/data/",
            "wiki/tools/",
            "questions/",
            "posts/",
        ] {
            built.page(page).lacks("respond-button").lacks("data-new-file-url");
        }
        built.page("questions/vpn/").contains("Know the answer? Add a Markdown file to this folder");
        let warned = built.warnings().iter().any(|w| w.contains("`new_url` is set but `repo_url` is not"));
        assert_eq!(warned, extra.starts_with("new_url"), "{:?}", built.warnings());
    }
}

#[test]
fn past_new_url_max_the_content_is_cut_to_its_front_matter() {
    let built = site_with(&format!(
        "repo_url: https://git.example.org/team/site\nnew_url: \"{GITHUB}\"\nnew_url_max: 300\n"
    ))
    .build();
    let url = href(&built.page("communities/data/"), "question");
    assert!(url.len() <= 300, "{url}");
    assert_eq!(split_value(&url).1, QUESTION_FRONT);
    // The script's URL carries the same shortened content.
    let page = built.page("communities/data/");
    let template = page.text.split("data-new-file-url=\"").nth(1).expect("a template");
    let template = unescape(&template[..template.find('"').expect("its end")]);
    assert_eq!(split_value(&template).1, QUESTION_FRONT);
    assert!(template.contains("filename=content/questions/{name}.md"), "{template}");
}

#[test]
fn names_that_would_break_a_url_or_the_html_are_encoded_and_escaped() {
    let site = site_for(GITHUB);
    site.write("content/questions/q&a \"x\" #1/index.md", "---\ntitle: Q\ndate: 2026-03-05\n---\n\nWhat?\n");
    let built = site.build();
    let page = built.page("questions/q-a-x-1/");
    page.contains(
        "href=\"https://git.example.org/team/site/new/main?filename=content/questions/q%26a%20%22x%22%20%231/answers/answer-2026-03-05.md&amp;value=",
    );
}

fn git(root: &Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .current_dir(root)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "An Peeters")
        .env("GIT_AUTHOR_EMAIL", "an.peeters@example.org")
        .env("GIT_COMMITTER_NAME", "An Peeters")
        .env("GIT_COMMITTER_EMAIL", "an.peeters@example.org")
        .env("GIT_AUTHOR_DATE", "2026-01-05T10:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-01-05T10:00:00+01:00")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_dutch_site_asks_and_answers_in_dutch() {
    let built = site_with(&format!(
        "language: nl\nrepo_url: https://git.example.org/team/site\nnew_url: \"{GITHUB}\"\n"
    ))
    .build();
    let page = built.page("questions/vpn/");
    page.contains(">Beantwoord deze vraag</a>");
    let (_, value) = split_value(&href(&page, "answer"));
    assert_eq!(
        value,
        "---\n# Je naam en de datum komen uit git: die hoef je niet in te vullen.\n---\n\n\
         Schrijf hier je antwoord. Een goed antwoord lost het probleem uit de vraag op: zeg wat je moet \
         doen, stap voor stap, toon de opdracht of de code, en link naar waar je het leerde. Niet zeker? \
         Zeg dat, en zeg wat je zou proberen.\n"
    );
    let community = built.page("communities/data/");
    community.contains(">Stel een vraag</a>").contains(">Schrijf een bericht</a>");
    built.page("wiki/tools/").contains(">Nieuwe pagina hier</a>");
    built.page("posts/first-week/").contains(">Reageer</a>");
}

#[test]
fn a_section_of_posts_offers_a_post_in_its_folder() {
    let site = site_for(GITHUB);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}kinds: {{blog: post}}\n"));
    site.write("content/blog/_index.md", "---\ntitle: Blog\n---\n");
    site.write("content/blog/hello.md", "---\ntitle: Hello\ndate: 2026-04-01\n---\n\nHi.\n");
    let built = site.build();
    let page = built.page("blog/");
    page.lacks("respond-wiki");
    let url = href(&page, "post");
    assert_eq!(
        split_value(&url).0,
        "https://git.example.org/team/site/new/main?filename=content/blog/post-2026-04-01.md"
    );
}

/// The content in the script's URL (`data-new-file-url`) of the page's button of `kind`, decoded.
fn script_value(page: &Output, kind: &str) -> String {
    let marker = format!("class=\"respond-button respond-{kind}\" href=\"");
    let start = page.text.find(&marker).expect("the button");
    let template = page.text[start..].split("data-new-file-url=\"").nth(1).expect("a template");
    split_value(&unescape(&template[..template.find('"').expect("its end")])).1
}

#[test]
fn without_git_history_the_new_file_says_its_date_and_asks_for_its_author() {
    let history_off = format!("{}git: {{ history: false }}\n", site_for_yaml(GITHUB));
    let sites = [site_with(&history_off), site_outside_git(&site_for_yaml(GITHUB))];
    let ask = "# Put your id from the site's authors/ folder between the brackets (its file name without \
        .yaml), so this is credited to you.\nauthors: [ ]\n";
    for site in sites {
        let built = site.build();
        let page = built.page("questions/vpn/");
        let (_, value) = split_value(&href(&page, "answer"));
        let body = ANSWER.split_once("---\n\n").expect("a body").1;
        assert_eq!(value, format!("---\ndate: 2026-03-02\n{ask}---\n\n{body}"));
        assert!(!value.contains("git"), "{value}");
        // The script dates it the day it is clicked, as it names it.
        assert!(script_value(&page, "answer").starts_with("---\ndate: {date}\n# Put your id"));
        let (_, question) = split_value(&href(&built.page("communities/data/"), "question"));
        assert_eq!(
            question,
            format!(
                "---\ntitle: \"Your question in one line\"\ncommunity: \"data\"\ntags: []\n\
                 date: 2026-03-02\n{ask}---\n{QUESTION_BODY}"
            )
        );
    }
    let dutch = site_outside_git(&format!("language: nl\n{}", site_for_yaml(GITHUB))).build();
    let (_, value) = split_value(&href(&dutch.page("questions/vpn/"), "answer"));
    assert!(
        value.starts_with(
            "---\ndate: 2026-03-02\n# Zet je id uit de map authors/ van de site tussen de haken \
             (de bestandsnaam zonder .yaml), zodat dit op jouw naam komt.\nauthors: [ ]\n---\n"
        ),
        "{value}"
    );
}

#[test]
fn a_draft_left_out_of_the_build_keeps_its_name_taken() {
    let site = site_for(GITHUB);
    site.write(
        "content/questions/vpn/answers/answer-2026-03-02-2.md",
        "---\ndate: 2026-03-02\ndraft: true\n---\n\nNot ready yet.\n",
    );
    site.write("content/posts/post-2026-03-02.md", "---\ntitle: Soon\ndraft: true\n---\n\nLater.\n");
    let built = site.build();
    let url = href(&built.page("questions/vpn/"), "answer");
    assert_eq!(
        split_value(&url).0,
        "https://git.example.org/team/site/new/main?filename=content/questions/vpn/answers/answer-2026-03-02-3.md"
    );
    let url = href(&built.page("communities/data/"), "post");
    assert_eq!(
        split_value(&url).0,
        "https://git.example.org/team/site/new/main?filename=content/posts/post-2026-03-02-2.md"
    );
}
