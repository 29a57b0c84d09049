#!/usr/bin/env bash
# Slide-deck benchmark: Lectern against Marp CLI (@marp-team/marp-cli, npm) on the bundled
# sample programme (content/lessons: 18 lessons, each both a web page and a deck).
#
# Measures (hyperfine: median wall time over RUNS timed runs after WARMUP warm-up runs; the
# output folder is removed before every run, so every run writes everything):
#   1. `lectern --root REPO build --out DIR`   — the whole site, which includes decks/ for all
#                                                 18 lessons (so this is an upper bound)
#   2. `lectern --root REPO deck <18 ids> --out DIR` — only the 18 decks
#   3. `marp --html -I content/lessons -o DIR`  — Marp converting the same 18 Markdown files to
#                                                 HTML in one run (no browser involved). Marp
#                                                 reads `title` but ignores Lectern's other
#                                                 front-matter keys, and renders `Note:`
#                                                 paragraphs as slide text (its notes are HTML
#                                                 comments).
#   4. one deck as PDF: `lectern deck ID --pdf` against `marp --pdf` (both print with the
#      Chromium at $CHROMIUM; PDF_RUNS timed runs)
# For each output: bytes, files, and whether the decks are self-contained: a count of
# external references (<link href>, <script src>, src="http…", <img>/<source>/<video> src
# that is not a data: URI, CSS url()/@import that is not data:). Output: Markdown on stdout
# and in bench/out/decks.md (git-ignored); raw hyperfine JSON in bench/out/.
#
#   bench/decks.sh                         # RUNS=15 WARMUP=2 PDF_RUNS=5
#   RUNS=5 PDF_RUNS=3 bench/decks.sh       # quicker
#   LECTERN_BIN=path/to/lectern bench/decks.sh   # skip cargo build, time this binary
#
# Needs: cargo, node + npm (npm install into bench/node_modules, versions pinned in
# bench/package-lock.json), hyperfine and pdfinfo (installed from Debian's packages if
# missing, as root), Chromium at /usr/bin/chromium (or CHROMIUM=...).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS=${RUNS:-15}
WARMUP=${WARMUP:-2}
PDF_RUNS=${PDF_RUNS:-5}
PDF_DECK=${PDF_DECK:-02-editing/01-ab-tests}
SAMPLE=${SAMPLE:-$REPO}
T0=$(date +%s)

need_tools hyperfine:hyperfine pdfinfo:poppler-utils python3:python3
need_npm
lectern_bin decks
V_MARP=$(marp --version | sed -n 1p)
V_HF=$(hyperfine --version)
V_CHROMIUM=$("$CHROMIUM" --version 2>/dev/null | sed -n 1p)

W=$BENCH_DIR/decks
rm -rf "$W" && mkdir -p "$W"
LESSONS=$SAMPLE/content/lessons
mapfile -t IDS < <(cd "$LESSONS" && find . -mindepth 2 -maxdepth 2 -name '*.md' ! -name '_*' | sed 's|^\./||; s|\.md$||' | sort)
NDECK=${#IDS[@]}
((NDECK > 0)) || die "no lessons under $LESSONS"
log "$NDECK lessons in $LESSONS"

CMD_BUILD="$LECTERN --root $SAMPLE build --out $W/site"
CMD_DECK="$LECTERN --root $SAMPLE deck ${IDS[*]} --out $W/lectern-decks"
CMD_MARP="marp --no-config-file --html -I $LESSONS -o $W/marp"
PDF_SRC=$LESSONS/$PDF_DECK.md
CMD_LPDF="$LECTERN --root $SAMPLE deck $PDF_DECK --pdf --chromium $CHROMIUM --out $W/lectern-pdf"
CMD_MPDF="env CHROME_PATH=$CHROMIUM marp --no-config-file --html --pdf --allow-local-files $PDF_SRC -o $W/marp-pdf/$(basename "$PDF_DECK").pdf"

# ---------------------------------------------------------------------------- HTML decks
wait_quiet
load_begin
log "hyperfine: $RUNS runs (+$WARMUP warm-up) of lectern build, lectern deck, marp"
hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$RESULTS/decks-html.json" \
    --prepare "rm -rf $W/site" -n "lectern build (site + decks)" "$CMD_BUILD" \
    --prepare "rm -rf $W/lectern-decks" -n "lectern deck (decks only)" "$CMD_DECK" \
    --prepare "rm -rf $W/marp" -n "marp --html" "$CMD_MARP" >&2
load_end "HTML decks"

# The last timed run's output is left in place: check it and measure it.
n_site=$(find "$W/site/decks" -name '*.html' | wc -l)
n_deck=$(find "$W/lectern-decks" -name '*.html' | wc -l)
n_marp=$(find "$W/marp" -name '*.html' | wc -l)
[[ $n_site == "$NDECK" && $n_deck == "$NDECK" && $n_marp == "$NDECK" ]] ||
    die "expected $NDECK decks each; site/decks has $n_site, lectern deck $n_deck, marp $n_marp"

# ---------------------------------------------------------------------------- PDF
wait_quiet
load_begin
log "hyperfine: $PDF_RUNS runs (+1 warm-up) of one deck to PDF ($PDF_DECK)"
hyperfine --style basic --warmup 1 --runs "$PDF_RUNS" --export-json "$RESULTS/decks-pdf.json" \
    --prepare "rm -rf $W/lectern-pdf" -n "lectern deck --pdf" "$CMD_LPDF" \
    --prepare "rm -rf $W/marp-pdf" -n "marp --pdf" "$CMD_MPDF" >&2
load_end "PDF"
LPDF=$W/lectern-pdf/$PDF_DECK.pdf
MPDF=$W/marp-pdf/$(basename "$PDF_DECK").pdf
[[ -s $LPDF && -s $MPDF ]] || die "a PDF is missing: $LPDF $MPDF"
pdf_pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
pdf_size() { pdfinfo "$1" | awk -F': *' '/^Page size:/ {print $2}'; }
SLIDES=$(awk '/^---[ \t]*$/ {c++} END {print c - 1}' "$PDF_SRC")   # breaks after the front matter
ELAPSED=$(($(date +%s) - T0))

# ---------------------------------------------------------------------------- report
REPORT=$(python3 - "$RESULTS/decks-html.json" "$RESULTS/decks-pdf.json" "$W" "$NDECK" "$PDF_DECK" \
    "$LPDF:$(pdf_pages "$LPDF"):$(pdf_size "$LPDF")" "$MPDF:$(pdf_pages "$MPDF"):$(pdf_size "$MPDF")" <<'PY'
import json, os, re, statistics, sys
html_json, pdf_json, w, ndeck, pdf_deck, lpdf, mpdf = sys.argv[1:8]

def med(path):
    out = {}
    for r in json.load(open(path))["results"]:
        t = r["times"]
        out[r["command"]] = (statistics.median(t), min(t), max(t), len(t))
    return out

# External references: anything the browser would fetch from outside the file.
REFS = [
    ("<link href", re.compile(r"<link\b[^>]*?\bhref\s*=\s*[\"']?(?!data:|#)([^\"'\s>]+)", re.I)),
    ("<script src", re.compile(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?(?!data:)([^\"'\s>]+)", re.I)),
    ("src=\"http", re.compile(r"\bsrc\s*=\s*[\"']?(https?:)", re.I)),
    ("img/media src (not data:)", re.compile(r"<(?:img|source|video|audio|iframe|embed)\b[^>]*?\bsrc\s*=\s*[\"']?(?!data:|https?:)([^\"'\s>]+)", re.I)),
    ("CSS url()/@import (not data:)", re.compile(r"(?:url\(\s*[\"']?(?!data:|#)([^\"')\s]+)|@import\s+[\"']([^\"']+))", re.I)),
]

def scan(folder, only_decks=False):
    files = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs]
    decks = [f for f in files if f.endswith(".html")]
    counts = {k: 0 for k, _ in REFS}
    examples = []
    slides = 0
    for f in decks:
        text = open(f, encoding="utf-8", errors="replace").read()
        # Lectern: <section class="slide" …>; Marp (bespoke template): <section id="N" …>
        slides += len(re.findall(r'<section class="slide"|<section id="\d+"', text))
        for k, rx in REFS:
            for m in rx.finditer(text):
                counts[k] += 1
                if len(examples) < 3:
                    examples.append(m.group(0)[:90])
    return dict(files=len(files), bytes=sum(os.path.getsize(f) for f in files),
                deck_bytes=sum(os.path.getsize(f) for f in decks), ndeck=len(decks),
                counts=counts, ext=sum(counts.values()), examples=examples, slides=slides)

h, p = med(html_json), med(pdf_json)
site = scan(os.path.join(w, "site"))
sdecks = scan(os.path.join(w, "site", "decks"))
ldecks = scan(os.path.join(w, "lectern-decks"))
marp = scan(os.path.join(w, "marp"))
m = h["marp --html"][0]
rows = [
    ("lectern build (site + decks)", h["lectern build (site + decks)"], sdecks, "whole site: %d files, %.0f KB" % (site["files"], site["bytes"] / 1024)),
    ("lectern deck (decks only)", h["lectern deck (decks only)"], ldecks, ""),
    ("marp --html", h["marp --html"], marp, ""),
]
print("### HTML: all %s lessons of the bundled sample\n" % ndeck)
print("| command | median wall ms | min–max ms | runs | decks | slides | deck bytes (KB) | external refs in decks | self-contained | time / Marp |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
for name, (md, lo, hi, n), s, note in rows:
    print("| %s | %.1f | %.1f–%.1f | %d | %d | %d | %.0f | %d | %s | %.3f× |" % (
        name, md * 1e3, lo * 1e3, hi * 1e3, n, s["ndeck"], s["slides"], s["deck_bytes"] / 1024, s["ext"],
        "yes" if s["ext"] == 0 else "no", md / m))
print()
for name, _, s, note in rows:
    kinds = ", ".join("%s: %d" % (k, v) for k, v in s["counts"].items() if v)
    print("- %s: %s%s%s" % (name, kinds or "no external references",
                             ("; e.g. `" + "`, `".join(s["examples"]) + "`") if s["examples"] else "",
                             ("; " + note) if note else ""))
print()
lp, mp = lpdf.split(":", 2), mpdf.split(":", 2)
print("### PDF: one deck (`%s`)\n" % pdf_deck)
print("| command | median wall s | min–max s | runs | PDF KB | pages | page size | time / Marp |")
print("|---|---:|---:|---:|---:|---:|---|---:|")
mm = p["marp --pdf"][0]
for name, info in (("lectern deck --pdf", lp), ("marp --pdf", mp)):
    md, lo, hi, n = p[name]
    print("| %s | %.2f | %.2f–%.2f | %d | %.0f | %s | %s | %.2f× |" % (
        name, md, lo, hi, n, os.path.getsize(info[0]) / 1024, info[1], info[2], md / mm))
PY
)

{
    echo "## Slide decks: Lectern vs Marp CLI — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$REPORT"
    echo
    echo "Notes:"
    echo "- Slides of \`$PDF_DECK\` in the source: $SLIDES (\`---\` breaks after the front matter, plus one)."
    echo "  Marp reads \`title\` (also a Marp directive) and ignores Lectern's other front-matter keys (objectives,"
    echo "  roles…, without warnings); it shows \`Note:\` paragraphs as slide text (Marp's notes are HTML"
    echo "  comments), while Lectern keeps them as speaker notes."
    echo "- \`lectern build\` times the whole site (lesson pages, search index, SOPs, Q&A…), decks included."
    echo "- Marp needs no browser for HTML (CHROME_PATH is set only for \`--pdf\`). Its HTML keeps the lessons'"
    echo "  images as links (relative to the output, or site-absolute as written), so its decks are not"
    echo "  self-contained; Lectern inlines them as data: URIs."
    echo
    echo "Commands (hyperfine --warmup $WARMUP --runs $RUNS for HTML, --warmup 1 --runs $PDF_RUNS for PDF; the"
    echo "output folder is removed in --prepare before every run):"
    echo
    echo '```'
    echo "$CMD_BUILD"
    echo "$CMD_DECK"
    echo "$CMD_MARP"
    echo "$CMD_LPDF"
    echo "$CMD_MPDF"
    echo '```'
    echo
    echo "- Machine: $(machine_info)"
    echo "- Versions: $V_LECTERN; $V_MARP; $V_HF; $V_CHROMIUM; node $(node --version)"
    for l in "${LOADS[@]}"; do echo "- Load: $l"; done
    echo "- Script wall time: ${ELAPSED}s"
} >"$RESULTS/decks.md"
echo
cat "$RESULTS/decks.md"
