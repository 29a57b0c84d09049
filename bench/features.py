#!/usr/bin/env python3
"""Add Lectern's authoring features to a copy of the shared corpus (bench/features.sh).

    bench/features.py CORPUS_DIR features|plain

`features`: every lesson gets a section with an inline and a display formula, a callout
(`> [!TIP]` or `> [!WARNING]`) and a quiz (`> [!QUIZ]`, single or multiple choice, with an
explanation); every third lesson loses its slide breaks (`---` lines after the front
matter), so it is one long prose page. `plain`: the same words as plain paragraphs and a
plain list, and the slide breaks kept. Formulas and questions carry the lesson's number,
so none repeats.
"""
import pathlib
import re
import sys


def section(n, features):
    formula = r"\frac{{\text{{GMV}}_{{{n}}}}}{{\text{{UV}}}} = \sum_{{k=1}}^{{{n}}} p_k q_k".format(n=n)
    kind = "TIP" if n % 2 else "WARNING"
    options = [("x", "成交总额"), (" ", "观看人数"), ("x" if n % 3 == 0 else " ", "第 %d 场的下单金额" % n)]
    lines = ["", "## 练习 %d：指标与自测" % n, ""]
    if features:
        lines += [
            "每位观众贡献的成交额是 $\\text{GMV}_{%d} / \\text{UV}$，按商品拆开为：" % n,
            "",
            "$$" + formula + "$$",
            "",
            "> [!%s]" % kind,
            "> 第 %d 课的数据口径要在日报里写明：GMV 含退款，ROI 按千川消耗计算。" % n,
            "",
            "> [!QUIZ] 第 %d 课：直播间的 **GMV** 指什么？" % n,
        ]
        lines += ["> - [%s] %s" % o for o in options]
        lines += [">", "> GMV（Gross Merchandise Volume）是成交总额，不是流量指标。"]
    else:
        lines += [
            "每位观众贡献的成交额是 GMV 除以 UV，按商品拆开为每件商品的价格乘以销量之和，共 %d 项。" % n,
            "",
            "第 %d 课的数据口径要在日报里写明：GMV 含退款，ROI 按千川消耗计算。" % n,
            "",
            "第 %d 课：直播间的 **GMV** 指什么？" % n,
            "",
        ]
        lines += ["- %s" % text for _, text in options]
        lines += ["", "GMV（Gross Merchandise Volume）是成交总额，不是流量指标。"]
    return "\n".join(lines) + "\n"


def without_slide_breaks(text):
    end = text.index("\n---\n", 3) + 5  # after the front matter
    body = re.sub(r"(?m)^---\n", "\n", text[end:])
    return text[:end] + body


def main():
    root, mode = pathlib.Path(sys.argv[1]), sys.argv[2]
    features = mode == "features"
    lessons = sorted(p for p in root.glob("content/lessons/*/*.md") if not p.name.startswith("_"))
    prose = 0
    for n, lesson in enumerate(lessons, 1):
        text = lesson.read_text(encoding="utf-8")
        if features and n % 3 == 0 and text.startswith("---\n"):
            text = without_slide_breaks(text)
            prose += 1
        lesson.write_text(text + section(n, features), encoding="utf-8")
    print("%s: %d lessons, %d made prose" % (mode, len(lessons), prose), file=sys.stderr)


if __name__ == "__main__":
    main()
