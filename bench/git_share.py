#!/usr/bin/env python3
"""The git step's share of a build: builds of one site with and without its history, alternating.

    git_share.py --kennis target/release/kennis --root SITE [--runs 5]

SITE is a site that is a git repository, e.g. one made by
`../shared/bench/gen_corpus.py SITE --pages 10000 --git` followed by `git -C SITE gc`.
Each round runs `kennis build --verbose` twice into the same output folder: once as is,
and once with SITE/.git renamed aside (put back at once, also on failure), so that the
build reads no history. Prints per run the git step (`git history read in`), the end of
loading and the whole build, then the medians and what the history adds to the build.
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time


def build(kennis, root, output):
    started = time.monotonic()
    done = subprocess.run(
        [kennis, "build", "--root", root, "--output", output, "--verbose"],
        capture_output=True, text=True, check=True,
    )
    wall = time.monotonic() - started
    git = re.search(r"git history read in ([0-9.]+)s", done.stderr)
    load = re.search(r"load done after ([0-9.]+)s", done.stderr)
    return {
        "git": float(git.group(1)) if git else None,
        "load": float(load.group(1)) if load else None,
        "wall": wall,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kennis", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    kennis, root = os.path.abspath(a.kennis), os.path.abspath(a.root)
    dot_git = os.path.join(root, ".git")
    aside = os.path.join(root, ".git-aside-for-git-share")
    if not os.path.isdir(dot_git):
        raise SystemExit(f"{root} is not the root of a git repository")
    output = tempfile.mkdtemp(prefix="git-share-")
    with_git, without_git = [], []
    for run in range(a.runs):
        with_git.append(build(kennis, root, f"{output}/with"))
        os.rename(dot_git, aside)
        try:
            without_git.append(build(kennis, root, f"{output}/without"))
        finally:
            os.rename(aside, dot_git)
        w, wo = with_git[-1], without_git[-1]
        print(f"run {run + 1}: git step {w['git']:.3f} s, load {w['load']:.3f} s, build {w['wall']:.2f} s"
              f" | without history: load {wo['load']:.3f} s, build {wo['wall']:.2f} s")
    med = statistics.median
    git, build_with, build_without = (med(r["git"] for r in with_git), med(r["wall"] for r in with_git),
                                      med(r["wall"] for r in without_git))
    print(f"median git step {git:.3f} s = {100 * git / build_with:.0f} % of the build ({build_with:.2f} s);"
          f" without history the build takes {build_without:.2f} s, so the history adds"
          f" {build_with - build_without:.2f} s ({100 * (build_with - build_without) / build_with:.0f} %)")


if __name__ == "__main__":
    main()
