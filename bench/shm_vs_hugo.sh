#!/usr/bin/env bash
# The whole build against Hugo's on the same pages, both writing into /dev/shm (memory, so
# the disk's moods stay out of it), alternating kennis and Hugo run by run.
#
#     bench/shm_vs_hugo.sh target/release/kennis [RUNS] [CORPORA]
#
# CORPORA holds kennis-1000, kennis-10000, hugo-1000 and hugo-10000, made by
# ../shared/bench/gen_corpus.py (default /tmp/kb). "fresh" removes both output folders
# (and kennis's spare) before every run, as a CI build starts; "repeated" keeps them.
# Prints wall, user and system seconds and peak memory per run, and the wall-time ratio.
set -euo pipefail
bin=$1
runs=${2:-4}
corpora=${3:-/tmp/kb}
format='%e s %U u %S s %M KB'
timing=$(mktemp)
trap 'rm -rf "$timing" /dev/shm/bench-k /dev/shm/.bench-k.kennis-old /dev/shm/bench-h' EXIT
timed() { /usr/bin/time -o "$timing" -f "$format" "$@" >/dev/null 2>&1; cat "$timing"; }
pair() {
  local label=$1 pages=$2 kennis hugo
  kennis=$(timed "$bin" build --root "$corpora/kennis-$pages" --output /dev/shm/bench-k)
  hugo=$(cd "$corpora/hugo-$pages" && timed hugo --quiet -d /dev/shm/bench-h)
  echo "$label $pages kennis: $kennis | hugo: $hugo | ratio $(python3 -c "print(round(${kennis%% s*} / ${hugo%% s*}, 3))")"
}
for pages in 10000 1000; do
  for _ in $(seq "$runs"); do
    rm -rf /dev/shm/bench-k /dev/shm/.bench-k.kennis-old /dev/shm/bench-h
    pair fresh "$pages"
  done
done
for _ in $(seq "$runs"); do pair repeated 10000; done
