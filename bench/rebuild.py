#!/usr/bin/env python3
"""Rebuild after touching one lesson, the path `lectern serve` takes (issue 8).

Starts `lectern --root COPY serve` on a copy of a corpus, waits for the first build, then
EDITS times appends a unique marker paragraph to one lesson (write to a temporary file and
rename it over the lesson, as editors save) and polls the lesson's page over HTTP every 5 ms
until the marker is served. Each latency runs from just before the rename to the first
response that holds the marker, so it includes the file watcher's 200 ms debounce; the
server's own "updated in N ms" lines are the rebuild alone. Prints JSON on stdout.

    bench/rebuild.py LECTERN CORPUS_DIR WORK_DIR [EDITS]
"""
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


def main():
    lectern, corpus, work = sys.argv[1:4]
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 10
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
        latencies = []
        for i in range(edits):
            time.sleep(1.0)  # let the previous edit's search index refresh finish
            marker = "REBUILD-MARK-%d-%d" % (i, time.time_ns())
            tmp = path + ".bench~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(original + "\n\n" + marker + "\n")
            t0 = time.monotonic()
            os.rename(tmp, path)
            while True:
                body = get(url)
                if body and marker in body:
                    break
                if time.monotonic() - t0 > 60:
                    sys.exit("edit %d never reached the page" % i)
                time.sleep(0.005)
            latencies.append(time.monotonic() - t0)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(1.0)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    server_ms = [float(m) for m in re.findall(r"updated in ([0-9.]+) ?ms", open(log.name, encoding="utf-8").read())]
    latencies.sort()
    print(json.dumps({
        "lesson": "%s/%s" % (module, name),
        "first_build_s": first_build,
        "edits": edits,
        "median_s": statistics.median(latencies),
        "max_s": latencies[-1],
        "min_s": latencies[0],
        "server_update_ms": server_ms,
    }))


if __name__ == "__main__":
    main()
