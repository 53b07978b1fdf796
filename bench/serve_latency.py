#!/usr/bin/env python3
"""Save-to-visible latency of `kennis serve` through the real binary: write a post's
Markdown with a new word, fetch its page over HTTP until the word is there.

    python3 bench/serve_latency.py BINARY CORPUS WORK_DIR EDITS [--open-page] [--gap=SECONDS] [--change=body|tag] [--poll]

CORPUS is copied to WORK_DIR (deleted at the end). With --open-page a long poll names the
page, as the browser's live script does, so the server renders it first. --gap is the
pause between a save showing and the next save (0.4 s: someone saving as they type)."""
import os, re, shutil, subprocess, sys, time
from latency import change_of, http_get, middle_post, summary, timed_saves

binary, corpus, work, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
poll = "--poll" in sys.argv[5:]
open_page = "--open-page" in sys.argv[5:]
gap = float(next((a.split("=")[1] for a in sys.argv[5:] if a.startswith("--gap=")), "0.4"))
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(corpus, work, symlinks=True)
args = [binary, "serve", "--root", work, "--port", "0"] + (["--poll"] if poll else [])
started = time.monotonic()
proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
import atexit
atexit.register(lambda: proc.poll() is None and proc.kill())
ready = None
while True:
    line = proc.stderr.readline()
    if not line:
        sys.exit("exited before serving")
    if line.startswith("serving "):
        ready = line.strip()
        break
wall_ready = time.monotonic() - started
address = re.search(r"http://([^/]+)/", ready).group(1)
host, port = address.rsplit(":", 1)

def get(path):
    return http_get(host, port, path, address)

path, original, page = middle_post(work)
slug = page.strip("/").split("/")[-1]
assert " 200 " in get(page).split("\r\n")[0], get(page)[:200]
# As live.js does: a long poll naming the page, so the engine renders it first.
import json, threading
stopping = False
def keep_open():
    reply = json.loads(get("/__kennis/news?v=0&wait=0").split("\r\n\r\n", 1)[1])
    run, version = reply["run"], reply["version"]
    while not stopping:
        text = get(f"/__kennis/news?v={version}&run={run}&page=posts/{slug}/index.html")
        version = json.loads(text.split("\r\n\r\n", 1)[1])["version"]
if open_page:
    threading.Thread(target=keep_open, daemon=True).start()
    time.sleep(1)
times = timed_saves(path, original, edits, gap, lambda word: word in get(page), give_up=30, change=change_of(sys.argv[5:]))
stat = open(f"/proc/{proc.pid}/stat").read().split(")")[1].split()
ticks = os.sysconf("SC_CLK_TCK")
user, system = int(stat[11]) / ticks, int(stat[12]) / ticks
proc.send_signal(2)
proc.wait(timeout=60)
shutil.rmtree(work)
stopping = True
print(f"{corpus} poll={poll} open_page={open_page} gap={gap}s: ready line {ready!r}; wall to ready {wall_ready:.2f}s")
print(f"  save->visible ms over {edits} edits: {summary(times)}")
print(f"  server CPU over the whole run: user {user:.2f}s system {system:.2f}s; exit {proc.returncode}")
