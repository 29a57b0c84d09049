#!/usr/bin/env bash
# Math benchmark (issue 15): `lectern build` of the 1,000-lesson corpus with 20 formulas per
# lesson against the same corpus with the same added sentences but no formulas. The target
# is within 1.15× (wall and CPU).
#
# Both copies start from the shared corpus (../shared/bench/gen_corpus.py, seed 42, as
# bench/run.sh). To every lesson they append the same ten sentences of Chinese text; in the
# math copy each sentence carries two formulas (inline `$…$` and display `$$…$$`, fractions,
# sums with limits, matrices, `aligned`, `cases`, `\mathbb`, `\text{中文}`, `\tag`), made
# different in every lesson (the lesson's number is in them) so that no formula repeats.
# Measured with hyperfine (RUNS timed runs after WARMUP, output folder removed before each):
# the whole build, site + decks + search. Markdown on stdout and in bench/out/math.md.
#
#   bench/math.sh                              # N=1000 RUNS=10 WARMUP=2
#   LECTERN_BIN=target/release/lectern bench/math.sh   # skip cargo build, time this binary
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${N:-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
need_tools hyperfine:hyperfine python3:python3
lectern_bin math
BASE=$(corpus "$N" lectern)
W=$BENCH_DIR/math
rm -rf "$W" && mkdir -p "$W"
cp -r "$BASE" "$W/plain"
cp -r "$BASE" "$W/math"

# add_formulas DIR WITH_MATH — append the ten sentences to every lesson of DIR.
add_formulas() {
    python3 - "$1" "$2" <<'PY'
import pathlib, sys
root, with_math = pathlib.Path(sys.argv[1]), sys.argv[2] == "1"
# Ten sentences, two formulas each; {n} is the lesson's number.
SENTENCES = [
    ("回报的定义是 {a}，折扣后为 {b}。", r"G_{{{n}}} = \sum_{{k=0}}^{{\infty}} \gamma^k R_{{{n}+k+1}}", r"$$\frac{{1}}{{1-\gamma_{{{n}}}}}$$"),
    ("状态价值 {a} 满足贝尔曼方程 {b}。", r"V^{{\pi}}(s_{{{n}}})", "$$\\begin{{aligned}} V(s) &= \\mathbb{{E}}[G_t \\mid S_t = s_{{{n}}}] \\\\ &= r + \\gamma V(s') \\end{{aligned}}$$"),
    ("动作 {a} 的选取规则是 {b}。", r"a_{{{n}}} \in \mathcal{{A}}", "$$\\pi(a) = \\begin{{cases}} 1 - \\varepsilon, & a = a^* \\\\ \\varepsilon / {n}, & \\text{{其他}} \\end{{cases}}$$"),
    ("转移矩阵 {a} 写作 {b}。", r"P_{{{n}}}", "$$P = \\begin{{pmatrix}} 0.9 & 0.1 \\\\ 0.{n} & 0.5 \\end{{pmatrix}}$$"),
    ("期望 {a} 与方差 {b} 一起给出。", r"\mathbb{{E}}[X_{{{n}}}]", r"$\operatorname{{Var}}(X) = \mathbb{{E}}[X^2] - {n}$"),
    ("正态分布 {a} 的密度是 {b}。", r"\mathcal{{N}}(\mu, \sigma_{{{n}}}^2)", r"$$p(x) = \frac{{1}}{{\sqrt{{2\pi}}\sigma}} e^{{-\frac{{(x-{n})^2}}{{2\sigma^2}}}} \tag{{{n}}}$$"),
    ("梯度 {a} 用于更新 {b}。", r"\nabla_\theta J(\theta_{{{n}}})", r"$\theta_{{k+1}} = \theta_k + \alpha_{{{n}}} \nabla_\theta J$"),
    ("样本频率 {a} 近似概率 {b}。", r"\frac{{\text{{满足条件的样本数}}}}{{{n}}}", r"$P(A \mid B_{{{n}}})$"),
    ("内积 {a} 与范数 {b} 常一起出现。", r"\left\langle \boldsymbol{{u}}, \boldsymbol{{v}}_{{{n}}} \right\rangle", r"$\left\| \mathbf{{x}}_{{{n}}} \right\|_2$"),
    ("估计量 {a} 的偏差是 {b}。", r"\hat{{\theta}}_{{{n}}}", r"$\bar{{x}} - \tilde{{x}}_{{{n}}}$"),
]
lessons = sorted(p for p in root.glob("content/lessons/*/*.md") if not p.name.startswith("_"))
for n, lesson in enumerate(lessons, 1):
    lines = ["", "## 公式", ""]
    for text, a, b in SENTENCES:
        if with_math:
            lines.append(text.format(a="$" + a.format(n=n) + "$", b=b.format(n=n)))
        else:
            lines.append(text.format(a="", b=""))
        lines.append("")
    with lesson.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines))
print(f"{len(lessons)} lessons", file=sys.stderr)
PY
}
add_formulas "$W/plain" 0
add_formulas "$W/math" 1

# The math copy must build with no warning about a formula.
"$LECTERN" --root "$W/math" build --out "$W/check" >"$W/check.log" 2>&1 || die "math corpus failed (log: $W/check.log)"
! grep -q "formula not converted" "$W/check.log" || die "formulas that did not convert (log: $W/check.log)"
FORMULAS=$(cat "$W"/check/lessons/*/*.html | grep -o "<math" | wc -l)
log "$FORMULAS formulas rendered"

wait_quiet
load_begin
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" --export-json "$RESULTS/math.json" \
    --prepare "rm -rf $W/out" \
    -n plain "$LECTERN --root $W/plain build --out $W/out" \
    -n math "$LECTERN --root $W/math build --out $W/out" >&2
load_end "hyperfine"

python3 - "$RESULTS/math.json" "$N" "$FORMULAS" "$V_LECTERN" "$(machine_info)" "${LOADS[*]}" <<'PY' | tee "$RESULTS/math.md"
import json, statistics, sys
data, n, formulas, version, machine, load = sys.argv[1:]
res = {r["command"]: r for r in json.load(open(data))["results"]}
def row(name):
    r = res[name]
    return statistics.median(r["times"]), r["user"] + r["system"]
pw, pc = row("plain")
mw, mc = row("math")
print(f"{version}; {machine}")
print(f"{n} lessons, {formulas} formulas in the math copy; {load}\n")
print("| corpus | median wall s | CPU s (user+sys, mean) |")
print("|---|---:|---:|")
print(f"| without math | {pw:.3f} | {pc:.3f} |")
print(f"| 20 formulas per lesson | {mw:.3f} | {mc:.3f} |")
print(f"| **ratio** | **{mw / pw:.3f}×** | **{mc / pc:.3f}×** |")
PY
