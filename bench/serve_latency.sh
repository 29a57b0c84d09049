#!/usr/bin/env bash
# Live-reload latency of `lectern serve`: from saving a lesson's Markdown to the open page in
# headless Chromium showing the edit, on a copy of the 1,000-lesson shared corpus
# (../shared/bench/gen_corpus.py).
#
# What it does: copies the corpus to a scratch folder, starts
# `lectern --root COPY serve --port P`, waits until the lesson page answers, then runs
# bench/serve_latency.mjs (puppeteer-core driving /usr/bin/chromium): the page stays open and
# the lesson's .md file is edited EDITS times (default 20), ~GAP ms apart (default 1000).
# Each edit appends a unique marker paragraph to the original text, alternately by writing a
# temporary file and renaming it over the lesson (as many editors save) and by writing in place;
# the latency is from just before the write until the page's DOM contains the marker (the page
# reloads itself through the WebSocket script the server injects). Reports median, p95, min and
# max in ms (all edits, and per way of saving), and the server's own `rebuilt in N ms` /
# `updated in N ms` lines.
# The server is stopped (SIGINT, as Ctrl-C) at the end. Output: Markdown on stdout and in
# bench/out/serve.md (git-ignored); raw data in bench/out/serve.json.
#
#   bench/serve_latency.sh
#   EDITS=40 N=10000 bench/serve_latency.sh
#   LECTERN_BIN=path/to/lectern bench/serve_latency.sh
#
# Environment: N (corpus size, default 1000), EDITS, GAP (ms), LESSON (MODULE/LESSON; default
# the first lesson), BENCH_DIR (default /tmp/lectern-bench), CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${N:-1000}
EDITS=${EDITS:-20}
GAP=${GAP:-1000}
T0=$(date +%s)

need_tools python3:python3 curl:curl
need_npm
lectern_bin serve
SRC=$(corpus "$N" lectern)
W=$BENCH_DIR/serve
rm -rf "$W" && mkdir -p "$W"
cp -a "$SRC" "$W/site"
LESSONS=$W/site/content/lessons
LESSON=${LESSON:-$(cd "$LESSONS" && find . -mindepth 2 -maxdepth 2 -name '*.md' ! -name '_*' | sed 's|^\./||; s|\.md$||' | sort | sed -n 1p)}
[[ -f $LESSONS/$LESSON.md ]] || die "no lesson $LESSON in $LESSONS"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT/lessons/$LESSON.html"
LOG=$W/serve.log

SERVER=
stop_server() {
    [[ -n $SERVER ]] || return 0
    kill -INT "$SERVER" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=
}
trap stop_server EXIT

wait_quiet
load_begin
log "starting lectern serve on port $PORT (N=$N)"
t_start=$(date +%s.%N)
"$LECTERN" --root "$W/site" serve --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
for _ in $(seq 600); do
    curl -fsS -o /dev/null "$URL" 2>/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { tail -20 "$LOG" >&2; die "lectern serve exited"; }
    sleep 0.1
done
curl -fsS -o /dev/null "$URL" || die "$URL does not answer after 60 s"
STARTUP=$(awk -v a="$(date +%s.%N)" -v b="$t_start" 'BEGIN {printf "%.2f", a - b}')
log "serving after ${STARTUP}s; $EDITS edits of $LESSON"
node "$BENCH/serve_latency.mjs" --url "$URL" --file "$LESSONS/$LESSON.md" --edits "$EDITS" --gap "$GAP" \
    --chromium "$CHROMIUM" --out "$RESULTS/serve.json"
sleep 1   # let the rebuild after restoring the file finish before stopping
stop_server
load_end "serve latency"
cp "$LOG" "$RESULTS/serve.log"
ELAPSED=$(($(date +%s) - T0))

TABLE=$(python3 - "$RESULTS/serve.json" "$LOG" "$EDITS" <<'PY'
import json, math, re, statistics, sys
d = json.load(open(sys.argv[1]))
log = open(sys.argv[2], encoding="utf-8", errors="replace").read()
edits = int(sys.argv[3])
rows = d["results"]

def pct(xs, q):  # nearest-rank percentile
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, math.ceil(round(q * len(xs), 6)) - 1))]

def line(label, xs, n):
    if not xs:
        return "| %s | 0 of %d | – | – | – | – | – |" % (label, n)
    return "| %s | %d of %d | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
        label, len(xs), n, statistics.median(xs), pct(xs, 0.95), min(xs), max(xs), statistics.mean(xs))

ok = [r for r in rows if r["ok"]]
print("| edits | seen | median ms | p95 ms | min ms | max ms | mean ms |")
print("|---|---:|---:|---:|---:|---:|---:|")
print(line("all", [r["ms"] for r in ok], len(rows)))
for mode in ("rename", "in-place"):
    print(line("temp file + rename" if mode == "rename" else "write in place",
               [r["ms"] for r in ok if r["mode"] == mode], sum(r["mode"] == mode for r in rows)))
page = [r["pageMs"] for r in ok if r["pageMs"] is not None]
if page:
    print(line("all, page-side clock", page, len(rows)))
# The server's own lines: `rebuilt in N ms` (full rebuild) or `updated in N ms` (fast path for
# one lesson's body). The last one is the rebuild after the file was restored at the end.
server = re.findall(r"^(rebuilt|updated) in (\d+) ms", log, re.M)[:len(rows)]
for kind in ("updated", "rebuilt"):
    xs = [int(ms) for k, ms in server if k == kind]
    if xs:
        print("| server: `%s in N ms` | %d lines | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
            kind, len(xs), statistics.median(xs), pct(xs, 0.95), min(xs), max(xs), statistics.mean(xs)))
print()
nav = [r["navigations"] for r in ok]
diff = [abs(r["ms"] - r["pageMs"]) for r in ok if r["pageMs"] is not None]
print("- Page navigations per edit: %s (1 = a full reload)." % ", ".join(str(x) for x in sorted(set(nav))))
print("- WebSocket connected before the first edit: %s. Rows other than \"page-side clock\" are timed in Node when the" % (
    "yes" if d["connected"] else "NO"))
print("  page's report arrives (an upper bound); the page-side row uses performance.timeOrigin + now() in the page")
print("  against the same wall clock in Node (differences: median %.1f ms, max %.1f ms)." % (
    statistics.median(diff) if diff else float("nan"), max(diff) if diff else float("nan")))
print("- Timed-out edits: %d. Per edit (ms): %s" % (len(rows) - len(ok),
      ", ".join(("%.0f" % r["ms"] if r["ok"] else "timeout") + ("ʳ" if r["mode"] == "rename" else "") for r in rows)))
print("  (ʳ = temp file + rename)")
PY
)

{
    echo "## Live reload: \`lectern serve\` edit-to-page latency — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Corpus: $N lessons (seed $SEED), a copy at $W/site; lesson \`$LESSON\`; $EDITS edits, ${GAP} ms apart."
    echo "Server up (initial build, first answer on the lesson URL) after ${STARTUP} s."
    echo
    echo "$TABLE"
    echo
    echo "Commands:"
    echo
    echo '```'
    echo "$LECTERN --root $W/site serve --port $PORT"
    echo "node bench/serve_latency.mjs --url $URL --file $LESSONS/$LESSON.md --edits $EDITS --gap $GAP --chromium $CHROMIUM"
    echo '```'
    echo
    echo "- Machine: $(machine_info)"
    echo "- Versions: $V_LECTERN; puppeteer-core $(npm_version puppeteer-core); $("$CHROMIUM" --version 2>/dev/null | sed -n 1p); node $(node --version)"
    for l in "${LOADS[@]}"; do echo "- Load: $l"; done
    echo "- Script wall time: ${ELAPSED}s"
} >"$RESULTS/serve.md"
echo
cat "$RESULTS/serve.md"
