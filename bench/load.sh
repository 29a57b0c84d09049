#!/usr/bin/env bash
# `lectern serve` under load: wrk on loopback against the bundled sample (the repository root
# is a programme), rotating through the home page, a lesson, a deck, CSS, a search shard and
# an image (bench/load.lua), for DURATION seconds with CONNECTIONS connections.
#
# What it does: builds the release binary (cargo build --release) and copies it aside, copies
# the sample (lectern.yaml, content/, assets/, themes/) to a scratch folder so edits to the
# working tree cannot trigger rebuilds, starts `lectern --root COPY serve --port P`, checks that
# every path answers 200, waits for the machine to be quiet, then runs
#
#   wrk -t THREADS -c CONNECTIONS -d DURATION --timeout 2s --latency -s bench/load.lua URL
#
# and stops the server (SIGINT, as Ctrl-C). Reports requests/s, latency p50/p90/p99/p99.9/max,
# non-2xx responses (counted by the script: wrk itself only counts status > 399), socket errors
# (connect, read, write, timeout = no answer within 2 s), the server's CPU time and peak RSS,
# and the machine's load while measuring. Output: Markdown on stdout and in bench/out/load.md
# (git-ignored); wrk's own output in bench/out/load-wrk.txt. Exits 1 if there was any error or
# non-2xx response.
#
#   bench/load.sh
#   DURATION=60 CONNECTIONS=200 bench/load.sh
#   LECTERN_BIN=path/to/lectern bench/load.sh
#
# Environment: DURATION (s, default 30), CONNECTIONS (default 100), THREADS (wrk threads,
# default 2), BENCH_DIR (default /tmp/lectern-bench), QUIET_PCT/QUIET_WAIT (see common.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-100}
THREADS=${THREADS:-2}
T0=$(date +%s)
for v in DURATION CONNECTIONS THREADS; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done

need_tools wrk:wrk curl:curl python3:python3
lectern_bin load
W=$BENCH_DIR/load
rm -rf "$W" && mkdir -p "$W/site"
cp "$REPO/lectern.yaml" "$W/site/"
for d in content assets themes templates; do
    [[ -d $REPO/$d ]] && cp -a "$REPO/$d" "$W/site/"
done
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT/"
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

log "starting lectern serve on port $PORT"
"$LECTERN" --root "$W/site" serve --port "$PORT" >"$LOG" 2>&1 &
SERVER=$!
for _ in $(seq 300); do
    curl -fsS -o /dev/null "$URL" 2>/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { tail -20 "$LOG" >&2; die "lectern serve exited"; }
    sleep 0.1
done
curl -fsS -o /dev/null "$URL" || die "$URL does not answer after 30 s"
# The paths of bench/load.lua's table: each must be a 200, or the run measures 404s.
PATHS=$(sed -n '/^local paths = {/,/^}/p' "$BENCH/load.lua" | grep -o '"/[^"]*"' | tr -d '"')
for p in $PATHS; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$p")
    [[ $code == 200 ]] || die "$p answers $code on the sample; update bench/load.lua"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
wait_quiet
load_begin
c0=$(cpu_ticks)
log "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s ($(echo "$PATHS" | wc -w) paths)"
set +e
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 2s --latency -s "$BENCH/load.lua" "$URL" \
    >"$RESULTS/load-wrk.txt" 2>&1
WRK_STATUS=$?
set -e
c1=$(cpu_ticks)
load_end "wrk"
SERVER_CPU=$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", t / hz}')
SERVER_RSS=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status")
curl -fsS -o /dev/null "$URL" || die "the server does not answer after the run"
stop_server
((WRK_STATUS == 0)) || { cat "$RESULTS/load-wrk.txt" >&2; die "wrk exited with $WRK_STATUS"; }
ELAPSED=$(($(date +%s) - T0))

TABLE=$(python3 - "$RESULTS/load-wrk.txt" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
line = next((l for l in text.splitlines() if l.startswith("LECTERN_LOAD ")), None)
if line is None:
    sys.exit("no LECTERN_LOAD line in wrk's output:\n" + text)
r = json.loads(line[len("LECTERN_LOAD "):])
lat = r["latency_us"]
e = r["errors"]
errors = sum(e.values())
print("| requests | requests/s | MB/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | non-2xx | socket errors |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print("| %d | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d |" % (
    r["requests"], r["requests_per_s"], r["bytes"] / r["duration_s"] / 1e6,
    lat["p50"] / 1000, lat["p90"] / 1000, lat["p99"] / 1000, lat["p999"] / 1000, lat["max"] / 1000,
    r["non_2xx"], errors))
print()
print("Socket errors by kind: connect %d, read %d, write %d, timeout (no answer in 2 s) %d; "
      "wrk's own count of status > 399: %d." % (e["connect"], e["read"], e["write"], e["timeout"], e["status"]))
if r["non_2xx"] or errors:
    print()
    print("**FAILED**: %d non-2xx responses (statuses:%s), %d socket errors." % (
        r["non_2xx"], r["non_2xx_statuses"] or " –", errors))
PY
)
OK=1
grep -q '\*\*FAILED\*\*' <<<"$TABLE" && OK=0

{
    echo "## \`lectern serve\` under load — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION} s, on loopback against the bundled sample"
    echo "(a copy at $W/site), rotating through: $(echo $PATHS | sed 's/ /, /g')."
    echo
    echo "$TABLE"
    echo
    echo "Server (release build): ${SERVER_CPU} CPU-s during the run, peak RSS ${SERVER_RSS} MiB."
    echo
    echo "Commands:"
    echo
    echo '```'
    echo "$LECTERN --root $W/site serve --port $PORT"
    echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 2s --latency -s bench/load.lua $URL"
    echo '```'
    echo
    echo "wrk's report:"
    echo
    echo '```'
    grep -v '^LECTERN_LOAD ' "$RESULTS/load-wrk.txt"
    echo '```'
    echo
    echo "- Machine: $(machine_info)"
    echo "- Versions: $V_LECTERN; $(wrk --version 2>&1 | sed -n 1p | sed 's/ Copyright.*//')"
    for l in "${LOADS[@]}"; do echo "- Load: $l"; done
    echo "- Script wall time: ${ELAPSED}s"
} >"$RESULTS/load.md"
echo
cat "$RESULTS/load.md"
((OK)) || exit 1
