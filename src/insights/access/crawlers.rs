//! Crawlers and monitors, told apart from people by their user agent, so that the insights
//! count what people read and search for.
//!
//! The list follows GoAccess's crawler and uptime entries (`src/browsers.c`) and AWStats's
//! robots database, cut down to words that cover many of them ("bot" alone covers
//! Googlebot, bingbot, YandexBot, Applebot, DuckDuckBot, AhrefsBot, GPTBot, ClaudeBot,
//! UptimeRobot, Slackbot, Discordbot and the rest), plus the HTTP tools and libraries and
//! the health checks and monitors an intranet site sees. README lists the same words.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Lower-case words matched anywhere in the user agent, ignoring ASCII case.
const CRAWLER_WORDS: &[&str] = &[
    // Crawlers of every kind name themselves so.
    "bot",
    "spider",
    "crawl",
    "slurp",
    "archiver",
    "facebookexternalhit",
    "whatsapp",
    "skypeuripreview",
    "embedly",
    "preview",
    // HTTP tools, libraries and headless browsers.
    "curl",
    "wget",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "go-http-client",
    "java/",
    "okhttp",
    "apache-httpclient",
    "libwww-perl",
    "node-fetch",
    "axios/",
    "undici",
    "httpie",
    "powershell",
    "scrapy",
    "headlesschrome",
    "phantomjs",
    "lighthouse",
    // Monitors, health checks and link checkers.
    "uptime",
    "monitor",
    "health",
    "pingdom",
    "kube-probe",
    "prometheus",
    "blackbox exporter",
    "zabbix",
    "nagios",
    "icinga",
    "check_http",
    "monitoring-plugins",
    "statuscake",
    "site24x7",
    "datadog",
    "googlehc",
    "linkcheck",
    "lychee",
    "validator",
];

/// Tells whether a user agent is a crawler's or a monitor's.
pub(super) struct Crawlers {
    words: AhoCorasick,
}

impl Crawlers {
    pub fn new() -> Crawlers {
        let words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(CRAWLER_WORDS)
            .expect("the crawler words make a small automaton");
        Crawlers { words }
    }

    /// A user agent with a crawler word, or none at all (`-`: scripts, not browsers).
    pub fn is_crawler(&self, user_agent: &[u8]) -> bool {
        user_agent.is_empty() || self.words.is_match(user_agent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawlers_and_monitors_are_told_from_browsers() {
        let crawlers = Crawlers::new();
        for agent in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "curl/8.5.0",
            "Wget/1.21.4",
            "python-requests/2.31.0",
            "Go-http-client/1.1",
            "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
            "kube-probe/1.29",
            "Prometheus/2.48.0",
            "Blackbox Exporter/0.24.0",
            "Zabbix",
            "check_http/v2.3.3 (nagios-plugins 2.3.3)",
            "ELB-HealthChecker/2.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
            "",
        ] {
            assert!(crawlers.is_crawler(agent.as_bytes()), "{agent}");
        }
        for agent in [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
        ] {
            assert!(!crawlers.is_crawler(agent.as_bytes()), "{agent}");
        }
    }
}
