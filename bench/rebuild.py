#!/usr/bin/env python3
"""Edit -> browser through `lectern serve` (issues 8 and 20).

Starts `lectern --root COPY serve` on a copy of a corpus, waits for the first build, opens
the live-reload WebSocket (/__lectern/ws) as a browser page does, then EDITS times appends
a unique marker paragraph to one lesson (write to a temporary file and rename it over the
lesson, as editors save). Each latency runs from just before the rename to the WebSocket
message that makes the open page reload: the file watcher's debounce, the rebuild, and the
search index refresh (published together with the page) all included. After each message
the page and the search block holding the lesson's text are fetched and must hold the
marker. Then TITLE_EDITS edits of the lesson's title (serve's front-matter fast path) are
timed the same way. The server's own "updated in N ms" lines ("rebuilt in" for a full
rebuild) are the rebuild alone, one per save, in order. Prints JSON on stdout.

    bench/rebuild.py LECTERN CORPUS_DIR WORK_DIR [EDITS [TITLE_EDITS]]
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


class WebSocket:
    """The least of a WebSocket client (RFC 6455) that reads the server's text messages."""

    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (path, port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                sys.exit("the WebSocket handshake failed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            sys.exit("no WebSocket upgrade: %r" % head)

    def exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                sys.exit("the WebSocket closed")
            data += chunk
        return data

    def message(self):
        while True:
            b0, b1 = self.exactly(2)
            n = b1 & 127
            if n == 126:
                n = int.from_bytes(self.exactly(2), "big")
            elif n == 127:
                n = int.from_bytes(self.exactly(8), "big")
            payload = self.exactly(n)
            if b0 & 15 == 1:
                return payload.decode("utf-8", "replace")


def save(path, text):
    """Write a temporary file and rename it over `path`; the time just before the rename."""
    tmp = path + ".bench~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    t0 = time.monotonic()
    os.rename(tmp, path)
    return t0


def until_reload(ws, t0):
    while True:
        m = ws.message()
        kind = json.loads(m).get("type")
        if kind == "reload":
            return time.monotonic() - t0
        if kind == "error":
            sys.exit("the edit failed: %s" % m)


def summary(xs):
    xs = sorted(xs)
    return {"median_s": statistics.median(xs), "min_s": xs[0], "max_s": xs[-1]} if xs else {}


def main():
    lectern, corpus, work = sys.argv[1:4]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    title_edits = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    site = os.path.join(work, "site")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(corpus, site)
    lessons = os.path.join(site, "content", "lessons")
    module = sorted(d for d in os.listdir(lessons) if not d.startswith((".", "_")))[0]
    name = sorted(f for f in os.listdir(os.path.join(lessons, module)) if f.endswith(".md") and not f.startswith("_"))[0]
    path = os.path.join(lessons, module, name)
    port = free_port()
    url = "http://127.0.0.1:%d/lessons/%s/%s" % (port, urllib.parse.quote(module), urllib.parse.quote(name[:-3] + ".html"))
    log = open(os.path.join(work, "serve.log"), "w")
    started = time.monotonic()
    server = subprocess.Popen([lectern, "--root", site, "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        while get(url) is None:
            if server.poll() is not None:
                sys.exit("lectern serve exited; see %s" % log.name)
            if time.monotonic() - started > 300:
                sys.exit("no answer from %s after 300 s" % url)
            time.sleep(0.05)
        first_build = time.monotonic() - started
        original = open(path, encoding="utf-8").read()
        base = "http://127.0.0.1:%d/" % port
        # The search blocks that hold this lesson's text (found once: they keep their numbers
        # while the lesson keeps its sections).
        lesson_url = url[len(base):]
        blocks = []
        for n in range(100000):
            block = get("%ssearch/d-%d.js" % (base, n))
            if block is None:
                break
            if lesson_url in block or (blocks and n == blocks[-1] + 1):
                blocks.append(n)
                if len(blocks) >= 4:
                    break
        ws = WebSocket(port, "/__lectern/ws")
        ws.message()  # the current state
        latencies = []
        for i in range(edits):
            time.sleep(0.5)
            marker = "REBUILDMARK%d%d" % (i, time.time_ns())
            t0 = save(path, original + "\n\n" + marker + "\n")
            latencies.append(until_reload(ws, t0))
            if marker not in (get(url) or ""):
                sys.exit("edit %d: the page does not have the marker after the reload message" % i)
            if not any(marker in (get("%ssearch/d-%d.js" % (base, n)) or "") for n in blocks):
                sys.exit("edit %d: search does not have the marker after the reload message" % i)
        titles = []
        for i in range(title_edits):
            time.sleep(0.5)
            front_end = original.find("\n---", 3)
            if not original.startswith("---") or "\ntitle:" not in original[:front_end]:
                break
            text = re.sub(r"(?m)^title:.*$", lambda m: "title: \"改过的标题 %d\"" % i, original, count=1)
            t0 = save(path, text)
            titles.append(until_reload(ws, t0))
        save(path, original)
        until_reload(ws, time.monotonic())
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    text = open(log.name, encoding="utf-8").read()
    server_ms = [float(m) for m in re.findall(r"updated in ([0-9.]+) ?ms", text)]
    rebuilt_ms = [float(m) for m in re.findall(r"rebuilt in ([0-9.]+) ?ms", text)]
    # One line per save, in order: the body edits, then the title edits.
    each_save = re.findall(r"(updated|rebuilt) in ([0-9.]+) ?ms", text)
    title_lines = each_save[edits:edits + len(titles)]
    out = {
        "lesson": "%s/%s" % (module, name),
        "first_build_s": first_build,
        "edits": edits,
        "server_update_ms": server_ms,
        "title_edits": len(titles),
        "title": summary(titles),
        "title_server_ms": [float(ms) for _, ms in title_lines],
        "title_fast_path": all(kind == "updated" for kind, _ in title_lines),
        "server_rebuild_ms": rebuilt_ms,
    }
    out.update(summary(latencies))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
