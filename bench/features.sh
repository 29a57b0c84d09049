#!/usr/bin/env bash
# Features benchmark (issue 20, point 4): `lectern build` of the shared corpus with the
# authoring features it lacks — math, callouts, quizzes, and prose lessons without slide
# breaks — against the same corpus with the same words but none of those features. The
# target at 10,000 lessons is within 1.15× (wall and CPU).
#
# Both copies start from the shared corpus (../shared/bench/gen_corpus.py, seed 42, as
# bench/run.sh; the generator stays as it is). To every lesson bench/features.py appends a
# section with one inline and one display formula, a callout (`> [!TIP]` or `> [!WARNING]`)
# and a quiz (`> [!QUIZ]`, single or multiple choice); every third lesson loses its slide
# breaks (one long prose page, whose deck continues on as many slides as it needs). The
# plain copy gets the same words as plain paragraphs and lists, and keeps its slide breaks.
# Measured with hyperfine (RUNS timed runs after WARMUP; before each, the output folder is
# moved into a trash folder emptied at the end, as bench/run.sh does, because deleting
# 30,000 files slows the next build's file creation on ext4):
# the whole build, site + decks + search. Markdown on stdout and in bench/out/features.md.
#
#   bench/features.sh                           # N=10000 RUNS=3 WARMUP=1
#   N=1000 RUNS=2 bench/features.sh             # a smoke run
#   LECTERN_BIN=target/release/lectern bench/features.sh   # skip cargo build, time this binary
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${N:-10000}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
need_tools hyperfine:hyperfine python3:python3
lectern_bin features
BASE=$(corpus "$N" lectern)
W=$BENCH_DIR/features/$N
discard "$W" && mkdir -p "$W"
cp -r "$BASE" "$W/plain"
cp -r "$BASE" "$W/features"
python3 "$BENCH/features.py" "$W/plain" plain
python3 "$BENCH/features.py" "$W/features" features

# Both copies must build without errors; the features copy must show every feature.
for copy in plain features; do
    "$LECTERN" --root "$W/$copy" build --out "$W/check-$copy" >"$W/check-$copy.log" 2>&1 ||
        die "the $copy corpus failed (log: $W/check-$copy.log)"
done
! grep -q "formula not converted" "$W/check-features.log" || die "formulas that did not convert (log: $W/check-features.log)"
count() { cat "$W"/check-features/lessons/*/*.html | grep -o "$1" | wc -l; }
MATHS=$(count "<math") CALLOUTS=$(count 'class="callout ') QUIZZES=$(count 'class="quiz"')
log "features copy: $MATHS formulas, $CALLOUTS callouts, $QUIZZES quizzes"
((MATHS > 0 && CALLOUTS > 0 && QUIZZES > 0)) || die "a feature did not render (see $W/check-features)"
discard "$W"/check-*/

wait_quiet
load_begin
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" --export-json "$RESULTS/features-$N.json" \
    --prepare "if [ -e $W/out ]; then mv $W/out \$(mktemp -d -p $BENCH_TRASH); fi" \
    -n plain "$LECTERN --root $W/plain build --out $W/out" \
    -n features "$LECTERN --root $W/features build --out $W/out" >&2
load_end "hyperfine"

python3 - "$RESULTS/features-$N.json" "$N" "$MATHS $CALLOUTS $QUIZZES" "$V_LECTERN" "$(machine_info)" "${LOADS[*]}" <<'PY' | tee "$RESULTS/features-$N.md"
import json, statistics, sys
data, n, counts, version, machine, load = sys.argv[1:]
maths, callouts, quizzes = counts.split()
res = {r["command"]: r for r in json.load(open(data))["results"]}
def row(name):
    r = res[name]
    return statistics.median(r["times"]), r["user"] + r["system"]
pw, pc = row("plain")
fw, fc = row("features")
print(f"{version}; {machine}")
print(f"{int(n):,} lessons; the features copy renders {maths} formulas, {callouts} callouts, {quizzes} quizzes; {load}\n")
print("| corpus | median wall s | CPU s (user+sys, mean) |")
print("|---|---:|---:|")
print(f"| same words, no features | {pw:.3f} | {pc:.3f} |")
print(f"| math, callouts, quizzes, prose lessons | {fw:.3f} | {fc:.3f} |")
print(f"| **ratio** (target ≤ 1.15×) | **{fw / pw:.3f}×** | **{fc / pc:.3f}×** |")
PY
