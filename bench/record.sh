#!/usr/bin/env bash
# The recorded run for docs/benchmarks.md (issue 20): every figure the speed targets name, in
# one sitting on one machine, one script after another (each takes the shared bench lock):
#   1. bench/run.sh       RUNS=3 WITH_MDBOOK=1, 1,000 and 10,000 lessons: Lectern (with and
#                         without decks), Hugo, mdBook (1,000 only), the floor, edit → browser
#   2. bench/features.sh  N=10000: math, callouts, quizzes and prose lessons vs the same words
#   3. bench/search.sh    1,000 and 10,000 lessons: Lectern's index vs Pagefind
#   4. bench/flame.sh     N=10000: a flame graph of one cold build and where its time goes
#                         (a frame-pointer build of the same commit)
# All three time the same binary (built once here). Writes bench/out/record.md (the three
# reports in order, with the start and end times). Took 11 minutes on 2 cores on 2026-12-04
# (corpora, mdBook and the npm packages already there; the first run adds them).
#
#   bench/record.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$REPO/bench/out
mkdir -p "$OUT"
(cd "$REPO" && cargo build --release --quiet)
BIN=$(mktemp -d)/lectern
cp "${CARGO_TARGET_DIR:-$REPO/target}/release/lectern" "$BIN"
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z "$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]] || COMMIT="$COMMIT+dirty"

# No script deletes old output while the recorded run lasts (KEEP_TRASH=1; the trash under
# BENCH_DIR is emptied once, at the end): deleting tens of thousands of files makes ext4 skip
# the freed inodes for minutes, which added seconds of system time to the next script's
# builds. Nothing should have been deleted in bulk on this disk in the 5 minutes before.
export KEEP_TRASH=1
BENCH_DIR=${BENCH_DIR:-/tmp/lectern-bench}
trap 'rm -rf "$BENCH_DIR/trash"' EXIT
REC=$OUT/record.md
{
    echo "# Recorded run, git $COMMIT"
    echo
    echo "Started $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "## bench/run.sh (RUNS=3 WITH_MDBOOK=1)"
    echo
} >"$REC"
RUNS=3 WITH_MDBOOK=1 "$REPO/bench/run.sh" >>"$REC"
{ echo; echo "## bench/features.sh (N=10000)"; echo; } >>"$REC"
N=10000 LECTERN_BIN=$BIN LECTERN_COMMIT=$COMMIT "$REPO/bench/features.sh" >>"$REC"
{ echo; echo "## bench/search.sh (1,000 and 10,000 lessons)"; echo; } >>"$REC"
SIZES="1000 10000" LECTERN_BIN=$BIN LECTERN_COMMIT=$COMMIT "$REPO/bench/search.sh" >>"$REC"
{ echo; echo "## bench/flame.sh (N=10000)"; echo; } >>"$REC"
N=10000 "$REPO/bench/flame.sh" >>"$REC"
{ echo; echo "Ended $(date -u '+%Y-%m-%d %H:%M UTC')."; } >>"$REC"
rm -rf "$(dirname "$BIN")"
echo "bench: the recorded run is in $REC" >&2
