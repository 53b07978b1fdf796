#!/usr/bin/env python3
"""Writes a realistic web server access log for a kennis site, for the insights benchmark.

    gen_access_log.py --out DIR [--site DIR] [--lines 1000000] [--seed 1] [--base /]
                      [--months 12] [--start 2025-12-01] [--files 1] [--gzip]

The pages come from the site's content/ folder (posts/x/index.md and posts/x.md are
/posts/x/), or, without --site, from made-up paths. The mix, per line:
  browsers reading pages (a tenth answered 304, some as /x/index.html)   ~52%
  assets (kennis.css, search files, images, favicon)                     ~24%
  the search beacon, search/log.txt?q=&n=&open= (Dutch and English
  queries in varied case and spacing, ~15% with no results)              ~5%
  pages opened from the search page (Referer: search/?q=)                ~3%
  crawlers and monitors (Googlebot, bingbot, curl, kube-probe ...)       ~8%
  404s, requests outside the base path, POSTs                            ~6%
  lines in the common format (no referer or user agent)                  ~2%
  lines that are not log lines                                           ~0.5%
IPv4 and IPv6 addresses; times in order over --months months, in +0100.
Deterministic: the same arguments write the same bytes.

With --files N the lines are split into N rotated files, newest first as logrotate names
them: access.log, access.log.1, access.log.2 ...; --gzip compresses every file but the
newest (access.log.2.gz), or every file when N is 1 (access.log.gz).
"""
import argparse
import datetime
import gzip
import os
import random
import urllib.parse

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
]
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0",
    "python-requests/2.31.0",
    "kube-probe/1.29",
    "Prometheus/2.48.0",
    "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
    "-",
]
QUERIES = [
    "onboarding", "mentor", "vakantiedagen", "declaratie", "kubernetes", "rust ownership",
    "feedback geven", "code review", "thuiswerken", "verlof aanvragen", "café", "budget opleiding",
    "how to deploy", "teamoverleg", "privacy", "laptop bestellen", "git rebase", "kennisdeling",
    "retrospective", "salarisstrook", "wiki schrijven", "hiërarchie", "performance review", "vpn",
]
# The first queries are asked most, as on a real site.
QUERY_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(QUERIES))]
ZERO_RESULT = ["xyzzy", "parkeren garage", "kantine menu", "OKR template", "ergonomie stoel"]
ASSETS = [
    ("kennis.css", 28000), ("kennis-search.js", 19000), ("search/meta.js", 900),
    ("search/index-0.js", 180000), ("favicon.svg", 600), ("images/logo.png", 12000),
]
GARBAGE = ["", "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03", "-- MARK --",
           "2026-01-01T00:00:00Z upstream timed out", "192.168.1.1 - - [bad date] \"GET / HTTP/1.1\" 200 1"]


def site_pages(site):
    """URL paths (from the site's root, `posts/x/`) of the Markdown files under content/."""
    pages = []
    content = os.path.join(site, "content")
    for folder, _, files in sorted(os.walk(content)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(folder, name), content).replace(os.sep, "/")
            stem = rel[: -len(".md")]
            if stem.endswith("/index") or stem.endswith("/_index"):
                stem = stem.rsplit("/", 1)[0]
            elif stem in ("index", "_index"):
                stem = ""
            pages.append(stem + "/" if stem else "")
    return pages


def made_up_pages(count, rng):
    kinds = ["posts", "questions", "wiki/engineering", "wiki/sales", "communities/rust"]
    return [f"{rng.choice(kinds)}/page-{n}/" for n in range(count)]


def address(rng):
    if rng.random() < 0.15:
        return f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}"
    return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def spelled(query, rng):
    """A query as someone might type it: other case, extra spaces."""
    roll = rng.random()
    if roll < 0.15:
        query = query.capitalize()
    elif roll < 0.2:
        query = query.upper()
    if rng.random() < 0.1:
        query = " " + query.replace(" ", "  ") + " "
    return query


def quote(path):
    return urllib.parse.quote(path, safe="/")


class Log:
    def __init__(self, args, rng):
        self.args, self.rng = args, rng
        self.base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
        self.pages = site_pages(args.site) if args.site else made_up_pages(3000, rng)
        # Popularity falls off with rank, as it does on real sites.
        self.weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(self.pages))]
        start = datetime.datetime.fromisoformat(args.start)
        self.start = start.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
        self.span = datetime.timedelta(days=30.4 * args.months)

    def time(self, index):
        moment = self.start + self.span * (index / self.args.lines)
        return moment.strftime("%d/%b/%Y:%H:%M:%S %z")

    def line(self, index):
        rng, base = self.rng, self.base
        when, host = self.time(index), address(rng)
        agent = rng.choice(BROWSERS)
        referer = "-"
        status, size, method = 200, rng.randrange(3000, 40000), "GET"
        roll = rng.random()
        if roll < 0.52:
            page = rng.choices(self.pages, self.weights)[0]
            target = base + quote(page)
            if rng.random() < 0.03:
                target += "index.html"
            if rng.random() < 0.1:
                status, size = 304, 0
        elif roll < 0.76:
            asset, size = rng.choice(ASSETS)
            target = base + asset
        elif roll < 0.81:
            zero = rng.random() < 0.15
            query = spelled(rng.choice(ZERO_RESULT) if zero else rng.choices(QUERIES, QUERY_WEIGHTS)[0], rng)
            opened = "" if zero or rng.random() < 0.55 else str(rng.randrange(1, 8))
            params = urllib.parse.urlencode({"q": query, "n": 0 if zero else rng.randrange(1, 60), "open": opened})
            target, size = f"{base}search/log.txt?{params}", 0
            referer = f"https://intranet.example.org{base}search/?{urllib.parse.urlencode({'q': query})}"
        elif roll < 0.84:
            page = rng.choices(self.pages, self.weights)[0]
            target = base + quote(page)
            query = rng.choice(QUERIES)
            referer = f"https://intranet.example.org{base}search/?{urllib.parse.urlencode({'q': query})}"
        elif roll < 0.92:
            agent = rng.choice(CRAWLERS)
            target = base + quote(rng.choice(self.pages))
        elif roll < 0.96:
            target, status, size = base + f"posts/gone-{rng.randrange(500)}/", 404, 153
        elif roll < 0.98:
            target = rng.choice(["/", "/other-site/", "/robots.txt", "/.env", "/wp-login.php"])
            if self.base == "/":
                target, status = "/wp-login.php", 404
        else:
            target, method = base + "search/", "POST"
        if roll > 0.995:
            return rng.choice(GARBAGE)
        if rng.random() < 0.02:
            return f'{host} - - [{when}] "{method} {target} HTTP/1.1" {status} {size}'
        size = "-" if size == 0 and rng.random() < 0.5 else size
        return f'{host} - - [{when}] "{method} {target} HTTP/1.1" {status} {size} "{referer}" "{agent}"'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="the folder to write the log files into")
    parser.add_argument("--site", help="a kennis site whose content/ gives the pages")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--base", default="/", help="the site's base path, / or /kb/")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--start", default="2025-12-01")
    parser.add_argument("--files", type=int, default=1, help="rotated files to split the lines into")
    parser.add_argument("--gzip", action="store_true", help="compress rotated files (all when --files 1)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    log = Log(args, rng)
    os.makedirs(args.out, exist_ok=True)
    per_file = -(-args.lines // args.files)
    written = []
    for part in range(args.files):
        # The oldest lines go to the highest number, as logrotate leaves them.
        number = args.files - 1 - part
        name = "access.log" + (f".{number}" if number else "")
        compress = args.gzip and (number > 0 or args.files == 1)
        lines = range(part * per_file, min(args.lines, (part + 1) * per_file))
        text = "".join(log.line(index) + "\n" for index in lines).encode()
        path = os.path.join(args.out, name + (".gz" if compress else ""))
        if compress:
            # mtime=0: the same bytes every run.
            with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
                out.write(text)
        else:
            with open(path, "wb") as out:
                out.write(text)
        written.append(path)
    for path in written:
        print(path, os.path.getsize(path))


if __name__ == "__main__":
    main()
