#!/usr/bin/env python3
"""Save to new text in a real browser tab with `kennis serve`: headless Chromium (through
Selenium and chromedriver) shows a post; the Markdown gets a new word; the script polls the
tab's text until the word is there, so the figure includes the live script's reload and
the page being drawn again.

    pip install selenium    # needs chromium and chromium-driver
    python3 bench/serve_browser_latency.py BINARY CORPUS WORK_DIR EDITS [--gap=SECONDS] [--change=body|tag]

CORPUS is copied to WORK_DIR (deleted at the end)."""
import re, shutil, subprocess, sys, time
from latency import change_of, middle_post, summary, timed_saves
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

binary, corpus, work, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
gap = float(next((a.split("=")[1] for a in sys.argv[5:] if a.startswith("--gap=")), "1"))
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(corpus, work, symlinks=True)
proc = subprocess.Popen([binary, "serve", "--root", work, "--port", "0"], stderr=subprocess.PIPE, text=True)
import atexit
atexit.register(lambda: proc.poll() is None and proc.kill())
while True:
    line = proc.stderr.readline()
    if not line:
        sys.exit("exited before serving")
    if line.startswith("serving "):
        break
url = re.search(r"(http://\S+/)", line).group(1)
options = webdriver.ChromeOptions()
for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
atexit.register(browser.quit)
path, original, page = middle_post(work)
browser.get(url + page.lstrip("/"))
time.sleep(1.5)
def shows(word):
    try:
        return browser.execute_script(
            "return document.body ? document.body.innerText.indexOf(arguments[0]) >= 0 : false", word)
    except Exception:
        return False  # the page is being replaced


times = timed_saves(path, original, edits, gap, shows, give_up=30, change=change_of(sys.argv[5:]))
proc.send_signal(2)
proc.wait(timeout=60)
shutil.rmtree(work)
print(f"{corpus} gap={gap}s: save -> text in the browser tab, ms over {edits} edits: {summary(times)}")
