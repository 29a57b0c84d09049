#!/usr/bin/env python3
"""CPU used by processes outside a benchmark's process tree, while the benchmark measures.

    python3 bench/loadmon.py ROOT_PID OUT_FILE &   ...   kill -TERM $!; wait $!

Samples /proc every 0.25 s and adds up each process's user+system time between samples,
splitting it by whether the process descends from ROOT_PID (the benchmark script; Chromium's
renderers, which /proc/<pid>/stat cutime would miss once their parent is gone, count as
ours while they run). On SIGTERM writes one line to OUT_FILE:

    <other CPU-s> <our CPU-s> <wall s> <top other commands>

Processes that start and end between two samples are missed (on either side); the numbers
say whether the machine was shared while measuring, not more. Standard library only.
"""
import os
import signal
import sys
import time

root, out = int(sys.argv[1]), sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")


def sample():
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d, "rb") as f:
                s = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        f = s[s.rindex(")") + 2:].split()
        # after the comm: state ppid ... utime(12) stime(13) ... starttime(20), 0-based from state
        procs[int(d)] = (int(f[1]), int(f[11]) + int(f[12]), int(f[19]), comm)
    return procs


def ours(pid, procs):
    seen = 0
    while pid > 1 and seen < 64:
        if pid == root:
            return True
        pid = procs.get(pid, (0,))[0]
        seen += 1
    return pid == root


stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
t0 = time.monotonic()
prev = sample()
other = mine = 0
by_comm = {}
while not stop:
    time.sleep(0.25)
    cur = sample()
    for pid, (ppid, ticks, start, comm) in cur.items():
        p = prev.get(pid)
        delta = ticks - p[1] if p and p[2] == start else ticks
        if delta <= 0:
            continue
        if ours(pid, cur):
            mine += delta
        else:
            other += delta
            by_comm[comm] = by_comm.get(comm, 0) + delta
    prev = cur
wall = time.monotonic() - t0
top = sorted(by_comm.items(), key=lambda kv: -kv[1])[:3]
with open(out, "w") as f:
    f.write("%.1f %.1f %.1f %s\n" % (other / hz, mine / hz, wall,
                                      ", ".join("%s %.0f s" % (c, t / hz) for c, t in top if t / hz >= 1) or "-"))
