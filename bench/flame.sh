#!/usr/bin/env bash
# Where a cold build spends its time: a flame graph of one `lectern build` (site + search +
# decks) of the N-lesson corpus, and the share of the samples under each part of the build.
#
#   bench/flame.sh                  # N=10000
#   N=1000 bench/flame.sh
#
# The binary is a release build with frame pointers (in its own target folder, so the
# benchmarked binary is not touched), sampled by `perf record -g` at 999 Hz on both CPUs,
# kernel included (creating files is part of a build); the stacks are folded and drawn by
# inferno (`cargo install inferno` when it is missing). Writes bench/out/flame-N.svg (open
# it in a browser: click to zoom) and bench/out/flame-N.md (the shares, also printed).
set -euo pipefail
source "$(dirname "$0")/common.sh"
N=${N:-10000}

need_tools perf:linux-perf
command -v inferno-flamegraph >/dev/null || cargo install inferno --locked --quiet
FP_TARGET=$BENCH_DIR/target-frame-pointers
log "building Lectern with frame pointers into $FP_TARGET"
RUSTFLAGS="-C force-frame-pointers=yes" cargo build --release --quiet \
    --manifest-path "$REPO/Cargo.toml" --target-dir "$FP_TARGET"
commit=$(git -C "$REPO" rev-parse --short HEAD)
[[ -z "$(git -C "$REPO" status --porcelain -- src themes Cargo.lock)" ]] || commit="$commit+dirty"

src=$(corpus "$N" lectern)
out=$BENCH_DIR/out/flame-$N
data=$BENCH_DIR/perf-$N.data
discard "$out"
wait_quiet
perf record -q -F 999 -g -o "$data" "$FP_TARGET/release/lectern" --root "$src" build --out "$out" >&2
folded=$BENCH_DIR/flame-$N.folded
perf script -i "$data" 2>/dev/null | inferno-collapse-perf --kernel >"$folded"
inferno-flamegraph --title "lectern build, $N lessons (git $commit)" --minwidth 0.2 <"$folded" >"$RESULTS/flame-$N.svg"

# Inclusive shares: the samples whose stack holds a frame matching each pattern (a sample
# counts once per row; rows overlap where one part calls another).
python3 - "$folded" "$N" "$commit" "$(machine_info)" <<'EOF' | tee "$RESULTS/flame-$N.md"
import re, sys
folded, n, commit, machine = sys.argv[1:5]
rows = [
    ("everything", r"."),
    ("reading and parsing the programme (`load`)", r"lectern::load::"),
    ("Markdown pass (`parse_document`)", r"lectern::markdown::parse_document"),
    ("  of which code highlighting (syntect)", r"lectern::markdown::highlight::code_block"),
    ("search index, weighing terms (`search::index::build`)", r"lectern::search::index::build"),
    ("search index, encoding files (`Index::encode`)", r"lectern::search::files::.*encode"),
    ("rendering pages with Tera (`Tera::render`)", r"tera::tera::Tera::render"),
    ("  of which variable lookups (`CallStack::lookup`)", r"tera::renderer::call_stack::CallStack::lookup"),
    ("page data to JSON for Tera (`serde_json::to_value`)", r"serde_json::value::ser|serde_json::value::to_value"),
    ("decks (`Renderer::deck`)", r"lectern::render::deck::"),
    ("writing files (`Staging::write`, kernel included)", r"lectern::emit::Staging::(write|copy)"),
    # Not "of which": libc's open has no frame pointer, so an open's samples lose their
    # caller ("[unknown];__GI___libc_open;…"); counted anywhere instead.
    ("creating files (`ext4_create`, inode allocation; anywhere)", r"ext4_create"),
    ("kernel, anywhere", r"_\[k\]"),
    ("allocator (mimalloc)", r";_?mi_[a-z_]+(;|$)"),
]
total, hits = 0, [0] * len(rows)
pats = [re.compile(p) for _, p in rows]
for line in open(folded):
    stack, _, count = line.rstrip().rpartition(" ")
    c = int(count)
    total += c
    for i, p in enumerate(pats):
        if p.search(stack):
            hits[i] += c
print(f"## Flame graph, {int(n):,} lessons (git {commit})\n")
# perf's cpu-clock weighs each sample by its period in nanoseconds of CPU time.
print(f"{total / 1e9:.2f} CPU-s sampled at 999 Hz on both CPUs, kernel included; {machine}.\n")
print("| part of the build | share of samples |\n|---|---:|")
for (name, _), h in zip(rows, hits):
    print(f"| {name} | {100 * h / max(total, 1):.1f} % |")
EOF
log "flame graph: $RESULTS/flame-$N.svg"
