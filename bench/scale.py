#!/usr/bin/env python3
"""Does a build grow linearly? Times kennis on sites of two sizes, each into a fresh output folder.

    scale.py --kennis target/release/kennis --shape tags|section|corpus [--small 10000] [--large 100000]
             [--runs 3] [--keep DIR] [--outputs DIR]

Shapes:
  tags     one post with N tags (every tag gets a page that lists the post)
  section  N wiki pages in one section, content/wiki/big/ (paginated, with a tree beside it)
  corpus   ../shared/bench/gen_corpus.py --pages N (seed 1), the mixed site of the other benchmarks

Sites are generated once under --keep (default /tmp/kennis-scale) and reused. Runs
alternate small, large, small, large ... so that drift on a noisy machine hits both
alike; every run writes into a new, empty output folder, deleted after it is measured.
For each size it prints the median wall seconds, CPU seconds (user + system), peak memory (ru_maxrss of the child),
output size and file count, the stage times `kennis build --verbose` logs, and the
large/small ratios, which should be about large/small (10 for the defaults).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN_CORPUS = os.path.join(HERE, "..", "..", "shared", "bench", "gen_corpus.py")
SITE_YAML = "title: Scale\nbase_url: https://intranet.example.org/\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_tags(root, n):
    write(os.path.join(root, "site.yaml"), SITE_YAML)
    tags = "\n".join(f"  - topic {i:06d}" for i in range(n))
    write(os.path.join(root, "content/posts/many-tags.md"),
          f"---\ntitle: A post with {n} tags\ndate: 2025-03-14\ntags:\n{tags}\n---\n\nOne post, many tags.\n")


def make_section(root, n):
    write(os.path.join(root, "site.yaml"), SITE_YAML)
    write(os.path.join(root, "content/wiki/big/_index.md"), "---\ntitle: Big section\n---\n\nEverything.\n")
    for i in range(n):
        write(os.path.join(root, f"content/wiki/big/page-{i:06d}.md"),
              f"---\ntitle: Page {i:06d}\n---\n\nText of page {i}, see [the next](page-{(i + 1) % n:06d}.md).\n")


def site(keep, shape, n):
    root = os.path.join(keep, f"{shape}-{n}")
    if not os.path.isfile(os.path.join(root, "site.yaml")):
        shutil.rmtree(root, ignore_errors=True)
        if shape == "corpus":
            subprocess.run([sys.executable, GEN_CORPUS, root, "--pages", str(n)], check=True)
        else:
            {"tags": make_tags, "section": make_section}[shape](root, n)
    return root


def disk_usage(path):
    total, files = 0, 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(folder, name)).st_size
            files += 1
    return total, files


def build(kennis, root, output):
    """One build into `output`: wall seconds, peak MiB, output MiB, files, and stage seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen([kennis, "build", "--root", root, "--output", output, "--verbose"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build of {root} failed:\n{err[-3000:]}")
    # The log says when each stage ended; each stage's own time is the difference.
    stages, previous = {}, 0.0
    for m in re.finditer(r"(\w+) done after ([0-9.]+)s", err):
        stages[m.group(1)] = float(m.group(2)) - previous
        previous = float(m.group(2))
    size, files = disk_usage(output)
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "peak": usage.ru_maxrss / 1024, "size": size / 2**20, "files": files, **stages}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kennis", required=True)
    ap.add_argument("--shape", choices=["tags", "section", "corpus"], required=True)
    ap.add_argument("--small", type=int, default=10000)
    ap.add_argument("--large", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", default="/tmp/kennis-scale")
    ap.add_argument("--outputs", help="where the output folders go (default: --keep); /dev/shm takes the disk out")
    a = ap.parse_args()
    kennis = os.path.abspath(a.kennis)
    roots = {n: site(a.keep, a.shape, n) for n in (a.small, a.large)}
    results = {n: [] for n in roots}
    for run in range(a.runs):
        for n, root in roots.items():
            output = os.path.join(a.outputs or a.keep, f"out-{a.shape}-{n}-{run}")
            shutil.rmtree(output, ignore_errors=True)
            results[n].append(build(kennis, root, output))
            shutil.rmtree(output, ignore_errors=True)
            print(f"run {run + 1} n={n}: " + ", ".join(f"{k} {v:.2f}" for k, v in results[n][-1].items()), flush=True)
    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in results.items()}
    print(f"\nshape {a.shape}, medians of {a.runs} alternating runs, fresh output folders; load: {os.getloadavg()}")
    keys = list(med[a.small])
    print("| n | " + " | ".join(keys) + " |")
    for n in roots:
        print(f"| {n} | " + " | ".join(f"{med[n][k]:.2f}" for k in keys) + " |")
    print("| ratio | " + " | ".join(f"{med[a.large][k] / med[a.small][k]:.1f}×" if med[a.small][k] else "-" for k in keys) + " |")


if __name__ == "__main__":
    main()
