//! Cases about YAML: lesson front matter, keys and types, `lectern.yaml`; `lectern check`
//! on the same kind of mistake, and `lectern serve` without a `lectern.yaml`.

use super::{case, Case, Ctx, CLIP_CHECK, CONFIG, GLOSSARY, NEXT, ROLES};

pub static CASES: &[Case] = &[
    // ── Front matter ────────────────────────────────────────────────────────────────
    case("front_matter_truncated", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nroles: [creator,\n---\n正文\n")
    }),
    // The bracket is closed by nothing on the following lines either.
    case("front_matter_unclosed_list_before_more_keys", |p| {
        p.write(NEXT, "---\ntitle: 第二课\ntags: [剪辑, 数据\nduration: 3\n---\n正文\n")
    }),
    case("front_matter_cut_off", |p| {
        p.write(NEXT, "---\ntitle: 第二课\ntags: [a, b")
    }),
    case("front_matter_never_closed", |p| {
        p.write(NEXT, "---\ntitle: x\n\n## 正文\n\n很多内容\n")
    }),
    // Without front matter the first heading is the title (reveal.js decks have none);
    // with neither, it is an error.
    case("no_front_matter_heading_is_title", |p| {
        p.write(NEXT, "# 第二课\n\n正文\n")
    }),
    case("no_front_matter_no_heading", |p| {
        p.write(NEXT, "只有正文，没有标题。\n")
    }),
    case("missing_title", |p| p.write(NEXT, "---\nduration: 3\n---\n正文\n")),
    case("nested_yaml_10000_deep", |p| {
        p.write(
            NEXT,
            &format!(
                "---\ntitle: x\ntags: {}{}\n---\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
        )
    }),
    // ── Keys and types ──────────────────────────────────────────────────────────────
    case("unknown_front_matter_key", |p| {
        p.write(NEXT, "---\ntitle: 第二课\ndurration: 20\n---\n正文\n")
    }),
    case("unknown_sop_key", |p| p.write(CLIP_CHECK, "title: a\nsectoins: []\n")),
    case("unknown_role_key", |p| {
        p.edit(ROLES, |s| {
            s.replacen("  headcount: 8\n", "  headcount: 8\n  salary: 1\n", 1)
        })
    }),
    case("unknown_module_key", |p| {
        p.write("content/lessons/02-advanced/_module.yaml", "title: 进阶\nordr: 2\n")
    }),
    // Every unknown key at its own line, in one run, and the body is still checked.
    case("unknown_front_matter_keys_all_in_one_run", |p| {
        p.write(
            NEXT,
            "---\ntitel: 第二课\ndurration: 20\nsummary: 一句话\n---\n# 第二课\n\n![流程图](missing.png)\n",
        )
    }),
    // A Hexo post as pasted: its keys are one warning (tags as one string is a tag); the
    // missing image is reported in the same run.
    case("front_matter_of_other_tools_is_one_warning", |p| {
        p.write(
            NEXT,
            "---\ntitle: 设计模式之策略模式\ndate: 2021-03-04 10:00:00\ncategories:\n  - 设计模式\ntags: 'Java'\ntoc: true\ncover: /img/cover.jpg\nmathjax: false\npassword: ''\nms.topic: article\n---\n## 什么是 Strategy 模式\n\n![UML 类图](uml.png)\n",
        )
    }),
    // Hugo's TOML front matter is read (title, tags, weight), its other keys are one
    // warning, and none of it is on the page or in search.
    case("hugo_toml_front_matter", |p| {
        p.write(
            NEXT,
            "+++\ntitle = \"讨论一下环境变量\"\ndate = 2021-03-04T10:00:00+08:00\ntags = [\"Linux\", \"shell\"]\nweight = 2\n[params]\n  toc = true\n+++\n\n## 一、环境变量 (environment variables)\n\n`PATH` 决定 shell 去哪里找命令。\n",
        )
    })
    .then(hugo_front_matter_is_read_not_shown),
    case("string_where_a_list_is_expected", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nobjectives: 说出 GMV\n---\n")
    }),
    case("list_where_a_string_is_expected", |p| {
        p.write(NEXT, "---\ntitle: [第二课]\n---\n")
    }),
    case("string_where_sections_are_expected", |p| {
        p.write(CLIP_CHECK, "title: a\nsections: 发布前\n")
    }),
    case("duplicate_key_in_front_matter", |p| {
        p.write(NEXT, "---\ntitle: 第二课\ntitle: 又一个\n---\n")
    }),
    case("duplicate_key_in_sop", |p| {
        p.write(CLIP_CHECK, "title: a\nsections: []\nsections: []\n")
    }),
    case("duplicate_key_in_config", |p| {
        p.write(CONFIG, "title: a\ntitle: b\nlanguage: zh-CN\n")
    }),
    case("billion_laughs_in_glossary", |p| {
        let mut text = String::from("- term: a\n  aliases: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("- term: b{i}\n  aliases: &a{i} [{refs}]\n"));
        }
        p.write(GLOSSARY, &text);
    }),
    case("alias_bomb_of_long_strings", |p| {
        let refs = vec!["*t"; 20_000].join(", ");
        p.write(
            NEXT,
            &format!(
                "---\ntitle: &t \"{}\"\nobjectives: [{refs}]\n---\n",
                "哈".repeat(30_000)
            ),
        );
    }),
    case("number_too_large", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nduration: 99999999999999999999999999\n---\n")
    }),
    case("largest_order", |p| {
        p.write(NEXT, "---\ntitle: 第二课\norder: 9223372036854775807\n---\n")
    }),
    case("headcount_too_large", |p| {
        p.edit(ROLES, |s| s.replace("headcount: 8", "headcount: 4294967296"))
    }),
    case("float_too_large", |p| {
        p.write(
            CLIP_CHECK,
            "title: x\nsections:\n  - title: a\n    steps:\n      - text: b\n        type: number\n        max: 1e309\n",
        )
    }),
    // ── The config file (lectern.yaml, src/config.rs) ───────────────────────────────
    case("config_broken_yaml", |p| {
        p.write(CONFIG, "title: [测试\nlanguage: zh-CN\n")
    }),
    case("config_unknown_key", |p| p.edit(CONFIG, |s| s + "thme: dark\n")),
    case("config_bad_language", |p| {
        p.edit(CONFIG, |s| s.replace("language: zh-CN", "language: fr"))
    }),
    case("config_bad_deck_scale", |p| {
        p.edit(CONFIG, |s| s + "deck:\n  min_scale: lots\n")
    }),
    // ── `lectern check`: the same report, nothing written ───────────────────────────
    case("check_unknown_front_matter_key", |p| {
        p.write(NEXT, "---\ntitle: 第二课\ndurration: 20\n---\n正文\n")
    })
    .args(&["check"]),
    // `serve` stops before it listens.
    case("serve_without_lectern_yaml", |p| p.remove(CONFIG)).args(&["serve", "--port", "0"]),
];

fn hugo_front_matter_is_read_not_shown(ctx: &Ctx) -> Result<(), String> {
    let page = String::from_utf8_lossy(&ctx.read_out("lessons/01-基础/02-next.html")?).into_owned();
    if !page.contains("<title>讨论一下环境变量") {
        return Err("the title is TOML's `title`".into());
    }
    if page.contains("+++") || page.contains("weight = 2") {
        return Err("the TOML block is on the page".into());
    }
    let search = std::fs::read_dir(ctx.fixture.out().join("search")).map_err(|e| e.to_string())?;
    for entry in search.flatten() {
        if std::fs::read_to_string(entry.path())
            .unwrap_or_default()
            .contains("weight = 2")
        {
            return Err(format!("the TOML block is in {}", entry.path().display()));
        }
    }
    Ok(())
}
