//! Cases about whole files: truncated, tabbed, BOM and line endings, size and depth,
//! empty, symbolic links, unreadable, odd names, bytes that are not text.

use super::common::fixture::Fixture;
use super::{
    case, lesson, same_as_baseline, Case, Ctx, CLIP_CHECK, CONFIG, DAILY_REPORT, GLOSSARY, GMV, INTRO, NEXT, ROLES,
};

/// `/etc/passwd`, reached by climbing out of any temporary folder.
pub const PASSWD_UP: &str = "../../../../../../../../../../../../etc/passwd";

pub static CASES: &[Case] = &[
    case("lesson_50mb", huge_lesson)
        .then(|ctx| ctx.read_out("lessons/01-基础/02-next.html").map(drop))
        .slow(),
    // 10,000 role pages take about 15 s in a debug build.
    case("role_chain_10000_deep", role_chain).slow(),
    // ── Truncated ───────────────────────────────────────────────────────────────────
    case("sop_truncated", |p| {
        p.edit(DAILY_REPORT, |s| {
            s[..s.find("快手, 小红书").unwrap() + "快手".len()].to_string()
        })
    }),
    case("sop_truncated_inside_a_character", |p| {
        let bytes = std::fs::read(p.path(DAILY_REPORT)).unwrap();
        let cut = p.read(DAILY_REPORT).find("快手").unwrap() + 1; // the middle of 快
        p.write_bytes(DAILY_REPORT, &bytes[..cut]);
    }),
    case("roles_truncated", |p| {
        p.edit(ROLES, |s| s[..s.find("审批").unwrap() + "审批".len()].to_string())
    }),
    // ── Tabs ────────────────────────────────────────────────────────────────────────
    case("tabs_in_front_matter", |p| {
        p.write(NEXT, "---\ntitle: 第二课\nobjectives:\n\t- 一\n---\n")
    }),
    case("tabs_in_sop", |p| {
        p.write(
            CLIP_CHECK,
            "title: x\nsections:\n\t- title: a\n\t  steps:\n\t\t- text: b\n",
        )
    }),
    case("tabs_in_roles", |p| p.write(ROLES, "- id: lead\n\ttitle: 项目负责人\n")),
    // ── Byte-order marks and line endings ───────────────────────────────────────────
    case("bom_lesson", |p| with_bom(p, NEXT)).then(same_as_baseline),
    case("bom_sop", |p| with_bom(p, DAILY_REPORT)).then(same_as_baseline),
    case("bom_roles", |p| with_bom(p, ROLES)).then(same_as_baseline),
    case("bom_everywhere_else", |p| {
        for rel in [GMV, CONFIG, "content/index.md", "content/lessons/01-基础/_module.yaml"] {
            with_bom(p, rel);
        }
    })
    .then(same_as_baseline),
    case("crlf_everywhere", |p| {
        for path in p.sources() {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        }
    })
    .then(same_as_baseline),
    // Lone CRs end lines for CommonMark, and so for the front matter too.
    case("cr_only_line_endings", |p| {
        p.write(NEXT, "---\rtitle: 第二课\r---\r正文\r")
    })
    .then(|ctx| {
        let page = String::from_utf8_lossy(&ctx.read_out("lessons/01-基础/02-next.html")?).into_owned();
        match page.contains("<h1>第二课</h1>") && page.contains("正文") {
            true => Ok(()),
            false => Err("the lesson's title or body is wrong".into()),
        }
    }),
    // ── Size and depth ──────────────────────────────────────────────────────────────
    case("nested_list_10000_deep", |p| {
        p.write(NEXT, &lesson(&("- ".repeat(10_000) + "x\n")))
    }),
    case("nested_ordered_list_10000_deep", |p| {
        p.write(NEXT, &lesson(&("1. ".repeat(10_000) + "x\n")))
    }),
    case("nested_list_1000_deep_indented", |p| {
        let list: String = (0..1000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        p.write(NEXT, &lesson(&list));
    }),
    case("nested_blockquote_10000_deep", |p| {
        p.write(NEXT, &lesson(&(">".repeat(10_000) + " x\n")))
    }),
    case("nested_blockquote_and_list_5000_deep", |p| {
        p.write(NEXT, &lesson(&("> - ".repeat(5_000) + "x\n")))
    }),
    // Cleaning raw HTML takes time quadratic in its depth (docs/bad-input.md): 2,000 here.
    case("nested_html_2000_deep", |p| {
        p.write(
            NEXT,
            &lesson(&("<div>".repeat(2_000) + "x" + &"</div>".repeat(2_000) + "\n")),
        )
    }),
    case("line_of_100000_characters", |p| {
        p.write(NEXT, &lesson(&format!("## 长\n\n{}\n", "长".repeat(100_000))))
    }),
    case("broken_link_after_100000_characters", |p| {
        p.write(
            NEXT,
            &lesson(&format!("## 长\n\n{}[x](lesson:nope/nope)\n", "长".repeat(100_000))),
        )
    }),
    case("title_of_100000_characters", |p| {
        p.write(NEXT, &format!("---\ntitle: {}\n---\n## a\n", "长".repeat(100_000)))
    }),
    // ── Empty files ─────────────────────────────────────────────────────────────────
    case("empty_lesson", |p| p.write(NEXT, "")),
    case("empty_sop", |p| p.write(CLIP_CHECK, "")),
    case("comment_only_sop", |p| p.write(CLIP_CHECK, "# 还没写\n")),
    // An empty roles.yaml is "no roles": the lessons that name roles are then wrong.
    case("empty_roles", |p| p.write(ROLES, "")),
    case("empty_qa", |p| p.write(GMV, "")),
    case("empty_glossary", |p| p.write(GLOSSARY, "\n  \n")),
    case("comment_only_glossary", |p| p.write(GLOSSARY, "# 以后再写\n")),
    case("empty_module_yaml", |p| {
        p.write("content/lessons/01-基础/_module.yaml", "")
    }),
    case("empty_config", |p| p.write(CONFIG, "")),
    case("empty_home_page", |p| p.write("content/index.md", "")),
    // ── Symbolic links ──────────────────────────────────────────────────────────────
    case("symlink_loop_in_module", |p| {
        p.symlink(".", "content/lessons/01-基础/loop")
    }),
    case("symlink_loop_to_lessons_folder", |p| {
        p.symlink(".", "content/lessons/loop")
    }),
    case("symlinks_to_each_other", |p| {
        p.symlink("b.md", "content/lessons/01-基础/a.md");
        p.symlink("a.md", "content/lessons/01-基础/b.md");
    }),
    case("symlink_dangling_lesson", |p| {
        p.symlink("nowhere.md", "content/lessons/01-基础/03-gone.md")
    }),
    case("symlink_loop_in_assets", |p| p.symlink("..", "assets/loop")),
    case("symlink_in_assets_to_etc_passwd", |p| {
        p.symlink(PASSWD_UP, "assets/passwd")
    }),
    case("symlinked_image_to_etc_passwd", |p| {
        p.symlink(PASSWD_UP, "content/lessons/01-基础/images/secret.svg");
        p.write(NEXT, &lesson("![x](images/secret.svg)\n"));
    }),
    // A lesson may be a symbolic link within the programme (documented); one that leads
    // out is an error naming the link, and the file it points to is never read (its
    // lines are not shown).
    case("symlinked_lesson_to_etc_passwd", |p| {
        p.symlink(PASSWD_UP, "content/lessons/01-基础/03-passwd.md")
    }),
    case("symlinked_question_outside_the_programme", |p| {
        p.write(
            "../外部/q.md",
            "---\nquestion: 外面的问题？\ntags: [x\n---\n秘密答案。\n",
        );
        p.symlink("../../../外部/q.md", "content/qa/outside.md");
    }),
    case("symlinked_module_outside_the_programme", |p| {
        p.write("../外部模块/01-x.md", &lesson("外部的课。\n"));
        p.symlink("../../../外部模块", "content/lessons/09-外部");
    }),
    case("symlinked_lesson_inside_the_programme", |p| {
        p.write("共用/课.md", &lesson("共用的正文。\n"));
        p.symlink("../../../共用/课.md", "content/lessons/01-基础/05-共用.md");
    })
    .then(|ctx| {
        let page = ctx.read_out("lessons/01-基础/05-共用.html")?;
        match String::from_utf8_lossy(&page).contains("共用的正文") {
            true => Ok(()),
            false => Err("the linked lesson is missing".into()),
        }
    }),
    // ── Files that cannot be read ───────────────────────────────────────────────────
    case("unreadable_lesson", |p| p.make_unreadable(NEXT)),
    case("lesson_is_a_named_pipe", |p| {
        fifo(p, "content/lessons/01-基础/03-pipe.md")
    }),
    case("sop_is_a_named_pipe", |p| fifo(p, "content/sops/pipe.yaml")),
    case("asset_is_a_named_pipe", |p| fifo(p, "assets/pipe.png")),
    // ── Names ───────────────────────────────────────────────────────────────────────
    case("names_with_spaces_emoji_chinese_and_punctuation", odd_names).then(odd_names_pages),
    case("sop_yaml_and_yml_same_id", |p| {
        p.copy(CLIP_CHECK, "content/sops/clip-check.yml")
    }),
    case("sop_named_index", |p| p.copy(CLIP_CHECK, "content/sops/index.yaml")),
    case("question_named_index", |p| p.copy(GMV, "content/qa/index.md")),
    // Different files on Linux; the same file on a case-insensitive disk (see the doc).
    case("lessons_differing_only_in_case", |p| {
        p.copy(NEXT, "content/lessons/01-基础/02-Next.md")
    }),
    // ── Bytes that are not text ─────────────────────────────────────────────────────
    case("invalid_utf8_lesson", |p| {
        p.write_bytes(NEXT, b"---\ntitle: \xb1\xea\xcc\xe2\n---\n") // 标题 in GBK
    }),
    case("invalid_utf8_roles", |p| {
        p.write_bytes(ROLES, b"- id: lead\n  title: \xff\xfe\n")
    }),
    case("nul_byte_in_lesson_body", |p| {
        p.write(NEXT, &lesson("## 正文\n\na\0b\n"))
    })
    .then(no_nul_in_output),
    case("nul_byte_in_front_matter", |p| {
        p.write(NEXT, "---\ntitle: 第\0二课\n---\n## 正文\n")
    }),
    case("nul_byte_in_sop", |p| {
        p.write(CLIP_CHECK, "title: a\0b\nsections: []\n")
    }),
    // ── Odd shapes ──────────────────────────────────────────────────────────────────
    case("heading_only_lesson", |p| p.write(NEXT, "# 只有标题\n")),
    case("slide_separators_only", |p| {
        p.write(NEXT, &lesson("\n---\n\n---\n\n---\n"))
    }),
    case("20000_slide_separators", |p| {
        p.write(NEXT, &lesson(&"\n---\n".repeat(20_000)))
    }),
    case("slide_separators_only_without_title", |p| {
        p.write(NEXT, "---\n\n---\n\n---\n")
    }),
    case("directory_named_like_a_lesson", |p| {
        p.mkdir("content/lessons/01-基础/03-x.md")
    }),
    case("directory_named_like_a_lesson_holding_one", |p| {
        p.mkdir("content/lessons/01-基础/03-x.md");
        p.copy(INTRO, "content/lessons/01-基础/03-x.md/01-intro.md");
    }),
    case("directory_named_like_an_sop", |p| p.mkdir("content/sops/x.yaml")),
];

/// The size of the huge lesson. 50 MB takes about 7 s in a release build but about 55 s
/// in a debug one (see docs/bad-input.md), so `cargo test` (debug) builds 5 MB of the same
/// text; `cargo test --release` or `DIAGNOSTICS_FULL_SIZE=1` builds the full 50 MB.
fn huge_lesson_bytes() -> usize {
    if cfg!(debug_assertions) && std::env::var_os("DIAGNOSTICS_FULL_SIZE").is_none() {
        5 << 20
    } else {
        50 << 20
    }
}

fn huge_lesson(p: &Fixture) {
    let para = "切片是从直播里剪出来的短视频片段，完播率和 GMV 是两个核心指标。".repeat(4) + "\n\n";
    let mut text = String::from("---\ntitle: 大课\n---\n");
    let mut i = 0;
    while text.len() < huge_lesson_bytes() {
        text.push_str(&format!("## 第 {i} 节\n\n{}- 要点一\n- 要点二\n\n", para.repeat(8)));
        i += 1;
    }
    p.write(NEXT, &text);
}

fn role_chain(p: &Fixture) {
    let mut text = p.read(ROLES);
    for i in 0..10_000 {
        let boss = match i {
            0 => "creator".to_string(),
            _ => format!("r{}", i - 1),
        };
        text.push_str(&format!("\n- id: r{i}\n  title: 岗位 {i}\n  reports_to: {boss}\n"));
    }
    p.write(ROLES, &text);
}

/// Lessons, an SOP and a question whose names have spaces, emoji, Chinese and URL
/// punctuation, linking to each other.
fn odd_names(p: &Fixture) {
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
fn with_bom(p: &Fixture, rel: &str) {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(p.path(rel)).unwrap());
    p.write_bytes(rel, &bytes);
}

fn fifo(p: &Fixture, rel: &str) {
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
