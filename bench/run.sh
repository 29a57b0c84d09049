#!/usr/bin/env bash
# Cold-build benchmark: Lectern (site + decks + search, and site + search with --no-decks)
# against Hugo (and optionally mdBook) on the shared deterministic corpus
# (../shared/bench/gen_corpus.py), then a rebuild after editing one lesson through
# `lectern serve` (bench/rebuild.py). See docs/benchmarks.md.
#
#   bench/run.sh                      # N = 1000 and 10000, 5 timed runs each
#   SIZES="1000" RUNS=3 bench/run.sh  # quicker
#   WITH_MDBOOK=1 bench/run.sh        # also mdBook, for N <= 1000
#
# Environment:
#   SIZES        corpus sizes (lessons), space-separated      default "1000 10000"
#   RUNS         hyperfine timed runs per tool and size         default 5
#   BENCH_DIR    scratch folder (corpora, outputs, logs)        default /tmp/lectern-bench
#   WITH_MDBOOK  1 = also time mdBook (only for N <= 1000)      default 0
#   SEED         corpus seed passed to gen_corpus.py            default 42
#   EDITS        edits timed through `lectern serve` per size   default 10
#   RESULTS_DIR  where latest.md and the raw results go       default bench/out
#   NOISE_PCT    flag a size as noisy when other processes used more than this
#                share of the CPUs while it was measured        default 20
#   QUIET_PCT    before each size, wait until the CPUs are less than this % busy
#   QUIET_WAIT   ... but at most this many seconds             defaults 25, 300
#   CLEAN        mv: --prepare moves the old output into a trash folder emptied at the
#                end (default; needs TRASH_MIN_GIB, default 8, free); rm: rm -rf it
#   KEEP_TRASH   1: do not empty the trash folder (bench/record.sh empties it at its end)
#
# Takes $BENCH_DIR/.bench-scripts.lock (shared with the other bench scripts), so only one
# of them measures at a time.
#
# Writes the result table to stdout and to bench/out/latest.md (git-ignored), plus the
# raw hyperfine JSON and /usr/bin/time reports in bench/out/.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN="$REPO/../shared/bench/gen_corpus.py"
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/lectern-bench}
WITH_MDBOOK=${WITH_MDBOOK:-0}
SEED=${SEED:-42}
EDITS=${EDITS:-10}
BENCH="$REPO/bench"
RESULTS=${RESULTS_DIR:-$REPO/bench/out}
T0=$(date +%s)

die() { echo "bench: ERROR: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

[[ -f "$GEN" ]] || die "corpus generator not found at $GEN"
command -v python3 >/dev/null || die "python3 is required"
[[ "$BENCH_DIR$REPO" != *[[:space:]]* ]] || die "BENCH_DIR and the repository path must not contain spaces"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
for n in $SIZES; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers (got '$n')"; done

# ---------------------------------------------------------------------------- tools
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
# GNU time (not the shell keyword) for peak RSS: `-v` prints "Maximum resident set size".
/usr/bin/time -v true >/dev/null 2>&1 || missing+=(time)
if ((${#missing[@]})); then
    if [[ $EUID -eq 0 ]]; then
        log "installing ${missing[*]} from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "bench: missing ${missing[*]}; install them with:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi
if [[ "$WITH_MDBOOK" == 1 ]] && ! command -v mdbook >/dev/null; then
    log "installing mdbook (cargo install mdbook --locked)"
    cargo install mdbook --locked
fi

# ---------------------------------------------------------------------------- lock
# The other bench scripts (bench/common.sh) share BENCH_DIR and take this lock so that only
# one of them measures at a time; take it too, and wait if another one holds it.
mkdir -p "$BENCH_DIR"
exec 9>"$BENCH_DIR/.bench-scripts.lock"
if ! flock -n 9; then
    log "another bench script holds $BENCH_DIR/.bench-scripts.lock; waiting for it to finish"
    flock 9
fi

# ---------------------------------------------------------------------------- lectern
log "building Lectern (cargo build --release)"
(cd "$REPO" && cargo build --release --quiet)
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
mkdir -p "$BENCH_DIR/bin" "$RESULTS"
# A private copy, so that a rebuild by someone else during the run cannot swap the binary.
cp "$TARGET_DIR/release/lectern" "$BENCH_DIR/bin/lectern"
LECTERN="$BENCH_DIR/bin/lectern"

COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]]; then
    COMMIT="$COMMIT+dirty"   # built from uncommitted changes in src/, themes/ or Cargo.*
fi
V_LECTERN="$("$LECTERN" --version) (git $COMMIT)"
V_HUGO=$(hugo version | head -1)
V_HYPERFINE=$(hyperfine --version | head -1)
V_MDBOOK=$([[ "$WITH_MDBOOK" == 1 ]] && mdbook --version || echo "not run")
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
[[ -n "$CPU_MODEL" ]] || CPU_MODEL=$(uname -m)
CPU_FM=$(awk -F': ' '/^cpu family/ {f=$2} /^model\t/ {m=$2} END {if (f != "") printf "family %s model %s", f, m}' /proc/cpuinfo)
[[ -z "$CPU_FM" ]] || CPU_MODEL="$CPU_MODEL, $CPU_FM"
RAM_GIB=$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)
NPROC=$(nproc)

# ---------------------------------------------------------------------------- helpers
gen_sha=$(sha256sum "$GEN" | cut -c1-16)

# gen_corpus N FLAVOR -> prints the corpus dir; regenerates only if the generator changed.
gen_corpus() {
    local n=$1 flavor=$2 dir="$BENCH_DIR/corpus/$1/$2" stamp="$BENCH_DIR/corpus/$1/$2.stamp"
    local want="$gen_sha n=$n seed=$SEED"
    if [[ ! -d "$dir" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        log "generating corpus N=$n flavour=$flavor"
        rm -f "$stamp"
        python3 "$GEN" --n "$n" --flavor "$flavor" --out "$dir" --seed "$SEED" >&2
        echo "$want" >"$stamp"
    fi
    echo "$dir"
}

# Command line of one cold build (output folder must not exist beforehand).
build_cmd() {
    local tool=$1 src=$2 out=$3
    case $tool in
        lectern) echo "$LECTERN --root $src build --out $out" ;;
        lectern-site) echo "$LECTERN --root $src build --no-decks --out $out" ;;
        hugo) echo "hugo --source $src --destination $out --cacheDir $BENCH_DIR/hugo-cache --quiet" ;;
        mdbook) echo "mdbook build $src --dest-dir $out" ;;
        floor) echo "$BENCH_DIR/bin/floor.sh $src $BENCH_DIR/out/floor-src $out" ;;
    esac
}

# The floor (issue 20): what any tool must at least do on this machine to turn the corpus
# into Lectern's output — read every source file, and write the same files and bytes as
# Lectern did (a copy of its output tree, from the page cache, into a fresh folder on the
# same file system).
cat >"$BENCH_DIR/bin/floor.sh" <<'SH'
#!/bin/sh
# floor.sh CORPUS LECTERN_OUTPUT OUT
set -e
find "$1" -type f -exec cat {} + >/dev/null
cp -r "$2" "$3"
SH
chmod +x "$BENCH_DIR/bin/floor.sh"

# Expected page of each lesson, relative to the output root, one per line.
expected_pages() {
    local tool=$1 src=$2 base
    base=$([[ $tool == mdbook ]] && echo "$src/src/lessons" || echo "$src/content/lessons")
    (cd "$base" && find . -mindepth 2 -maxdepth 2 -name '*.md' ! -name '_index.md' ! -name 'index.md' | sort) |
        while read -r f; do
            f=${f#./}
            case $tool in
                hugo) echo "lessons/${f%.md}/index.html" ;;
                *) echo "lessons/${f%.md}.html" ;;
            esac
        done
}

# check_pages TOOL N SRC OUT: one HTML page per lesson, or die.
check_pages() {
    local tool=$1 n=$2 src=$3 out=$4 expected present missing
    expected=$(expected_pages "$tool" "$src")
    [[ $(grep -c . <<<"$expected") -eq $n ]] ||
        die "$tool corpus at $src has $(grep -c . <<<"$expected") lesson sources, expected $n"
    present=0
    missing=()
    while read -r p; do
        if [[ -s "$out/$p" ]]; then present=$((present + 1)); else missing+=("$p"); fi
    done <<<"$expected"
    if ((present != n)); then
        echo "bench: ERROR: $tool wrote $present of $n lesson pages into $out; first missing:" >&2
        printf '    %s\n' "${missing[@]:0:10}" >&2
        exit 1
    fi
    echo "$present"
}

# Other load on the machine: CPU time spent by processes other than this script and its
# children, from /proc/stat (all CPUs) minus this shell's reaped-children times.
CLK_TCK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
own_ticks() { awk '{print $16+$17}' "/proc/$$/stat"; }

# Before each size: wait (up to QUIET_WAIT s) until the CPUs are less than QUIET_PCT % busy
# over 3 s, since other people share this machine. Measures anyway after the deadline.
wait_quiet() {
    local deadline=$(($(date +%s) + ${QUIET_WAIT:-300})) b0 b1 pct
    while :; do
        b0=$(busy_ticks); sleep 3; b1=$(busy_ticks)
        pct=$(awk -v d=$((b1 - b0)) -v hz="$CLK_TCK" -v c="$NPROC" 'BEGIN {p = 100 * d / hz / 3 / c; printf "%.0f", (p > 100 ? 100 : p)}')
        ((pct < ${QUIET_PCT:-25})) && return 0
        if (($(date +%s) >= deadline)); then
            log "machine still ${pct}% busy after waiting ${QUIET_WAIT:-300}s; measuring anyway"
            return 0
        fi
        log "machine ${pct}% busy (other processes); waiting for it to quieten"
        sleep 7
    done
}

unexpected_output() {
    grep -v -E '^built [0-9]+ lessons in [0-9]+ modules|^ *([0-9T:.-]+Z? +)?INFO ' "$1" || true
}

# How --prepare takes the previous output away. `mv` (default) moves it into a trash folder
# that is emptied only after the last measurement: deleting ~10,000 files and then creating
# as many again makes ext4 skip the recently freed inodes (recently_deleted() in the
# kernel's inode allocator), which adds seconds of system time to the *next* build, more for
# whichever tool writes more files. `CLEAN=rm` deletes it instead (rm -rf) before every run.
CLEAN=${CLEAN:-mv}
[[ $CLEAN == mv || $CLEAN == rm ]] || die "CLEAN must be mv or rm (got '$CLEAN')"
TRASH="$BENCH_DIR/trash"
avail_gib=$(df -Pk "$BENCH_DIR" | awk 'NR == 2 {printf "%d", $4 / 1048576}')
if [[ $CLEAN == mv ]] && ((avail_gib < ${TRASH_MIN_GIB:-8})); then
    log "only ${avail_gib} GiB free under $BENCH_DIR; deleting outputs between runs (CLEAN=rm)"
    CLEAN=rm
fi
# KEEP_TRASH=1 (bench/record.sh): leave the trash for the caller to empty after its last
# script, so that no script measures right after this one deleted its outputs.
if [[ ${KEEP_TRASH:-0} != 1 ]]; then
    rm -rf "$TRASH"   # left over from an interrupted run
    trap 'rm -rf "$TRASH"' EXIT
fi
mkdir -p "$TRASH"

# ---------------------------------------------------------------------------- measure
ROWS="$BENCH_DIR/rows.tsv"
: >"$ROWS"
LOADS=()
NOTES=()
SPLIT=()
for n in $SIZES; do
    tools=(lectern lectern-site hugo)
    [[ "$WITH_MDBOOK" == 1 && $n -le 1000 ]] && tools+=(mdbook)
    tools+=(floor)   # after lectern, whose output it copies
    declare -A SRC=() OUT=()
    for t in "${tools[@]}"; do
        case $t in
            floor | lectern-site) SRC[$t]=$(gen_corpus "$n" lectern) ;;
            *) SRC[$t]=$(gen_corpus "$n" "$t") ;;
        esac
        OUT[$t]="$BENCH_DIR/out/$n/$t"
    done
    mkdir -p "$BENCH_DIR/out/$n" "$BENCH_DIR/logs/$n"
    wait_quiet
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    busy0=$(busy_ticks) own0=$(own_ticks) wall0=$(date +%s.%N)
    # Per-tool --prepare: take that tool's output folder away (and Hugo's caches), so every
    # run starts with no output (cold), and the output of each tool's last run is still
    # there to check afterwards. See CLEAN above for why it is moved rather than deleted.
    declare -A PREP=()
    for t in "${tools[@]}"; do
        if [[ $CLEAN == mv ]]; then
            PREP[$t]="if [ -e ${OUT[$t]} ]; then mv ${OUT[$t]} \$(mktemp -d -p $TRASH); fi"
        else
            PREP[$t]="rm -rf ${OUT[$t]}"
        fi
    done
    PREP[hugo]+="; rm -rf ${SRC[hugo]}/resources $BENCH_DIR/hugo-cache"

    # One cold run of each under /usr/bin/time: CPU, peak RSS, and the output we check.
    declare -A CPU=() RSS=() BYTES=() FILES=() HTML=() PAGES=()
    for t in "${tools[@]}"; do
        if [[ $t == floor ]]; then
            if [[ -e $BENCH_DIR/out/floor-src ]]; then mv "$BENCH_DIR/out/floor-src" "$(mktemp -d -p "$TRASH")"; fi
            cp -r "${OUT[lectern]}" "$BENCH_DIR/out/floor-src"
        fi
        eval "${PREP[$t]}"
        logf="$BENCH_DIR/logs/$n/$t.log" timef="$BENCH_DIR/logs/$n/$t.time"
        log "N=$n $t: one cold run under /usr/bin/time -v"
        # shellcheck disable=SC2046
        if ! /usr/bin/time -v -o "$timef" $(build_cmd "$t" "${SRC[$t]}" "${OUT[$t]}") >"$logf" 2>&1; then
            cat "$logf" >&2
            die "$t failed on the N=$n corpus (log: $logf)"
        fi
        cp "$timef" "$RESULTS/time-$n-$t.txt"
        CPU[$t]=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$timef")
        RSS[$t]=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$timef")
        BYTES[$t]=$(du -sb "${OUT[$t]}" | cut -f1)
        FILES[$t]=$(find "${OUT[$t]}" -type f | wc -l)
        HTML[$t]=$(find "${OUT[$t]}" -type f -name '*.html' | wc -l)
        PAGES[$t]=$(check_pages "$t" "$n" "${SRC[$t]}" "${OUT[$t]}")
        SPLIT+=("N=$n $t output: $(du -sb "${OUT[$t]}"/* | sort -rn | head -4 |
            awk '{n = split($2, p, "/"); printf "%s%s %.1f MiB", (NR > 1 ? ", " : ""), p[n], $1 / 1048576}')")
        # Anything printed besides Lectern's one-line summary and mdBook's INFO progress
        # lines (warnings, errors, broken links) is worth a look.
        other=$(unexpected_output "$logf" | grep -c . || true)
        if ((other > 0)); then
            nw=$(grep -c -E '^warning|\bWARN' "$logf" || true)
            ne=$(grep -c -E '^error|\bERROR' "$logf" || true)
            NOTES+=("N=$n $t: $nw warning(s), $ne error(s), $other line(s) of output in all (log: $logf)")
            # Headlines grouped by kind (digits masked), most frequent first; else the first lines.
            if ((nw + ne > 0)); then
                heads=$(grep -E '^(warning|error)|\b(WARN|ERROR)\b' "$logf" | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -3)
            else
                heads=$(unexpected_output "$logf" | head -3)
            fi
            while read -r l; do NOTES+=("    $l"); done <<<"$heads"
            log "N=$n $t: $nw warning(s), $ne error(s); most common:"
            echo "$heads" >&2
        fi
        log "N=$n $t: ${PAGES[$t]}/$n lesson pages, ${HTML[$t]} HTML, ${FILES[$t]} files, cpu ${CPU[$t]}s, rss ${RSS[$t]} MiB"
    done

    # Wall time: hyperfine; --prepare takes the output folder away before every run (cold).
    json="$RESULTS/hyperfine-$n.json"
    hf=(hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$json")
    for t in "${tools[@]}"; do hf+=(--prepare "${PREP[$t]}"); done
    for t in "${tools[@]}"; do hf+=(-n "$t" "$(build_cmd "$t" "${SRC[$t]}" "${OUT[$t]}")"); done
    log "N=$n: hyperfine (${RUNS} runs, 1 warmup) on ${tools[*]}"
    "${hf[@]}" >&2
    # Re-check the output of the last timed run (so a flaky build cannot hide in the timings).
    for t in "${tools[@]}"; do check_pages "$t" "$n" "${SRC[$t]}" "${OUT[$t]}" >/dev/null; done
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    other=$(awk -v b="$(($(busy_ticks) - busy0))" -v o="$(($(own_ticks) - own0))" -v hz="$CLK_TCK" \
        -v w="$(echo "$(date +%s.%N) $wall0" | awk '{print $1 - $2}')" -v c="$NPROC" \
        'BEGIN {x = (b - o) / hz; if (x < 0) x = 0; printf "%.0f CPU-s by other processes in %.0f s (%.0f%% of %d CPUs)", x, w, 100 * x / (w * c), c}')
    LOADS+=("N=$n: $other; load average $load_before before, $load_after after")
    log "N=$n: $other"
    pct=$(sed -E 's/.*\(([0-9]+)% of.*/\1/' <<<"$other")
    if ((pct > ${NOISE_PCT:-20})); then
        LOADS+=("**NOISY**: other processes used more than ${NOISE_PCT:-20}% of the CPUs during N=$n; its times and ratios are unreliable — re-run on a quiet machine.")
        log "WARNING: N=$n was measured under other load ($pct% of the CPUs); re-run when the machine is quiet"
    fi

    # Rebuild after touching one lesson, through `lectern serve` (bench/rebuild.py).
    log "N=$n: lectern serve, $EDITS edits of one lesson"
    python3 "$BENCH/rebuild.py" "$LECTERN" "${SRC[lectern]}" "$BENCH_DIR/rebuild/$n" "$EDITS" >"$RESULTS/rebuild-$n.json" ||
        die "bench/rebuild.py failed at N=$n (log: $BENCH_DIR/rebuild/$n/serve.log)"
    for t in "${tools[@]}"; do
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$t" "$json" "${CPU[$t]}" "${RSS[$t]}" \
            "${BYTES[$t]}" "${FILES[$t]}" "${HTML[$t]}" "${PAGES[$t]}" >>"$ROWS"
    done
    unset SRC OUT PREP CPU RSS BYTES FILES HTML PAGES
done

if [[ ${KEEP_TRASH:-0} != 1 ]]; then
    log "emptying $TRASH"
    rm -rf "$TRASH"
fi

# ---------------------------------------------------------------------------- report
ELAPSED=$(($(date +%s) - T0))
TABLE=$(python3 - "$ROWS" "$RESULTS" <<'PY'
import json, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
res = {}
for n, tool, jpath, cpu, rss, nbytes, files, html, pages in rows:
    runs = next(r for r in json.load(open(jpath))["results"] if r["command"] == tool)
    t = runs["times"]
    res[(int(n), tool)] = dict(med=statistics.median(t), lo=min(t), hi=max(t), cpu=float(cpu),
                               rss=float(rss), mb=int(nbytes) / 2**20, files=int(files),
                               html=int(html), pages=int(pages))
print("| lessons | tool | median wall s | min–max s | CPU s (user+sys) | peak RSS MiB "
      "| output MiB | files | HTML pages | ms / lesson | wall / Hugo | CPU / Hugo | RSS / Hugo |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for (n, tool), r in res.items():
    h = res.get((n, "hugo"))
    wr = "%.2f×" % (r["med"] / h["med"]) if h else "–"
    cr = "%.2f×" % (r["cpu"] / h["cpu"]) if h else "–"
    rr = "%.2f×" % (r["rss"] / h["rss"]) if h else "–"
    print("| {:,} | {} | {:.3f} | {:.3f}–{:.3f} | {:.2f} | {:.1f} | {:.1f} | {:,} | {:,} | {:.3f} | {} | {} | {} |".format(
        n, tool, r["med"], r["lo"], r["hi"], r["cpu"], r["rss"], r["mb"], r["files"], r["html"],
        r["med"] * 1000 / n, wr, cr, rr))
print()
for n in sorted({n for n, _ in res}):
    f = res.get((n, "floor"))
    if f:
        print("Floor at {:,} lessons: reading the corpus and copying Lectern's output tree ({:.1f} MiB, {:,} files) "
              "into a fresh folder took {:.3f} s; **Lectern / floor = {:.2f}×** (site + search + decks), "
              "{:.2f}× (site + search).".format(n, f["mb"], f["files"], f["med"], res[(n, "lectern")]["med"] / f["med"],
                                                res[(n, "lectern-site")]["med"] / f["med"]))
print()
print("Edit -> browser while `lectern serve` runs (bench/rebuild.py): from the save to the live-reload")
print("WebSocket message, the file watcher's debounce and the search index refresh included; a title")
print("edit takes serve's front-matter fast path.")
print()
print("| lessons | body edits | median s | min–max s | server's own update, median ms | title edit median s | cold build (Lectern) median s | body edit / cold build |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
import os
for n in sorted({n for n, _ in res}):
    path = os.path.join(sys.argv[2], "rebuild-%d.json" % n)
    if not os.path.exists(path):
        continue
    rb = json.load(open(path))
    cold = res[(n, "lectern")]["med"]
    upd = statistics.median(rb["server_update_ms"]) if rb["server_update_ms"] else float("nan")
    title = rb.get("title", {}).get("median_s", float("nan"))
    print("| {:,} | {} | {:.3f} | {:.3f}–{:.3f} | {:.0f} | {:.3f} | {:.3f} | **{:.3f}×** |".format(
        n, rb["edits"], rb["median_s"], rb["min_s"], rb["max_s"], upd, title, cold, rb["median_s"] / cold))
PY
)

{
    echo "# Lectern build benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$TABLE"
    echo
    echo "- Machine: $NPROC CPUs ($CPU_MODEL), $RAM_GIB GiB RAM, $(uname -sr)"
    echo "- Versions: $V_LECTERN; $V_HUGO; $V_HYPERFINE; mdbook: $V_MDBOOK"
    echo "- hyperfine: --warmup 1 --runs $RUNS, output folder taken away in --prepare (CLEAN=$CLEAN), so every run is cold;"
    echo "  CPU and peak RSS from one extra cold run under /usr/bin/time -v. Corpus seed $SEED."
    for l in "${LOADS[@]}"; do echo "- $l"; done
    echo "- Largest top-level entries of each output:"
    for l in "${SPLIT[@]}"; do echo "  - $l"; done
    if ((${#NOTES[@]})); then
        echo "- Output of the /usr/bin/time runs other than Lectern's summary line:"
        for l in "${NOTES[@]}"; do echo "  $l"; done
    else
        echo "- No tool printed warnings or errors; every lesson page was present in every output."
    fi
    echo "- Script wall time: ${ELAPSED}s"
} >"$RESULTS/latest.md"

echo
cat "$RESULTS/latest.md"
