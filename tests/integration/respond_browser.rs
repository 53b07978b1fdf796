//! "Answer this question" in a real headless Chromium: the click opens the git host's
//! editor on a freshly named file. The host is a stub on loopback (never the network):
//! the built site's `repo_url` points at it, and it records what the browser asked for.

use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::browser::{Driver, ServedSite};
use crate::support::SiteTest;

/// The `value` parameter of an editor URL, as sent.
fn value_of(url: &str) -> &str {
    url.split_once("&value=").map_or("", |(_, value)| value)
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn answer_this_question_opens_the_editor_on_a_new_name_at_the_stub_host() {
    let stub_folder = tempfile::tempdir().expect("temporary folder");
    let host = ServedSite::folder(stub_folder.path().to_path_buf());
    let repo_url = host.url("team/site");
    let site = SiteTest::copy("respond");
    site.write(
        "site.yaml",
        format!(
            "title: Respond\nrepo_url: {repo_url}\n\
             new_url: \"{{repo_url}}/new/main?filename={{path}}&value={{content}}\"\n"
        ),
    );
    let output = tempfile::tempdir().expect("temporary folder");
    site.build_into(&output.path().join("public")).expect("the site builds");
    let served = ServedSite::folder(output.path().join("public"));

    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&served.url("questions/vpn/")).await.expect("the question loads");
    let link = client.find(Locator::LinkText("Answer this question")).await.expect("the button");
    let built_href = link.attr("href").await.expect("an href").expect("an href");
    let fallback =
        format!("{repo_url}/new/main?filename=content/questions/vpn/answers/answer-2026-03-02-2.md&value=");
    assert!(built_href.starts_with(&fallback), "{built_href}");
    link.click().await.expect("the click");

    let started = Instant::now();
    let opened = loop {
        let url = client.current_url().await.expect("a URL").to_string();
        if url.starts_with(&repo_url) {
            break url;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the browser stayed at {url}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    client.close().await.expect("the session closes");

    let prefix = format!("{repo_url}/new/main?filename=content/questions/vpn/answers/answer-");
    let name = opened
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split_once(".md&value="))
        .map(|(name, _)| name)
        .unwrap_or_else(|| panic!("the editor URL names an answer file: {opened}"));
    // `YYYY-MM-DD-xxxx`: the day the reader clicked and a random part, not the built name.
    let parts: Vec<&str> = name.split('-').collect();
    assert_eq!(parts.len(), 4, "{name}");
    assert!(parts[..3].iter().all(|p| p.chars().all(|c| c.is_ascii_digit())), "{name}");
    assert!(parts[3].len() == 4 && parts[3].chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
    // Outside git the content is dated: the day clicked, as the name is, not the built one.
    let clicked = parts[..3].join("-");
    assert!(value_of(&built_href).contains("date%3A%202026-03-02%0A"), "{built_href}");
    assert_eq!(
        value_of(&opened),
        value_of(&built_href).replace("date%3A%202026-03-02", &format!("date%3A%20{clicked}")),
        "the content is the one built, dated the day clicked"
    );
    let asked: Vec<String> =
        host.requests.lock().expect("the request list").iter().map(|(u, _)| u.clone()).collect();
    let path = opened.strip_prefix(&host.url("")).expect("on the stub host");
    assert!(asked.iter().any(|u| u.trim_start_matches('/') == path), "the stub host saw {asked:?}");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_text_to_paste_for_gitlab_is_dated_the_day_it_is_read() {
    let site = SiteTest::copy("respond");
    site.write(
        "site.yaml",
        "title: Respond\nrepo_url: https://gitlab.example.org/team/site\n\
         new_url: \"{repo_url}/-/new/main/{dir}?file_name={filename}\"\n",
    );
    let output = tempfile::tempdir().expect("temporary folder");
    site.build_into(&output.path().join("public")).expect("the site builds");
    let built =
        std::fs::read_to_string(output.path().join("public/questions/vpn/index.html")).expect("the page");
    assert!(built.contains("<code>---\ndate: 2026-03-02\n# Put your id"), "outside git the text is dated");
    let served = ServedSite::folder(output.path().join("public"));

    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&served.url("questions/vpn/")).await.expect("the question loads");
    // Inside closed <details>: read the text the copy button copies, not what is shown.
    let text: String = client
        .execute("return document.querySelector('pre.respond-text code').textContent;", vec![])
        .await
        .expect("its text")
        .as_str()
        .expect("a string")
        .to_owned();
    client.close().await.expect("the session closes");
    let date = text.strip_prefix("---\ndate: ").and_then(|rest| rest.split_once('\n')).map(|(date, _)| date);
    let date = date.unwrap_or_else(|| panic!("the text starts with its date: {text}"));
    assert_ne!(date, "2026-03-02", "the day read, not the day built");
    assert!(jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(), "{date}");
    assert!(text.contains("\nauthors: [ ]\n---\n\nWrite your answer here."), "{text}");
}
