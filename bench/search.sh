#!/usr/bin/env bash
# Search benchmark: Lectern's built-in search index against Pagefind (npm `pagefind`) on the
# shared corpus (../shared/bench/gen_corpus.py) at 1,000 and 10,000 lessons.
#
# Measures, for each size N:
#   Index build
#     Lectern   `LECTERN_TIMINGS=1 lectern --root CORPUS build --out DIR`, IDX_RUNS times:
#               the median of its `timing: search index` line (and the sub-phases printed with
#               it), and the `search index:` summary line (records, KB, files, largest file).
#               The index cannot be switched off, so the build is not timed with and without it.
#     Pagefind  `pagefind --site HUGO_OUT` (the npm package's bin, which `npx pagefind` runs) on
#               the Hugo build of the same corpus (Hugo's time not counted; its lesson layout
#               marks the body with data-pagefind-body, so only the N lessons are indexed):
#               hyperfine median over IDX_RUNS runs (after one untimed run whose summary is
#               kept), pagefind/ removed before each; bytes and
#               files of pagefind/ (all of it, and the part that is the index itself).
#   Query latency in headless Chromium (bench/search_query.mjs, puppeteer-core driving
#     /usr/bin/chromium), both sites served by `python3 -m http.server` on 127.0.0.1, over the
#     queries in QUERIES (mixed Chinese/English): per query, `cold` = first query in a fresh
#     browser context (empty cache), `warm` = the same query again on that page, `seq` = all
#     queries in order on one page; wall time in the page with performance.now(). Lectern:
#     `await window.lectern.search(q, {limit: 10})`; Pagefind: `await import('/pagefind/pagefind.js')`,
#     `await pf.search(q)`, then `data()` of the first 10 results. Index bytes a query loads:
#     resource-timing entries under search/ or pagefind/ (page + worker), transferSize and
#     encodedBodySize, plus a gzip -6 estimate (http.server does not compress).
# Output: Markdown on stdout and in bench/out/search.md (git-ignored); raw data in bench/out/.
#
#   bench/search.sh                          # SIZES="1000 10000"
#   SIZES=1000 IDX_RUNS=3 bench/search.sh    # quicker
#   LECTERN_BIN=path/to/lectern bench/search.sh
#
# Environment: SIZES, IDX_RUNS (default 5; 3 for N >= 10000), TWO_TERM (the two-term query
# whose bytes are broken down; default "千川 预算"), BENCH_DIR (default /tmp/lectern-bench),
# CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SIZES=${SIZES:-"1000 10000"}
TWO_TERM=${TWO_TERM:-"千川 预算"}
T0=$(date +%s)
QUERIES=(日报 爆款公式 "千川 预算" GMV 完播率 "618 大促" "KOC 账号" 剪映 "抖音 切片" "A/B test"
    违禁词 "直播间 转化率" 复购率 "DOU+ 投放" "completion rate" "小红书 封面" "SOP 巡检" 客单价
    "hook" "主播 原声")

need_tools hyperfine:hyperfine python3:python3 hugo:hugo curl:curl
need_npm
lectern_bin search
V_PF=$(pagefind --version 2>/dev/null | sed -n 1p)
V_HUGO=$(hugo version 2>/dev/null | sed -n 1p)
V_HF=$(hyperfine --version)
W=$BENCH_DIR/search
mkdir -p "$W"
printf '%s\n' "${QUERIES[@]}" >"$W/queries.txt"
grep -qxF "$TWO_TERM" "$W/queries.txt" || echo "$TWO_TERM" >>"$W/queries.txt"

SERVERS=()
stop_servers() {
    local p
    for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    SERVERS=()
}
trap stop_servers EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

serve_dir() { # serve_dir DIR PORT — python http.server on 127.0.0.1, waits until it answers
    python3 -m http.server "$2" --bind 127.0.0.1 --directory "$1" >"$W/http-$2.log" 2>&1 &
    SERVERS+=($!)
    local i
    for i in $(seq 50); do
        curl -fsS -o /dev/null "http://127.0.0.1:$2/" 2>/dev/null && return 0
        sleep 0.2
    done
    die "http.server on port $2 did not start (log: $W/http-$2.log)"
}

ROWS=$W/rows.tsv
: >"$ROWS"
for n in $SIZES; do
    runs=${IDX_RUNS:-$((n >= 10000 ? 3 : 5))}
    LSRC=$(corpus "$n" lectern)
    HSRC=$(corpus "$n" hugo)
    LOUT=$W/$n/lectern HOUT=$W/$n/hugo
    mkdir -p "$W/$n"

    # ---------------------------------------------------------------- index build
    log "N=$n: Hugo build (not timed; the site Pagefind indexes)"
    discard "$HOUT" "$W/hugo-cache"
    hugo --source "$HSRC" --destination "$HOUT" --cacheDir "$W/hugo-cache" --quiet >"$W/$n/hugo.log" 2>&1 ||
        { cat "$W/$n/hugo.log" >&2; die "hugo failed on N=$n"; }

    wait_quiet
    load_begin
    : >"$W/$n/lectern-timings.txt"
    for i in $(seq "$runs"); do
        log "N=$n: lectern build $i/$runs (LECTERN_TIMINGS=1)"
        discard "$LOUT"
        LECTERN_TIMINGS=1 "$LECTERN" --root "$LSRC" build --out "$LOUT" >"$W/$n/lectern.log" 2>&1 ||
            { tail -20 "$W/$n/lectern.log" >&2; die "lectern failed on N=$n"; }
        grep -E '^(timing:|search index:|built )' "$W/$n/lectern.log" | sed "s/^/run$i\t/" >>"$W/$n/lectern-timings.txt"
    done
    grep -q 'timing: search index' "$W/$n/lectern.log" || die "no 'timing: search index' line in $W/$n/lectern.log"
    log "N=$n: pagefind, one run for its summary (= the warm-up), then hyperfine $runs runs"
    discard "$HOUT/pagefind"
    pagefind --site "$HOUT" >"$RESULTS/search-pagefind-$n.log" 2>&1 ||
        { cat "$RESULTS/search-pagefind-$n.log" >&2; die "pagefind failed on N=$n"; }
    hyperfine --style basic --runs "$runs" --export-json "$RESULTS/search-pagefind-$n.json" \
        --prepare "if [ -e $HOUT/pagefind ]; then mv $HOUT/pagefind \$(mktemp -d -p $BENCH_TRASH); fi" -n pagefind "pagefind --site $HOUT" >&2
    load_end "N=$n index build"
    [[ -f $HOUT/pagefind/pagefind.js ]] || die "pagefind wrote no $HOUT/pagefind/pagefind.js"

    # ---------------------------------------------------------------- query latency
    wait_quiet
    load_begin
    pl=$(free_port)
    serve_dir "$LOUT" "$pl"
    pp=$(free_port)
    serve_dir "$HOUT" "$pp"
    log "N=$n: query latency in Chromium (${#QUERIES[@]} queries, 2 engines)"
    node "$BENCH/search_query.mjs" --chromium "$CHROMIUM" --queries "$W/queries.txt" --out "$RESULTS/search-queries-$n.json" \
        --lectern "http://127.0.0.1:$pl/" --lectern-dir "$LOUT" \
        --pagefind "http://127.0.0.1:$pp/" --pagefind-dir "$HOUT" 2>"$W/$n/query.log" ||
        { cat "$W/$n/query.log" >&2; die "search_query.mjs failed on N=$n"; }
    stop_servers
    load_end "N=$n queries"
    cp "$W/$n/lectern-timings.txt" "$RESULTS/search-lectern-timings-$n.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$RESULTS/search-lectern-timings-$n.txt" "$RESULTS/search-pagefind-$n.json" \
        "$HOUT/pagefind" "$RESULTS/search-queries-$n.json" "$RESULTS/search-pagefind-$n.log" >>"$ROWS"
done
ELAPSED=$(($(date +%s) - T0))

# ---------------------------------------------------------------------------- report
REPORT=$(python3 - "$ROWS" "$TWO_TERM" "$W" <<'PY'
import json, os, re, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
two, w = sys.argv[2], sys.argv[3]
med = statistics.median

def p(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]

def folder(d):
    files = [os.path.join(a, f) for a, _, fs in os.walk(d) for f in fs]
    return files, sum(os.path.getsize(f) for f in files)

build, query, details, breakdown = [], [], [], []
for n, ltimes, pf_json, pf_dir, q_json, pf_log in rows:
    n = int(n)
    # Lectern: timing lines per run
    timing, summary, built = {}, "", ""
    for line in open(ltimes, encoding="utf-8"):
        run, text = line.rstrip("\n").split("\t", 1)
        m = re.match(r"timing: (\s*)(.+?)\s+([0-9.]+) ms(?:\s|$)", text)
        if m:
            timing.setdefault((m.group(1) != "", m.group(2)), []).append(float(m.group(3)))
        elif text.startswith("search index:"):
            summary = text
        elif text.startswith("built "):
            built = text
    si = timing[(False, "search index")]
    subs = ", ".join("%s %.0f ms" % (k[1], med(v)) for k, v in timing.items() if k[0])
    build_s = re.search(r"in ([0-9.]+)s$", built)
    m = re.match(r"search index: (\d+) records, (\d+) KB in (\d+) files \(largest (\S+), (\d+) KB\)", summary)
    rec, kb, nfiles, largest, lkb = m.groups() if m else ("?", "?", "?", "?", "?")
    # Pagefind
    res = json.load(open(pf_json))["results"][0]["times"]
    files, nbytes = folder(pf_dir)
    idx = [f for f in files if re.search(r"/(index|fragment)/|\.pf_meta$|\.pagefind$|pagefind(-worker)?\.js$|pagefind-entry\.json$", f)]
    idx_bytes = sum(os.path.getsize(f) for f in idx)
    log = open(pf_log, encoding="utf-8", errors="replace").read()
    pages = re.search(r"Indexed (\d+) pages", log)
    words = re.search(r"Indexed (\d+) words", log)
    largest_pf = max(files, key=os.path.getsize)
    build.append((n, med(si) / 1000, min(si) / 1000, max(si) / 1000, len(si), subs, rec, int(kb), int(nfiles), largest, lkb,
                  med(res), min(res), max(res), len(res), pages.group(1) if pages else "?", words.group(1) if words else "?",
                  nbytes, len(files), idx_bytes, len(idx), os.path.relpath(largest_pf, pf_dir), os.path.getsize(largest_pf),
                  float(build_s.group(1)) if build_s else None))
    # Queries
    q = json.load(open(q_json))
    E = q["engines"]
    agg = {}
    for name in ("lectern", "pagefind"):
        r = E[name]["rows"]
        cold = [x["cold"] for x in r]
        warm = [x["warm"] for x in r]
        seq = E[name]["seq"][1:]
        kb_t = [sum(f["transfer"] for f in x["files"]) / 1024 for x in r]
        kb_gz = [sum((f["gzip"] or f["encoded"]) for f in x["files"]) / 1024 for x in r]
        t = next(x for x in r if x["q"] == two)
        tf = t["files"]
        agg[name] = dict(cold=cold, warm=warm, seq=seq, kb=kb_t, kbgz=kb_gz,
                         two_t=sum(f["transfer"] for f in tf) / 1024, two_e=sum(f["encoded"] for f in tf) / 1024,
                         two_gz=sum((f["gzip"] or f["encoded"]) for f in tf) / 1024, two_n=len(tf), two_files=tf)
    query.append((n, agg))
    details.append((n, E))

print("### Index build\n")
print("| lessons | tool | index build median s | min–max s | runs | records / pages | index KB | files | largest file | ratio Lectern / Pagefind |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|")
for b in build:
    (n, lm, llo, lhi, lr, subs, rec, kb, nf, largest, lkb, pm, plo, phi, pr, pages, words, pb, pf, ib, inf, plarg, plsz, whole) = b
    print("| {:,} | Lectern (`timing: search index`) | {:.3f} | {:.3f}–{:.3f} | {} | {} records | {:,} | {:,} | {} ({} KB) | {:.3f}× time, {:.2f}× KB |".format(
        n, lm, llo, lhi, lr, rec, kb, nf, largest, lkb, lm / pm, kb / (pb / 1024)))
    print("| {:,} | Pagefind (`pagefind --site`) | {:.3f} | {:.3f}–{:.3f} | {} | {} pages, {} words | {:,} (index only {:,}) | {:,} (index only {:,}) | {} ({:.0f} KB) | 1 |".format(
        n, pm, plo, phi, pr, pages, words, round(pb / 1024), round(ib / 1024), pf, inf, plarg, plsz / 1024))
print()
for b in build:
    print("- N={:,}: Lectern's search-index sub-phases (medians): {}; whole Lectern build (last run) {}s.".format(
        b[0], b[5], b[23]))
print("- Lectern's records are sections of pages (a lesson is split at its headings; Q&A, SOPs, roles are records too);")
print("  Pagefind's are pages. Pagefind's time is a whole run: walking and parsing the built HTML, then indexing;")
print("  Lectern's phase works from the parsed content it already holds for the build. \"Index only\" for Pagefind")
print("  leaves out its optional UI bundles (pagefind-ui.*, pagefind-component-ui.*, pagefind-modular-ui.*, highlight).")
print()
print("### Query latency in headless Chromium (%d queries; ms, median unless stated)\n" % len(details[0][1]["lectern"]["rows"]))
print("| lessons | engine | cold median | cold p90 | cold max | warm median | in sequence median | KB loaded per cold query, median (gzip est.) | \"%s\": files, KB transferred / body / gzip est. | cold ratio L/P | KB ratio L/P |" % two)
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n, agg in query:
    L, P = agg["lectern"], agg["pagefind"]
    for name, a in (("Lectern", L), ("Pagefind", P)):
        print("| {:,} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.0f} ({:.0f}) | {} files, {:.0f} / {:.0f} / {:.0f} | {} | {} |".format(
            n, name, med(a["cold"]), p(a["cold"], 0.9), max(a["cold"]), med(a["warm"]), med(a["seq"]),
            med(a["kb"]), med(a["kbgz"]), a["two_n"], a["two_t"], a["two_e"], a["two_gz"],
            "%.2f×" % (med(L["cold"]) / med(P["cold"])) if name == "Lectern" else "1",
            "%.2f× (gzip %.2f×)" % (L["two_t"] / P["two_t"], L["two_gz"] / P["two_gz"]) if name == "Lectern" else "1"))
print()
print("- cold: first query in a fresh browser context (empty cache), page already loaded; Lectern's time includes")
print("  loading search/meta.js, the term shards and record blocks; Pagefind's includes importing pagefind.js, starting")
print("  its worker and WASM, and fetching metadata, index chunks and the 10 fragments. warm: the same query again on")
print("  that page. in sequence: queries 2..%d run one after another on one page." % len(details[0][1]["lectern"]["rows"]))
print("- Results differ by design: Lectern ranks records by how many query parts they match and fills its 10 with")
print("  partial matches (a record is a section); Pagefind returns only pages containing every term (its total shown).")
for n, agg in query:
    for name in ("lectern", "pagefind"):
        groups = {}
        for f in agg[name]["two_files"]:
            k = re.sub(r"[-_][0-9a-f]+(\.\w+)$|-\d+(\.js)$", lambda m: "-*" + (m.group(1) or m.group(2)), os.path.basename(f["path"]))
            k = ("worker: " if f.get("worker") else "") + k
            g = groups.setdefault(k, [0, 0])
            g[0] += 1
            g[1] += f["transfer"]
        print("- N={:,} {} \"{}\" loaded: {}".format(n, name, two, ", ".join("%s ×%d %.0f KB" % (k, c, b / 1024) for k, (c, b) in sorted(groups.items(), key=lambda kv: -kv[1][1]))))
print()
for n, E in details:
    print("<details><summary>Per query, N={:,} (ms; results returned, of total for Pagefind; KB transferred)</summary>\n".format(n))
    print("| query | Lectern cold | warm | results | KB | Pagefind cold | warm | results | KB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for a, b in zip(E["lectern"]["rows"], E["pagefind"]["rows"]):
        print("| {} | {:.1f} | {:.1f} | {} | {:.0f} | {:.1f} | {:.1f} | {} of {} | {:.0f} |".format(
            a["q"], a["cold"], a["warm"], a["count"], sum(f["transfer"] for f in a["files"]) / 1024,
            b["cold"], b["warm"], b["count"], b["total"], sum(f["transfer"] for f in b["files"]) / 1024))
    print("\n</details>\n")
PY
)

{
    echo "## Search: Lectern vs Pagefind — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$REPORT"
    echo
    echo "Commands (N = lesson count; CORPUS = $BENCH_DIR/corpus/N/{lectern,hugo}, OUT = $W/N/…):"
    echo
    echo '```'
    echo "LECTERN_TIMINGS=1 $LECTERN --root CORPUS/lectern build --out OUT/lectern     # IDX_RUNS times (5; 3 at N >= 10000)"
    echo "hugo --source CORPUS/hugo --destination OUT/hugo --quiet                       # not timed"
    echo "pagefind --site OUT/hugo                                                    # once, untimed: its summary, and the warm-up"
    echo "hyperfine --runs IDX_RUNS --prepare 'mv OUT/hugo/pagefind TRASH' 'pagefind --site OUT/hugo'"
    echo "python3 -m http.server PORT --bind 127.0.0.1 --directory OUT/{lectern,hugo}"
    echo "node bench/search_query.mjs --lectern http://127.0.0.1:PL/ --pagefind http://127.0.0.1:PP/ --queries queries.txt ..."
    echo '```'
    echo
    echo "Queries: $(paste -sd'|' "$W/queries.txt" | sed 's/|/, /g')"
    echo
    echo "- Machine: $(machine_info)"
    echo "- Versions: $V_LECTERN; $V_PF (npm pagefind $(npm_version pagefind)); puppeteer-core $(npm_version puppeteer-core);"
    echo "  $("$CHROMIUM" --version 2>/dev/null | sed -n 1p); $V_HUGO; $V_HF; node $(node --version); $(python3 --version)"
    for l in "${LOADS[@]}"; do echo "- Load: $l"; done
    echo "- Script wall time: ${ELAPSED}s"
} >"$RESULTS/search.md"
echo
cat "$RESULTS/search.md"
