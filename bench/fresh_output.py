#!/usr/bin/env python3
"""Like ../shared/bench/compare.py, but every build writes into a new, empty output folder.

    fresh_output.py --kennis target/release/kennis [--pages 10000] [--runs 3] [--keep DIR]

compare.py builds into the same output folder each time, where kennis reuses its previous
output and skips unchanged files. This measures the other case: both tools create every
file. Runs alternate kennis, hugo, ...; the corpora are the ones compare.py keeps under
--keep (made by gen_corpus.py when missing). The new folders are deleted at the end, after
timing. Prints medians of wall seconds and peak memory and the median pairwise ratio.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")
sys.path.insert(0, SHARED)
import compare  # noqa: E402  (compare.py's run(), corpus() and hugo_binary())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kennis", required=True)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "kennis-bench"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    a = ap.parse_args()
    k_site, h_site = compare.corpus(a.keep, a.pages, "kennis"), compare.corpus(a.keep, a.pages, "hugo")
    outputs = tempfile.mkdtemp(prefix="fresh-", dir=a.keep)
    rows = []
    for i in range(a.runs):
        k = compare.run([os.path.abspath(a.kennis), "build", "--root", k_site, "--output", f"{outputs}/k{i}"])
        h = compare.run([compare.hugo_binary(a.hugo), "--quiet", "-s", h_site, "-d", f"{outputs}/h{i}"])
        rows.append((k, h))
    med = statistics.median
    kw, hw = [r[0][0] for r in rows], [r[1][0] for r in rows]
    print(f"fresh output folders, pages={a.pages} runs={a.runs}")
    print(f"kennis wall s median {med(kw):.3f} (min {min(kw):.3f} max {max(kw):.3f}), peak MiB {med([r[0][1] for r in rows]):.0f}")
    print(f"hugo   wall s median {med(hw):.3f} (min {min(hw):.3f} max {max(hw):.3f}), peak MiB {med([r[1][1] for r in rows]):.0f}")
    print(f"wall ratio kennis/hugo {med([k / h for k, h in zip(kw, hw)]):.3f}", flush=True)
    shutil.rmtree(outputs, ignore_errors=True)


if __name__ == "__main__":
    main()
