//! The catalogue: each case breaks a copy of `tests/fixtures/good` one way. Outcomes and
//! messages are listed in docs/bad-input.md; keep the two in step.

use std::time::Duration;

use super::{Case, Ctx, Expect, Prog, TIMEOUT};

const INTRO: &str = "content/lessons/01-基础/01-intro.md";
const NEXT: &str = "content/lessons/01-基础/02-next.md";
const SOP: &str = "content/sops/daily-report.yaml";
const CLIP_SOP: &str = "content/sops/clip-check.yaml";
const ROLES: &str = "content/roles.yaml";
const QA: &str = "content/qa/gmv.md";
const GLOSSARY: &str = "content/glossary.yaml";
const CONFIG: &str = "lectern.yaml";

/// `/etc/passwd`, reached by climbing out of any temporary folder.
const PASSWD_UP: &str = "../../../../../../../../../../../../etc/passwd";

const fn builds(name: &'static str, setup: fn(&Prog)) -> Case {
    Case {
        name,
        setup,
        expect: Expect::Builds,
        timeout: TIMEOUT,
    }
}

/// A case with a lot to build: two minutes before it counts as a hang (it takes 15–20 s
/// on an idle machine, but other builds may be sharing the cores).
const fn slow(case: Case) -> Case {
    Case {
        timeout: Duration::from_secs(120),
        ..case
    }
}

const fn builds_then(name: &'static str, setup: fn(&Prog), check: fn(&Ctx) -> Result<(), String>) -> Case {
    Case {
        name,
        setup,
        expect: Expect::BuildsThen(check),
        timeout: TIMEOUT,
    }
}

const fn fails(
    name: &'static str,
    setup: fn(&Prog),
    file: &'static str,
    line: usize,
    contains: &'static [&'static str],
) -> Case {
    Case {
        name,
        setup,
        expect: Expect::Fails {
            file,
            line: Some(line),
            contains,
        },
        timeout: TIMEOUT,
    }
}

/// A problem with a whole file (it cannot be read, or is in the wrong place): no line.
const fn fails_file(
    name: &'static str,
    setup: fn(&Prog),
    file: &'static str,
    contains: &'static [&'static str],
) -> Case {
    Case {
        name,
        setup,
        expect: Expect::Fails {
            file,
            line: None,
            contains,
        },
        timeout: TIMEOUT,
    }
}

fn same_as_baseline(ctx: &Ctx) -> Result<(), String> {
    ctx.same_as_baseline()
}

fn lesson(body: &str) -> String {
    format!("---\ntitle: 第二课\n---\n{body}")
}

/// The size of the huge lesson. 50 MB takes about 7 s in a release build but about 55 s
/// in a debug one (see docs/bad-input.md), so `cargo test` (debug) builds 5 MB of the same
/// text; `cargo test --release` or `BAD_INPUT_FULL_SIZE=1` builds the full 50 MB.
fn huge_lesson_bytes() -> usize {
    if cfg!(debug_assertions) && std::env::var_os("BAD_INPUT_FULL_SIZE").is_none() {
        5 << 20
    } else {
        50 << 20
    }
}

fn huge_lesson(p: &Prog) {
    let para = "切片是从直播里剪出来的短视频片段，完播率和 GMV 是两个核心指标。".repeat(4) + "\n\n";
    let mut text = String::from("---\ntitle: 大课\n---\n");
    let mut i = 0;
    while text.len() < huge_lesson_bytes() {
        text.push_str(&format!("## 第 {i} 节\n\n{}- 要点一\n- 要点二\n\n", para.repeat(8)));
        i += 1;
    }
    p.write(NEXT, &text);
}

fn role_chain(p: &Prog) {
    let mut text = p.read(ROLES);
    for i in 0..10_000 {
        let boss = if i == 0 {
            "creator".to_string()
        } else {
            format!("r{}", i - 1)
        };
        text.push_str(&format!("\n- id: r{i}\n  title: 岗位 {i}\n  reports_to: {boss}\n"));
    }
    p.write(ROLES, &text);
}

/// Lessons, an SOP and a question whose names have spaces, emoji, Chinese and URL
/// punctuation, linking to each other.
fn odd_names(p: &Prog) {
    let m = "content/lessons/03 模块 🎬 & co";
    p.write(
        &format!("{m}/01 第一课 🎬.md"),
        "---\ntitle: 空格\n---\n## 一\n\n[回](<../01-基础/01-intro.md>)、[二](<第 二 课 %232 50%25.md>)、\
         [日报](<../../sops/日报 🎬.yaml>)\n",
    );
    p.write(&format!("{m}/第 二 课 #2 50%.md"), "---\ntitle: 二\n---\n## 二\n");
    p.write(
        "content/sops/日报 🎬.yaml",
        "title: 表 🎬\nsections:\n  - title: a\n    steps:\n      - text: \"[课](lesson:03 模块 🎬 & co/01 第一课 🎬)\"\n",
    );
    p.write(
        "content/qa/问 题 🎬.md",
        "---\nquestion: 问 🎬\nrelated: [\"sop:日报 🎬\", \"lesson:03 模块 🎬 & co/01 第一课 🎬\"]\n---\n答\n",
    );
}

fn odd_names_pages(ctx: &Ctx) -> Result<(), String> {
    for page in [
        "lessons/03 模块 🎬 & co/01 第一课 🎬.html",
        "lessons/03 模块 🎬 & co/第 二 课 #2 50%.html",
        "decks/03 模块 🎬 & co/01 第一课 🎬.html",
        "sops/日报 🎬.html",
        "qa/问 题 🎬.html",
    ] {
        ctx.read_out(page)?;
    }
    Ok(())
}

/// Put a UTF-8 byte-order mark at the start of `rel`.
fn with_bom(p: &Prog, rel: &str) {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(p.path(rel)).unwrap());
    p.write_bytes(rel, &bytes);
}

fn unreadable(p: &Prog) {
    use std::os::unix::fs::PermissionsExt;
    let path = p.path(NEXT);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) read it anyway: then build as `nobody`.
    if std::fs::File::open(&path).is_ok() {
        p.unprivileged.set(true);
    }
}

fn fifo(p: &Prog, rel: &str) {
    let path = p.path(rel);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn no_nul_in_output(ctx: &Ctx) -> Result<(), String> {
    let page = ctx.read_out("lessons/01-基础/02-next.html")?;
    if page.contains(&0) {
        return Err("a NUL byte reached the lesson page".into());
    }
    if !String::from_utf8_lossy(&page).contains("a\u{fffd}b") {
        return Err("expected the NUL to be shown as U+FFFD".into());
    }
    Ok(())
}

fn warns(ctx: &Ctx, what: &str) -> Result<(), String> {
    if ctx.stderr.contains(what) {
        Ok(())
    } else {
        Err(format!("expected the warning {what:?}"))
    }
}

pub static CASES: &[Case] = &[
    // Slow ones first, so they do not finish last.
    slow(builds_then("lesson_50mb", huge_lesson, |ctx| {
        ctx.read_out("lessons/01-基础/02-next.html").map(|_| ())
    })),
    // 10,000 role pages take about 15 s in a debug build.
    slow(builds("role_chain_10000_deep", role_chain)),
    // ── Truncated YAML ──────────────────────────────────────────────────────────────
    fails(
        "sop_truncated",
        |p| p.edit(SOP, |s| s[..s.find("快手, 小红书").unwrap() + "快手".len()].to_string()),
        SOP,
        25,
        &["invalid YAML", "unclosed bracket"],
    ),
    fails(
        "sop_truncated_inside_a_character",
        |p| {
            let bytes = std::fs::read(p.path(SOP)).unwrap();
            let cut = p.read(SOP).find("快手").unwrap() + 1; // the middle of 快
            p.write_bytes(SOP, &bytes[..cut]);
        },
        SOP,
        25,
        &["not valid UTF-8"],
    ),
    fails(
        "roles_truncated",
        |p| p.edit(ROLES, |s| s[..s.find("审批").unwrap() + "审批".len()].to_string()),
        ROLES,
        3,
        &["invalid YAML", "unclosed bracket"],
    ),
    fails(
        "front_matter_truncated",
        |p| p.write(NEXT, "---\ntitle: 第二课\nroles: [creator,\n---\n正文\n"),
        NEXT,
        3,
        &["invalid YAML", "unclosed bracket"],
    ),
    fails(
        "front_matter_cut_off",
        |p| p.write(NEXT, "---\ntitle: 第二课\ntags: [a, b"),
        NEXT,
        1,
        &["front matter is not closed"],
    ),
    // ── Tabs ────────────────────────────────────────────────────────────────────────
    fails(
        "tabs_in_front_matter",
        |p| p.write(NEXT, "---\ntitle: 第二课\nobjectives:\n\t- 一\n---\n"),
        NEXT,
        4,
        &["tab", "never tabs"],
    ),
    fails(
        "tabs_in_sop",
        |p| {
            p.write(
                CLIP_SOP,
                "title: x\nsections:\n\t- title: a\n\t  steps:\n\t\t- text: b\n",
            )
        },
        CLIP_SOP,
        3,
        &["tab", "never tabs"],
    ),
    fails(
        "tabs_in_roles",
        |p| p.write(ROLES, "- id: lead\n\ttitle: 项目负责人\n"),
        ROLES,
        2,
        &["tab", "never tabs"],
    ),
    // ── Byte-order marks and line endings ───────────────────────────────────────────
    builds_then("bom_lesson", |p| with_bom(p, NEXT), same_as_baseline),
    builds_then("bom_sop", |p| with_bom(p, SOP), same_as_baseline),
    builds_then("bom_roles", |p| with_bom(p, ROLES), same_as_baseline),
    builds_then(
        "bom_everywhere_else",
        |p| {
            for rel in [QA, CONFIG, "content/index.md", "content/lessons/01-基础/_module.yaml"] {
                with_bom(p, rel);
            }
        },
        same_as_baseline,
    ),
    builds_then(
        "crlf_everywhere",
        |p| {
            for path in p.sources() {
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
            }
        },
        same_as_baseline,
    ),
    fails(
        "cr_only_line_endings",
        |p| p.write(NEXT, "---\rtitle: 第二课\r---\r正文\r"),
        NEXT,
        1,
        &["missing front matter"],
    ),
    // ── Size and depth ──────────────────────────────────────────────────────────────
    builds("nested_list_10000_deep", |p| {
        p.write(NEXT, &lesson(&("- ".repeat(10_000) + "x\n")))
    }),
    builds("nested_ordered_list_10000_deep", |p| {
        p.write(NEXT, &lesson(&("1. ".repeat(10_000) + "x\n")))
    }),
    builds("nested_list_1000_deep_indented", |p| {
        let list: String = (0..1000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        p.write(NEXT, &lesson(&list));
    }),
    builds("nested_blockquote_10000_deep", |p| {
        p.write(NEXT, &lesson(&(">".repeat(10_000) + " x\n")))
    }),
    builds("nested_blockquote_and_list_5000_deep", |p| {
        p.write(NEXT, &lesson(&("> - ".repeat(5_000) + "x\n")))
    }),
    // Cleaning raw HTML takes time quadratic in its depth (docs/bad-input.md): 2,000 here.
    builds("nested_html_2000_deep", |p| {
        p.write(
            NEXT,
            &lesson(&("<div>".repeat(2_000) + "x" + &"</div>".repeat(2_000) + "\n")),
        )
    }),
    fails(
        "nested_yaml_10000_deep",
        |p| {
            p.write(
                NEXT,
                &format!(
                    "---\ntitle: x\ntags: {}{}\n---\n",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                ),
            )
        },
        NEXT,
        3,
        &["invalid YAML", "nested"],
    ),
    builds("line_of_100000_characters", |p| {
        p.write(NEXT, &lesson(&format!("## 长\n\n{}\n", "长".repeat(100_000))))
    }),
    fails(
        "broken_link_after_100000_characters",
        |p| {
            p.write(
                NEXT,
                &lesson(&format!("## 长\n\n{}[x](lesson:nope/nope)\n", "长".repeat(100_000))),
            )
        },
        NEXT,
        6,
        &[":6:100001", "does not exist"],
    ),
    builds("title_of_100000_characters", |p| {
        p.write(NEXT, &format!("---\ntitle: {}\n---\n## a\n", "长".repeat(100_000)))
    }),
    // ── Empty files ─────────────────────────────────────────────────────────────────
    fails(
        "empty_lesson",
        |p| p.write(NEXT, ""),
        NEXT,
        1,
        &["missing front matter"],
    ),
    fails(
        "empty_sop",
        |p| p.write(CLIP_SOP, ""),
        CLIP_SOP,
        1,
        &["missing field `title`"],
    ),
    fails(
        "comment_only_sop",
        |p| p.write(CLIP_SOP, "# 还没写\n"),
        CLIP_SOP,
        1,
        &["missing field `title`"],
    ),
    // An empty roles.yaml is "no roles": the lessons that name roles are then wrong.
    fails(
        "empty_roles",
        |p| p.write(ROLES, ""),
        INTRO,
        5,
        &["unknown role `creator`: the programme defines no roles"],
    ),
    fails(
        "empty_qa",
        |p| p.write(QA, ""),
        QA,
        1,
        &["missing front matter", "question:"],
    ),
    builds("empty_glossary", |p| p.write(GLOSSARY, "\n  \n")),
    builds("comment_only_glossary", |p| p.write(GLOSSARY, "# 以后再写\n")),
    builds("empty_module_yaml", |p| {
        p.write("content/lessons/01-基础/_module.yaml", "")
    }),
    fails(
        "empty_config",
        |p| p.write(CONFIG, ""),
        CONFIG,
        1,
        &["missing field `title`"],
    ),
    fails(
        "empty_home_page",
        |p| p.write("content/index.md", ""),
        "content/index.md",
        1,
        &["missing front matter"],
    ),
    // ── Front matter ────────────────────────────────────────────────────────────────
    builds("no_front_matter_heading_is_title", |p| {
        p.write(NEXT, "# 第二课\n\n正文\n")
    }),
    fails(
        "no_front_matter_no_heading",
        |p| p.write(NEXT, "只有正文，没有标题。\n"),
        NEXT,
        1,
        &["missing front matter"],
    ),
    fails(
        "front_matter_never_closed",
        |p| p.write(NEXT, "---\ntitle: x\n\n## 正文\n\n很多内容\n"),
        NEXT,
        1,
        &["front matter is not closed"],
    ),
    // ── Symbolic links ──────────────────────────────────────────────────────────────
    fails_file(
        "symlink_loop_in_module",
        |p| p.symlink(".", "content/lessons/01-基础/loop"),
        "content/lessons/01-基础/loop",
        &["symbolic link loop", "`content/lessons/01-基础`"],
    ),
    fails_file(
        "symlink_loop_to_lessons_folder",
        |p| p.symlink(".", "content/lessons/loop"),
        "content/lessons/loop",
        &["symbolic link loop"],
    ),
    fails_file(
        "symlinks_to_each_other",
        |p| {
            p.symlink("b.md", "content/lessons/01-基础/a.md");
            p.symlink("a.md", "content/lessons/01-基础/b.md");
        },
        "content/lessons/01-基础/a.md",
        &["Too many levels of symbolic links"],
    ),
    fails_file(
        "symlink_dangling_lesson",
        |p| p.symlink("nowhere.md", "content/lessons/01-基础/03-gone.md"),
        "content/lessons/01-基础/03-gone.md",
        &["cannot read", "broken symbolic link"],
    ),
    fails_file(
        "symlink_loop_in_assets",
        |p| p.symlink("..", "assets/loop"),
        "assets/loop/assets/loop",
        &["symbolic link loop"],
    ),
    fails_file(
        "symlink_in_assets_to_etc_passwd",
        |p| p.symlink(PASSWD_UP, "assets/passwd"),
        "assets/passwd",
        &["outside the programme folder"],
    ),
    fails(
        "symlinked_image_to_etc_passwd",
        |p| {
            p.symlink(PASSWD_UP, "content/lessons/01-基础/images/secret.svg");
            p.write(NEXT, &lesson("![x](images/secret.svg)\n"));
        },
        NEXT,
        4,
        &["outside the programme folder"],
    ),
    // A lesson may be a symbolic link within the programme (documented); one that leads
    // out is an error naming the link, and the file it points to is never read (its
    // lines are not shown).
    fails_file(
        "symlinked_lesson_to_etc_passwd",
        |p| p.symlink(PASSWD_UP, "content/lessons/01-基础/03-passwd.md"),
        "content/lessons/01-基础/03-passwd.md",
        &["is a symbolic link to `/etc/passwd`, outside the programme folder"],
    ),
    fails_file(
        "symlinked_question_outside_the_programme",
        |p| {
            p.write(
                "../外部/q.md",
                "---
question: 外面的问题？
tags: [x
---
秘密答案。
",
            );
            p.symlink("../../../外部/q.md", "content/qa/outside.md");
        },
        "content/qa/outside.md",
        &["outside the programme folder", "copy the file"],
    ),
    fails_file(
        "symlinked_module_outside_the_programme",
        |p| {
            p.write("../外部模块/01-x.md", &lesson("外部的课。\n"));
            p.symlink("../../../外部模块", "content/lessons/09-外部");
        },
        "content/lessons/09-外部",
        &["outside the programme folder"],
    ),
    builds_then(
        "symlinked_lesson_inside_the_programme",
        |p| {
            p.write("共用/课.md", &lesson("共用的正文。\n"));
            p.symlink("../../../共用/课.md", "content/lessons/01-基础/05-共用.md");
        },
        |ctx| match String::from_utf8_lossy(&ctx.read_out("lessons/01-基础/05-共用.html")?).contains("共用的正文")
        {
            true => Ok(()),
            false => Err("the linked lesson is missing".into()),
        },
    ),
    // ── Files that cannot be read ───────────────────────────────────────────────────
    fails_file(
        "unreadable_lesson",
        unreadable,
        NEXT,
        &["cannot read file", "Permission denied"],
    ),
    builds_then(
        "lesson_is_a_named_pipe",
        |p| fifo(p, "content/lessons/01-基础/03-pipe.md"),
        |ctx| warns(ctx, "not a regular file"),
    ),
    builds("sop_is_a_named_pipe", |p| fifo(p, "content/sops/pipe.yaml")),
    builds("asset_is_a_named_pipe", |p| fifo(p, "assets/pipe.png")),
    // ── Names ───────────────────────────────────────────────────────────────────────
    builds_then(
        "names_with_spaces_emoji_chinese_and_punctuation",
        odd_names,
        odd_names_pages,
    ),
    fails_file(
        "sop_yaml_and_yml_same_id",
        |p| p.copy(CLIP_SOP, "content/sops/clip-check.yml"),
        "content/sops/clip-check.yml",
        &["has the same id as `content/sops/clip-check.yaml`"],
    ),
    fails_file(
        "sop_named_index",
        |p| p.copy(CLIP_SOP, "content/sops/index.yaml"),
        "content/sops/index.yaml",
        &["cannot be called `index`"],
    ),
    fails_file(
        "question_named_index",
        |p| p.copy(QA, "content/qa/index.md"),
        "content/qa/index.md",
        &["cannot be called `index`"],
    ),
    fails(
        "role_id_index",
        |p| p.edit(ROLES, |s| s + "\n- id: index\n  title: 索引\n  reports_to: lead\n"),
        ROLES,
        19,
        &["role id `index`"],
    ),
    // Different files on Linux; the same file on a case-insensitive disk (see the doc).
    builds("lessons_differing_only_in_case", |p| {
        p.copy(NEXT, "content/lessons/01-基础/02-Next.md")
    }),
    fails(
        "glossary_terms_with_the_same_anchor",
        |p| p.write(GLOSSARY, "- term: GMV\n- term: gmv\n"),
        GLOSSARY,
        2,
        &["listed twice"],
    ),
    // ── Prerequisite and role cycles ────────────────────────────────────────────────
    fails(
        "prerequisite_is_itself",
        |p| {
            p.write(
                NEXT,
                "---\ntitle: 第二课\nprerequisites: [01-基础/02-next]\n---\n## 正文\n",
            )
        },
        NEXT,
        3,
        &["lists itself as a prerequisite"],
    ),
    fails(
        "prerequisites_a_b_a",
        |p| {
            p.edit(INTRO, |s| {
                s.replacen(
                    "title: 切片入门\n",
                    "title: 切片入门\nprerequisites: [01-基础/02-next]\n",
                    1,
                )
            })
        },
        NEXT,
        5,
        &[
            "prerequisites form a cycle",
            "01-基础/02-next → 01-基础/01-intro → 01-基础/02-next",
        ],
    ),
    fails(
        "prerequisites_a_b_c_a",
        |p| {
            p.edit(INTRO, |s| {
                s.replacen(
                    "title: 切片入门\n",
                    "title: 切片入门\nprerequisites: [02-advanced/01-deep]\n",
                    1,
                )
            });
            p.edit("content/lessons/02-advanced/01-deep.md", |s| {
                s.replacen("duration: 45\n", "duration: 45\nprerequisites: [01-基础/02-next]\n", 1)
            });
        },
        NEXT,
        5,
        &["prerequisites form a cycle", "02-advanced/01-deep"],
    ),
    fails(
        "roles_report_to_each_other",
        |p| {
            p.edit(ROLES, |s| {
                s.replacen("- id: lead\n", "- id: lead\n  reports_to: creator\n", 1)
            })
        },
        ROLES,
        2,
        &["`reports_to` forms a cycle"],
    ),
    // ── Bytes that are not text ─────────────────────────────────────────────────────
    fails(
        "invalid_utf8_lesson",
        |p| p.write_bytes(NEXT, b"---\ntitle: \xb1\xea\xcc\xe2\n---\n"), // 标题 in GBK
        NEXT,
        2,
        &[":2:8", "not valid UTF-8"],
    ),
    fails(
        "invalid_utf8_roles",
        |p| p.write_bytes(ROLES, b"- id: lead\n  title: \xff\xfe\n"),
        ROLES,
        2,
        &["not valid UTF-8"],
    ),
    builds_then(
        "nul_byte_in_lesson_body",
        |p| p.write(NEXT, &lesson("## 正文\n\na\0b\n")),
        no_nul_in_output,
    ),
    fails(
        "nul_byte_in_front_matter",
        |p| p.write(NEXT, "---\ntitle: 第\0二课\n---\n## 正文\n"),
        NEXT,
        2,
        &["invalid YAML"],
    ),
    fails(
        "nul_byte_in_sop",
        |p| p.write(CLIP_SOP, "title: a\0b\nsections: []\n"),
        CLIP_SOP,
        1,
        &["invalid YAML"],
    ),
    // ── Keys and types ──────────────────────────────────────────────────────────────
    fails(
        "unknown_front_matter_key",
        |p| p.write(NEXT, "---\ntitle: 第二课\ndurration: 20\n---\n"),
        NEXT,
        3,
        &["unknown field `durration`"],
    ),
    fails(
        "unknown_sop_key",
        |p| p.write(CLIP_SOP, "title: a\nsectoins: []\n"),
        CLIP_SOP,
        2,
        &["unknown field `sectoins`"],
    ),
    fails(
        "unknown_role_key",
        |p| {
            p.edit(ROLES, |s| {
                s.replacen("  headcount: 8\n", "  headcount: 8\n  salary: 1\n", 1)
            })
        },
        ROLES,
        10,
        &["unknown field `salary`"],
    ),
    fails(
        "string_where_a_list_is_expected",
        |p| p.write(NEXT, "---\ntitle: 第二课\ntags: 剪辑\n---\n"),
        NEXT,
        3,
        &["invalid YAML", "takes a list"],
    ),
    fails(
        "list_where_a_string_is_expected",
        |p| p.write(NEXT, "---\ntitle: [第二课]\n---\n"),
        NEXT,
        2,
        &["invalid YAML"],
    ),
    fails(
        "string_where_sections_are_expected",
        |p| p.write(CLIP_SOP, "title: a\nsections: 发布前\n"),
        CLIP_SOP,
        2,
        &["invalid YAML", "takes a list"],
    ),
    fails(
        "duplicate_key_in_front_matter",
        |p| p.write(NEXT, "---\ntitle: 第二课\ntitle: 又一个\n---\n"),
        NEXT,
        3,
        &["duplicate key `title`", "may appear only once"],
    ),
    fails(
        "duplicate_key_in_sop",
        |p| p.write(CLIP_SOP, "title: a\nsections: []\nsections: []\n"),
        CLIP_SOP,
        3,
        &["duplicate key `sections`"],
    ),
    fails(
        "duplicate_key_in_config",
        |p| p.write(CONFIG, "title: a\ntitle: b\nlanguage: zh-CN\n"),
        CONFIG,
        2,
        &["duplicate key `title`"],
    ),
    fails(
        "billion_laughs_in_glossary",
        |p| {
            let mut text =
                String::from("- term: a\n  aliases: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                text.push_str(&format!("- term: b{i}\n  aliases: &a{i} [{refs}]\n"));
            }
            p.write(GLOSSARY, &text);
        },
        GLOSSARY,
        4,
        &["invalid YAML"],
    ),
    fails(
        "alias_bomb_of_long_strings",
        |p| {
            let refs = vec!["*t"; 20_000].join(", ");
            p.write(
                NEXT,
                &format!(
                    "---\ntitle: &t \"{}\"\nobjectives: [{refs}]\n---\n",
                    "哈".repeat(30_000)
                ),
            );
        },
        NEXT,
        3,
        &["too large", "aliases"],
    ),
    fails(
        "number_too_large",
        |p| p.write(NEXT, "---\ntitle: 第二课\nduration: 99999999999999999999999999\n---\n"),
        NEXT,
        3,
        &["invalid YAML", "number"],
    ),
    builds("largest_order", |p| {
        p.write(NEXT, "---\ntitle: 第二课\norder: 9223372036854775807\n---\n")
    }),
    fails(
        "headcount_too_large",
        |p| p.edit(ROLES, |s| s.replace("headcount: 8", "headcount: 4294967296")),
        ROLES,
        9,
        &["invalid YAML", "number"],
    ),
    fails(
        "float_too_large",
        |p| {
            p.write(
                CLIP_SOP,
                "title: x\nsections:\n  - title: a\n    steps:\n      - text: b\n        type: number\n        max: 1e309\n",
            )
        },
        CLIP_SOP,
        7,
        &["invalid YAML"],
    ),
    // ── Links and images ────────────────────────────────────────────────────────────
    fails(
        "link_to_missing_lesson",
        |p| p.write(NEXT, &lesson("[a](lesson:01-基础/nope)\n")),
        NEXT,
        4,
        &["link to a lesson that does not exist: `01-基础/nope`"],
    ),
    fails(
        "relative_link_to_missing_lesson",
        |p| p.write(NEXT, &lesson("[b](03-nope.md)\n")),
        NEXT,
        4,
        &["which is not a lesson"],
    ),
    fails(
        "image_dot_dot_etc_passwd",
        |p| p.write(NEXT, &lesson("![a](../../etc/passwd)\n")),
        NEXT,
        4,
        &["image not found: `content/etc/passwd`"],
    ),
    fails(
        "image_climbing_out_of_the_programme",
        |p| p.write(NEXT, &lesson(&format!("![a]({PASSWD_UP})\n"))),
        NEXT,
        4,
        &["points outside the programme folder"],
    ),
    fails(
        "image_absolute_etc_passwd",
        |p| p.write(NEXT, &lesson("![b](/etc/passwd)\n")),
        NEXT,
        4,
        &["absolute path `/etc/passwd` is not under /assets/"],
    ),
    fails(
        "image_file_url",
        |p| p.write(NEXT, &lesson("![c](file:///etc/passwd)\n")),
        NEXT,
        4,
        &["unsupported link scheme `file:`"],
    ),
    fails(
        "link_to_the_config_file",
        |p| p.write(NEXT, &lesson("[e](../../../lectern.yaml)\n")),
        NEXT,
        4,
        &["which is not an SOP"],
    ),
    // ── Odd shapes ──────────────────────────────────────────────────────────────────
    builds("heading_only_lesson", |p| p.write(NEXT, "# 只有标题\n")),
    builds("slide_separators_only", |p| {
        p.write(NEXT, &lesson("\n---\n\n---\n\n---\n"))
    }),
    builds("20000_slide_separators", |p| {
        p.write(NEXT, &lesson(&"\n---\n".repeat(20_000)))
    }),
    fails(
        "slide_separators_only_without_title",
        |p| p.write(NEXT, "---\n\n---\n\n---\n"),
        NEXT,
        2,
        &["lesson has no title"],
    ),
    builds("directory_named_like_a_lesson", |p| {
        p.mkdir("content/lessons/01-基础/03-x.md")
    }),
    builds_then(
        "directory_named_like_a_lesson_holding_one",
        |p| {
            std::fs::create_dir_all(p.path("content/lessons/01-基础/03-x.md")).unwrap();
            std::fs::copy(p.path(INTRO), p.path("content/lessons/01-基础/03-x.md/01-intro.md")).unwrap();
        },
        |ctx| warns(ctx, "folders inside a module are not read"),
    ),
    builds_then(
        "directory_named_like_an_sop",
        |p| p.mkdir("content/sops/x.yaml"),
        |ctx| warns(ctx, "folders inside content/sops/ are not read"),
    ),
    // ── The config file (lectern.yaml, src/config.rs) ───────────────────────────────
    fails(
        "config_broken_yaml",
        |p| p.write(CONFIG, "title: [测试\nlanguage: zh-CN\n"),
        CONFIG,
        1,
        &["invalid YAML"],
    ),
    fails(
        "config_unknown_key",
        |p| p.edit(CONFIG, |s| s + "thme: dark\n"),
        CONFIG,
        5,
        &["unknown field `thme`"],
    ),
    fails(
        "config_bad_language",
        |p| p.edit(CONFIG, |s| s.replace("language: zh-CN", "language: fr")),
        CONFIG,
        2,
        &["invalid YAML"],
    ),
    fails(
        "config_bad_deck_scale",
        |p| p.edit(CONFIG, |s| s + "deck:\n  min_scale: lots\n"),
        CONFIG,
        6,
        &["invalid YAML"],
    ),
];
