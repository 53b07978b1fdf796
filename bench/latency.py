"""What the save-to-visible scripts share: a plain HTTP GET, the post they edit, the timed
series of saves and the summary line (serve_latency.py, serve_browser_latency.py,
hugo_server_latency.py)."""
import os, re, socket, statistics, sys, time


def http_get(host, port, path, host_header=None):
    """The whole response to GET `path`, as text."""
    with socket.create_connection((host, int(port))) as s:
        name = host_header or f"{host}:{port}"
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {name}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def middle_post(work):
    """The post in the middle of `content/posts/`: its file, its text and its page's path."""
    posts = sorted(p for p in os.listdir(os.path.join(work, "content/posts")) if p.endswith(".md"))
    post = posts[len(posts) // 2]
    path = os.path.join(work, "content/posts", post)
    return path, open(path).read(), "/posts/" + re.sub(r"[.]md$", "", post) + "/"


def with_word(original, word, change):
    """The post with a new word: in its body (`body`), or as a new first tag (`tag`: the
    tag's page and every list of the tag's posts change too)."""
    if change == "tag":
        assert "tags: [" in original, "the post has a tags list"
        return original.replace("tags: [", f"tags: [{word}, ", 1)
    return original.replace("\n\n", f"\n\n{word} ", 1)


def change_of(argv):
    """`--change=body` (the default) or `--change=tag` among the options."""
    return next((a.split("=")[1] for a in argv if a.startswith("--change=")), "body")


def timed_saves(path, original, edits, gap, shows, give_up=60, change="body"):
    """Saves `path` `edits` times, each with a new word, and times until `shows(word)`."""
    times = []
    for n in range(edits):
        word = f"zebrafinch{n}x{os.getpid()}"
        t0 = time.monotonic()
        with open(path, "w") as f:
            f.write(with_word(original, word, change))
        while not shows(word):
            time.sleep(0.002)
            if time.monotonic() - t0 > give_up:
                sys.exit(f"edit {n} never showed")
        times.append((time.monotonic() - t0) * 1000)
        time.sleep(gap)
    return sorted(times)


def summary(times):
    return (f"median {statistics.median(times):.0f}, min {times[0]:.0f}, max {times[-1]:.0f}; "
            f"all {[round(t) for t in times]}")
