#!/usr/bin/env python3
"""kennis with its git history against Hugo with `--enableGitInfo`, on the same history.

    git_compare.py --kennis target/release/kennis [--pages 10000] [--runs 5] [--keep DIR]

`gen_corpus.py --git` makes histories for kennis's layout only, so this script gives the
kennis and the Hugo corpus of compare.py (made under --keep when missing) one and the same
synthetic history with `git fast-import`: a first commit with the site's own files, then a
commit per page (a page file or bundle folder of a section) in a seeded order, by one of
40 people, four hours apart, and every third commit also edits an earlier page. Both
copies get the same commits for the pages they share (kennis's corpus also has a few
community pages, which Hugo's keeps as a taxonomy); the file contents differ only in each
tool's own front matter. Then builds alternate kennis, Hugo, ... into one output folder
per tool, and the medians of wall seconds and peak memory are printed with the ratio.
`--runs 0` only prepares the two repositories.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")
sys.path.insert(0, SHARED)
import compare  # noqa: E402  (compare.py's run(), corpus() and hugo_binary())

START = 1_577_836_800  # 2020-01-01


def pages_of(site):
    """Every page of the content folder: the entries of each section, sorted."""
    pages = []
    content = os.path.join(site, "content")
    for section in sorted(os.listdir(content)):
        folder = os.path.join(content, section)
        if not os.path.isdir(folder):
            continue
        for entry in sorted(os.listdir(folder)):
            if not entry.startswith("_index"):
                pages.append(f"content/{section}/{entry}")
    return pages


def files_below(site, relative):
    full = os.path.join(site, relative)
    if os.path.isfile(full):
        return [relative]
    found = []
    for folder, _, names in os.walk(full):
        for name in sorted(names):
            found.append(os.path.relpath(os.path.join(folder, name), site))
    return sorted(found)


def give_history(site, seed=1):
    """Replaces any history of `site` with the synthetic one; returns the number of commits."""
    shutil.rmtree(os.path.join(site, ".git"), ignore_errors=True)
    subprocess.run(["git", "init", "-q", "-b", "main", site], check=True)
    pages = pages_of(site)
    random.Random(seed).shuffle(pages)
    in_pages = {path for page in pages for path in files_below(site, page)}
    first = []
    for folder, dirs, names in os.walk(site):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), site)
            if relative not in in_pages:
                first.append(relative)
    people = [(f"Person {n:02d}", f"person{n:02d}@example.org") for n in range(40)]
    chooser = random.Random(seed + 1)
    stream = bytearray()

    def commit(number, files, edit=None):
        name, email = people[chooser.randrange(len(people))]
        when = START + number * 4 * 3600
        message = b"Add page\n"
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(f"author {name} <{email}> {when} +0000\n".encode())
        stream.extend(f"committer {name} <{email}> {when} +0000\n".encode())
        stream.extend(f"data {len(message)}\n".encode() + message)
        for path in files:
            with open(os.path.join(site, path), "rb") as handle:
                data = handle.read()
            stream.extend(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        if edit is not None:
            path, data = edit
            stream.extend(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    commit(0, sorted(first))
    added, edited = [], set()
    for number, page in enumerate(pages, start=1):
        files = files_below(site, page)
        edit = None
        if number % 3 == 0 and added:
            # An earlier page gets a line more for a while; the last commit leaves it as on disk.
            earlier = added[chooser.randrange(len(added))]
            with open(os.path.join(site, earlier), "rb") as handle:
                edit = (earlier, handle.read() + f"\nEdited in commit {number}.\n".encode())
            edited.add(earlier)
        commit(number, files, edit)
        added.extend(path for path in files if path.endswith(".md"))
    # Put every edited page back to its bytes on disk, so that the work tree is clean.
    commit(len(pages) + 1, sorted(edited))
    subprocess.run(["git", "-C", site, "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run(["git", "-C", site, "reset", "-q", "--hard", "main"], check=True)
    subprocess.run(["git", "-C", site, "gc", "-q"], check=True)
    return len(pages) + 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kennis", required=True)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "kennis-bench"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    a = ap.parse_args()
    sites = {}
    for tool in ("kennis", "hugo"):
        source = compare.corpus(a.keep, a.pages, tool)
        site = os.path.join(a.keep, f"{tool}-{a.pages}-git")
        if not os.path.isdir(os.path.join(site, ".git")):
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(source, site)
            commits = give_history(site)
            print(f"{site}: {commits} commits", flush=True)
        sites[tool] = site
    outputs = tempfile.mkdtemp(prefix="git-compare-", dir=a.keep)
    rows = []
    for _ in range(a.runs):
        k = compare.run([os.path.abspath(a.kennis), "build", "--root", sites["kennis"],
                         "--output", f"{outputs}/kennis"])
        h = compare.run([compare.hugo_binary(a.hugo), "--quiet", "--enableGitInfo", "-s", sites["hugo"],
                         "-d", f"{outputs}/hugo"])
        rows.append((k, h))
        print(f"kennis {k[0]:.2f} s {k[1]:.0f} MiB | hugo {h[0]:.2f} s {h[1]:.0f} MiB", flush=True)
    if not rows:
        return
    med = statistics.median
    kw, hw = med(r[0][0] for r in rows), med(r[1][0] for r in rows)
    km, hm = med(r[0][1] for r in rows), med(r[1][1] for r in rows)
    ratio = med(r[0][0] / r[1][0] for r in rows)
    print(f"pages {a.pages}: kennis {kw:.2f} s {km:.0f} MiB, hugo --enableGitInfo {hw:.2f} s {hm:.0f} MiB,"
          f" wall ratio {ratio:.3f}, memory ratio {km / hm:.3f}")
    shutil.rmtree(outputs, ignore_errors=True)


if __name__ == "__main__":
    main()
