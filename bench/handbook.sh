#!/usr/bin/env bash
# Handbook benchmark: `lectern handbook` (HTML, and PDF through Chromium) of the shared
# 1,000-lesson corpus (../shared/bench/gen_corpus.py), next to a peer that prints a whole
# book: mdBook's print.html of the same corpus (mdbook flavour), printed by the same
# Chromium with the same flags. See docs/benchmarks.md.
#
# Measures (hyperfine, median wall time; the output is removed before every run):
#   1. lectern handbook                 the HTML handbook of every lesson (RUNS runs)
#   2. lectern handbook --pdf           HTML, then two or more Chromium prints (the first finds
#                                       the pages the contents and references name) (PDF_RUNS runs)
#   3. mdbook build                     the whole book, print.html included (RUNS runs)
#   4. chromium --print-to-pdf print.html   one print of mdBook's print.html (PDF_RUNS runs)
# and for each output its bytes and, for PDFs, pages (pdfinfo). Lectern's handbook holds
# the lessons, the SOP forms, the Q&A and the glossary, with contents, running headers,
# page numbers and an outline; mdBook's print.html holds the chapters, with no page numbers
# of its own, no contents and no outline.
#
#   bench/handbook.sh                    # N=1000, RUNS=3, PDF_RUNS=1
#   N=200 RUNS=2 bench/handbook.sh       # quicker
#   LECTERN_BIN=target/release/lectern bench/handbook.sh
#
# Needs: python3, hyperfine, pdfinfo (poppler-utils), Chromium at $CHROMIUM (default
# /usr/bin/chromium), and mdbook (`cargo install mdbook --locked` when missing; WITH_MDBOOK=0
# skips the peer). Markdown on stdout and in bench/out/handbook.md (git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${N:-1000}
RUNS=${RUNS:-3}
PDF_RUNS=${PDF_RUNS:-1}
WITH_MDBOOK=${WITH_MDBOOK:-1}
T0=$(date +%s)

need_tools hyperfine:hyperfine pdfinfo:poppler-utils python3:python3
[[ -x $CHROMIUM ]] || die "Chromium not found at $CHROMIUM (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM)"
if [[ $WITH_MDBOOK == 1 ]] && ! command -v mdbook >/dev/null; then
    log "installing mdbook (cargo install mdbook --locked)"
    cargo install mdbook --locked
fi
lectern_bin handbook
V_CHROMIUM=$("$CHROMIUM" --version 2>/dev/null | sed -n 1p)
V_MDBOOK=$([[ $WITH_MDBOOK == 1 ]] && mdbook --version || echo "not run")

SRC=$(corpus "$N" lectern)
W=$BENCH_DIR/handbook
rm -rf "$W" && mkdir -p "$W"

# Lectern's own printing flags (src/emit/pdf.rs), in a throw-away profile, less
# --virtual-time-budget and --run-all-compositor-stages-before-draw: print.html calls
# window.print() 100 ms after loading, which under virtual time aborts the headless print
# (no PDF is written); without them Chromium waits for the load and prints.
PRINT="$CHROMIUM --headless --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --no-pdf-header-footer"
[[ $EUID -ne 0 ]] || PRINT="$PRINT --no-sandbox"

wait_quiet
load_begin
log "hyperfine: lectern handbook (HTML), $RUNS runs"
hyperfine --style basic --runs "$RUNS" --export-json "$RESULTS/handbook-html.json" \
    --prepare "rm -rf $W/html" -n "lectern handbook (HTML)" \
    "$LECTERN --root $SRC handbook --out $W/html" >&2
log "hyperfine: lectern handbook --pdf, $PDF_RUNS runs"
hyperfine --style basic --runs "$PDF_RUNS" --export-json "$RESULTS/handbook-pdf.json" \
    --prepare "rm -rf $W/pdf" -n "lectern handbook --pdf" \
    "$LECTERN --root $SRC handbook --pdf --chromium $CHROMIUM --out $W/pdf" >&2
load_end "Lectern handbook"

if [[ $WITH_MDBOOK == 1 ]]; then
    MD=$(corpus "$N" mdbook)
    wait_quiet
    load_begin
    log "hyperfine: mdbook build, $RUNS runs"
    hyperfine --style basic --runs "$RUNS" --export-json "$RESULTS/handbook-mdbook.json" \
        --prepare "rm -rf $W/mdbook" -n "mdbook build" "mdbook build $MD --dest-dir $W/mdbook" >&2
    [[ -f $W/mdbook/print.html ]] || die "mdbook wrote no print.html"
    log "hyperfine: Chromium prints mdBook's print.html, $PDF_RUNS runs"
    hyperfine --style basic --runs "$PDF_RUNS" --export-json "$RESULTS/handbook-mdbook-pdf.json" \
        --prepare "rm -rf $W/profile $W/mdbook.pdf" -n "chromium print.html" \
        "$PRINT --user-data-dir=$W/profile --print-to-pdf=$W/mdbook.pdf file://$W/mdbook/print.html" >&2
    [[ -s $W/mdbook.pdf ]] || die "Chromium printed no PDF of mdBook's print.html"
    load_end "mdBook print.html"
fi

# ---------------------------------------------------------------------------- report
median() { python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f", b / 1048576}'; }
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
outline() { if grep -aq '/Type /Outlines' "$1"; then echo yes; else echo no; fi; }

{
    echo "## Handbook of the $N-lesson corpus ($(date -u +%Y-%m-%d))"
    echo
    echo "Machine: $(machine_info). $V_LECTERN; $V_CHROMIUM; mdBook: $V_MDBOOK."
    echo
    echo "| What | Median time (s) | Output | Size (MiB) | PDF pages | Outline |"
    echo "|---|---:|---|---:|---:|---|"
    echo "| lectern handbook | $(median "$RESULTS/handbook-html.json") | handbook.html | $(mib "$W/html/handbook.html") | | |"
    echo "| lectern handbook --pdf | $(median "$RESULTS/handbook-pdf.json") | handbook.pdf | $(mib "$W/pdf/handbook.pdf") | $(pages "$W/pdf/handbook.pdf") | $(outline "$W/pdf/handbook.pdf") |"
    if [[ $WITH_MDBOOK == 1 ]]; then
        echo "| mdbook build (whole book) | $(median "$RESULTS/handbook-mdbook.json") | print.html | $(mib "$W/mdbook/print.html") | | |"
        echo "| Chromium prints print.html | $(median "$RESULTS/handbook-mdbook-pdf.json") | mdbook.pdf | $(mib "$W/mdbook.pdf") | $(pages "$W/mdbook.pdf") | $(outline "$W/mdbook.pdf") |"
    fi
    echo
    echo "Runs: $RUNS (HTML, mdbook build), $PDF_RUNS (PDF). Load while measuring:"
    for l in "${LOADS[@]}"; do echo "- $l"; done
    echo
    echo "Took $(($(date +%s) - T0)) s."
} | tee "$RESULTS/handbook.md"
