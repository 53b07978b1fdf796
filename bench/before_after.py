#!/usr/bin/env python3
"""Two kennis binaries (before and after a change) and Hugo on the same corpus, in turn.

    before_after.py --before OLD --after NEW [--pages 10000] [--runs 3] [--keep DIR]

For each run: old kennis, new kennis and Hugo each build once into the folder they
built into last time (the repeated build, where kennis reuses its previous output), then
once more each into a new, empty folder (a CI build). The corpora are compare.py's under
--keep (made by gen_corpus.py when missing). Prints medians of wall seconds and peak
memory for each tool and mode, and the ratios after/before and after/Hugo.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")
sys.path.insert(0, SHARED)
import compare  # noqa: E402  (compare.py's run(), corpus() and hugo_binary())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "kennis-bench"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    a = ap.parse_args()
    k_site, h_site = compare.corpus(a.keep, a.pages, "kennis"), compare.corpus(a.keep, a.pages, "hugo")
    outputs = tempfile.mkdtemp(prefix="before-after-", dir=a.keep)
    tools = {
        "before": lambda out: [os.path.abspath(a.before), "build", "--root", k_site, "--output", out],
        "after": lambda out: [os.path.abspath(a.after), "build", "--root", k_site, "--output", out],
        "hugo": lambda out: [compare.hugo_binary(a.hugo), "--quiet", "-s", h_site, "-d", out],
    }
    times = {(tool, mode): [] for tool in tools for mode in ("repeated", "fresh")}
    try:
        for tool, command in tools.items():  # a first build to repeat, not timed
            compare.run(command(f"{outputs}/{tool}-repeated"))
        for i in range(a.runs):
            for tool, command in tools.items():
                times[(tool, "repeated")].append(compare.run(command(f"{outputs}/{tool}-repeated")))
            for tool, command in tools.items():
                times[(tool, "fresh")].append(compare.run(command(f"{outputs}/{tool}-fresh-{i}")))
    finally:
        shutil.rmtree(outputs, ignore_errors=True)
    med = statistics.median
    print(f"{a.pages} pages, {a.runs} runs, medians")
    print("| output folder | kennis before | kennis after | Hugo | after/before | after/Hugo |")
    print("|---|---|---|---|---|---|")
    for mode in ("repeated", "fresh"):
        cell = {}
        for tool in tools:
            rows = times[(tool, mode)]
            cell[tool] = (med(r[0] for r in rows), med(r[1] for r in rows))
        (bw, bm), (aw, am), (hw, hm) = cell["before"], cell["after"], cell["hugo"]
        print(
            f"| {mode} | {bw:.2f} s, {bm:.0f} MiB | {aw:.2f} s, {am:.0f} MiB | {hw:.2f} s, {hm:.0f} MiB "
            f"| {aw / bw:.3f} wall, {am / bm:.3f} memory | {aw / hw:.3f} wall |"
        )


if __name__ == "__main__":
    main()
