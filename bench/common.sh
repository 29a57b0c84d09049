# Shared helpers for bench/decks.sh, bench/search.sh and bench/serve_latency.sh (sourced,
# not run). Sets REPO, BENCH_DIR, RESULTS; provides: need_tools, need_npm, lectern_bin,
# machine_info, corpus, discard (old output into a trash folder), wait_quiet, load_begin/load_end (CPU used by other processes), and a
# lock so that only one of these scripts runs at a time. bench/run.sh does not use this file.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
GEN=${GEN:-$REPO/../shared/bench/gen_corpus.py}
BENCH_DIR=${BENCH_DIR:-/tmp/lectern-bench}
RESULTS=$BENCH/out
SEED=${SEED:-42}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
mkdir -p "$RESULTS" "$BENCH_DIR/bin"

die() { echo "bench: ERROR: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

# One of decks.sh, search.sh, serve_latency.sh at a time on this machine: they share scratch
# folders under BENCH_DIR and bench/out, and would skew each other's timings. Wait for the lock.
exec 9>"$BENCH_DIR/.bench-scripts.lock"
if ! flock -n 9; then
    log "another bench script holds $BENCH_DIR/.bench-scripts.lock; waiting for it to finish"
    flock 9
fi

# need_tools CMD:PACKAGE ... — install missing commands from Debian's packages (as root).
need_tools() {
    local missing=() spec
    for spec in "$@"; do
        command -v "${spec%%:*}" >/dev/null || missing+=("${spec#*:}")
    done
    ((${#missing[@]})) || return 0
    [[ $EUID -eq 0 ]] || die "missing ${missing[*]}: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    log "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# need_npm — the exact versions pinned in bench/package.json and bench/package-lock.json,
# into bench/node_modules. (`npm install --no-save` rather than `npm ci`: npm 11 rejects this
# lock file in `npm ci` because it has no entries for other platforms' optional pagefind
# binaries.) puppeteer-core never downloads a browser; Chromium comes from Debian ($CHROMIUM).
need_npm() {
    command -v npm >/dev/null || die "npm is required (apt-get install -y npm)"
    [[ -x $CHROMIUM ]] || die "Chromium not found at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)"
    local stamp=$BENCH/node_modules/.lock-sha want
    want=$(sha256sum "$BENCH/package-lock.json" | cut -c1-16)
    if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
        log "installing npm packages (npm install in bench/)"
        (cd "$BENCH" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-save --no-audit --no-fund --loglevel=error >&2)
        echo "$want" >"$stamp"
    fi
    export PATH="$BENCH/node_modules/.bin:$PATH"
}

# npm_version NAME — the installed version of an npm package in bench/node_modules.
npm_version() {
    node -e 'console.log(require(process.argv[1] + "/package.json").version)' "$BENCH/node_modules/$1"
}

# lectern_bin NAME — build (cargo build --release) and copy the binary to a private path,
# so a rebuild by someone else during the run cannot swap it. LECTERN_BIN=path skips the
# build and uses that binary (LECTERN_COMMIT=… says what it was built from, for the report).
# Sets LECTERN and V_LECTERN.
lectern_bin() {
    if [[ -n ${LECTERN_BIN:-} ]]; then
        [[ -x $LECTERN_BIN ]] || die "LECTERN_BIN=$LECTERN_BIN is not executable"
        LECTERN=$BENCH_DIR/bin/lectern-$1
        cp "$LECTERN_BIN" "$LECTERN.tmp" && mv "$LECTERN.tmp" "$LECTERN"
        V_LECTERN="$("$LECTERN" --version) (${LECTERN_COMMIT:+git $LECTERN_COMMIT, }binary LECTERN_BIN=$LECTERN_BIN)"
        return
    fi
    log "building Lectern (cargo build --release)"
    (cd "$REPO" && cargo build --release --quiet)
    LECTERN=$BENCH_DIR/bin/lectern-$1
    cp "${CARGO_TARGET_DIR:-$REPO/target}/release/lectern" "$LECTERN.tmp" && mv "$LECTERN.tmp" "$LECTERN"
    local commit
    commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z "$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]] || commit="$commit+dirty"
    V_LECTERN="$("$LECTERN" --version) (git $commit)"
}

machine_info() {
    local cpu
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    [[ -n $cpu ]] || cpu=$(uname -m)
    echo "$(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo) GiB RAM, $(uname -sr)"
}

# corpus N FLAVOR — prints the corpus folder, (re)generating it like bench/run.sh does.
corpus() {
    local n=$1 flavor=$2 dir="$BENCH_DIR/corpus/$1/$2" stamp="$BENCH_DIR/corpus/$1/$2.stamp" want
    [[ -f $GEN ]] || die "corpus generator not found at $GEN"
    want="$(sha256sum "$GEN" | cut -c1-16) n=$n seed=$SEED"
    if [[ ! -d $dir || ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
        log "generating corpus N=$n flavour=$flavor"
        rm -rf "$dir" "$stamp"
        python3 "$GEN" --n "$n" --flavor "$flavor" --out "$dir" --seed "$SEED" >&2
        echo "$want" >"$stamp"
    fi
    echo "$dir"
}

# ---------------------------------------------------------------------------- old output
# discard DIR... — take folders away without deleting them now: deleting thousands of files
# makes ext4 skip the freed inodes for the next minutes (recently_deleted() in the kernel's
# inode allocator), which adds seconds of system time to whatever build is measured next.
# They go into $BENCH_DIR/trash, emptied when the script exits, or, with KEEP_TRASH=1 (set
# by bench/record.sh), only after the last script of a recorded run.
BENCH_TRASH=$BENCH_DIR/trash
mkdir -p "$BENCH_TRASH"
discard() {
    local d
    for d in "$@"; do
        if [[ -e $d ]]; then mv "$d" "$(mktemp -d -p "$BENCH_TRASH")"; fi
    done
}
[[ ${KEEP_TRASH:-0} == 1 ]] || trap 'rm -rf "$BENCH_TRASH"' EXIT

# ---------------------------------------------------------------------------- machine load
CLK_TCK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }

# wait_quiet — before measuring, wait (up to QUIET_WAIT s, default 180) until the CPUs are
# less than QUIET_PCT % busy (default 25) over 3 s; other people share this machine.
wait_quiet() {
    local deadline=$(($(date +%s) + ${QUIET_WAIT:-180})) b0 b1 pct
    while :; do
        b0=$(busy_ticks); sleep 3; b1=$(busy_ticks)
        pct=$(awk -v d=$((b1 - b0)) -v hz="$CLK_TCK" -v c="$(nproc)" 'BEGIN {printf "%.0f", 100 * d / hz / 3 / c}')
        ((pct < ${QUIET_PCT:-25})) && return 0
        if (($(date +%s) >= deadline)); then
            log "machine still ${pct}% busy after waiting ${QUIET_WAIT:-180}s; measuring anyway"
            return 0
        fi
        log "machine ${pct}% busy (other processes); waiting for it to quieten"
    done
}

# load_begin; ...measure...; load_end LABEL — appends to LOADS a line with the CPU time used by
# processes outside this script's process tree while measuring (bench/loadmon.py).
LOADS=()
load_begin() {
    _la0=$(cut -d' ' -f1-3 /proc/loadavg)
    _lm_out=$(mktemp)
    python3 "$BENCH/loadmon.py" $$ "$_lm_out" &
    _lm_pid=$!
}
load_end() {
    local other mine wall top pct
    kill -TERM "$_lm_pid" 2>/dev/null || true
    wait "$_lm_pid" 2>/dev/null || true
    read -r other mine wall top <"$_lm_out" || true
    rm -f "$_lm_out"
    pct=$(awk -v x="${other:-0}" -v w="${wall:-1}" -v c="$(nproc)" 'BEGIN {printf "%.0f", 100 * x / (w * c)}')
    LOADS+=("$1: ${other:-?} CPU-s by other processes in ${wall:-?} s (${pct}% of $(nproc) CPUs; most: ${top:--}); the benchmark's own processes ${mine:-?} CPU-s; load average $_la0 before, $(cut -d' ' -f1-3 /proc/loadavg) after")
    if ((pct > ${NOISE_PCT:-20})); then
        LOADS+=("**NOISY**: other processes used ${pct}% of the CPUs during $1; treat its numbers with care.")
        log "WARNING: $1 measured under other load ($pct% of the CPUs)"
    fi
}
