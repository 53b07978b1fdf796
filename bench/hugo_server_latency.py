#!/usr/bin/env python3
"""Save-to-visible latency of Hugo's server on the same pages, measured as
bench/serve_latency.py measures `kennis serve`: write a post's Markdown with a new word,
fetch its page over HTTP until the word is there.

    python3 bench/hugo_server_latency.py CORPUS WORK_DIR EDITS [--gap=SECONDS]

CORPUS is a `gen_corpus.py --format hugo` site, copied to WORK_DIR (deleted at the end).
Hugo serves from memory in its fast-render mode (its defaults), which renders first the
pages a browser has visited: the page is fetched once before the first edit."""
import shutil, socket, subprocess, sys, time
from latency import http_get, middle_post, summary, timed_saves

corpus, work, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
gap = float(next((a.split("=")[1] for a in sys.argv[4:] if a.startswith("--gap=")), "0.4"))
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(corpus, work, symlinks=True)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
started = time.monotonic()
proc = subprocess.Popen(
    ["hugo", "server", "--source", work, "--port", str(port), "--bind", "127.0.0.1", "--baseURL", f"http://127.0.0.1:{port}/"],
    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
)
import atexit
atexit.register(lambda: proc.poll() is None and proc.kill())
while True:
    line = proc.stdout.readline()
    if not line:
        sys.exit("hugo exited before serving")
    if "Web Server is available" in line:
        break
wall_ready = time.monotonic() - started
import threading
threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()

def get(path):
    return http_get("127.0.0.1", port, path)

path, original, page = middle_post(work)
assert " 200 " in get(page).split("\r\n")[0], get(page)[:300]
times = timed_saves(path, original, edits, gap, lambda word: word in get(page))
proc.send_signal(2)
proc.wait(timeout=60)
shutil.rmtree(work)
print(f"{corpus} hugo server gap={gap}s: wall to ready {wall_ready:.2f}s")
print(f"  save->visible ms over {edits} edits: {summary(times)}")
