//! Paper for the shapes people really print, in real headless Chromium: a 25-step SOP with
//! realistic step texts and a line of help each on one A4 page, and the org chart of a flat
//! team (a lead with 29 direct reports) on one A4 landscape page with legible labels.
//! (The generated 25-step SOP and the 30-role tree are in browser_sop.rs.)

mod common;

use common::browser::{Browser, Page, PrintOptions};
use common::file_url;
use common::fixture::Fixture;
use serde_json::json;

/// 25 steps as a shift lead writes them: 20–40 characters each, a third with a blank, a
/// choice or a time to fill in, and one line of help under every step.
/// (text, type, extra YAML keys, help)
const REALISTIC_STEPS: [(&str, &str, &str, &str); 25] = [
    (
        "确认直播间标题、封面、挂车商品链接和开播提醒已按当天排期表全部更新完毕",
        "check",
        "",
        "排期表在群公告里，以组长最后一次修改的版本为准，改动要在群里说一声",
    ),
    (
        "检查 OBS 推流码、分辨率、帧率和码率设置与平台当天的要求一致，并试推一分钟",
        "check",
        "",
        "抖音 1080p 建议码率 6000 kbps 以上，不够就换有线网络再开播",
    ),
    (
        "记录开播前直播间的预约人数，并把预约页截图发到本组的工作群里",
        "number",
        "unit: 人",
        "在直播伴侣的“预约”页查看，不要用前一天的数字，也不要自己估算",
    ),
    (
        "确认今天主推品的库存、价格、赠品和优惠券已在商家后台全部生效，没有遗漏",
        "yesno",
        "",
        "不一致时先停推这个品，再找运营确认后恢复，并在巡检表里记下时间",
    ),
    (
        "选择今天主要推流的平台，并确认该平台的直播账号已在推流电脑上登录",
        "choice",
        "options: [抖音, 快手, 小红书, 视频号]",
        "多平台同播时选流量最大的一个，其余平台写在备注里，方便组长复核",
    ),
    (
        "开播后 5 分钟内用另一台手机进直播间，检查画面、声音和字幕是否同步正常",
        "check",
        "",
        "用另一台手机进直播间看，不要只看推流端的预览，预览没有延迟",
    ),
    (
        "记录开播时间，以直播间页面上显示的时间为准，不要用电脑右下角的时间",
        "time",
        "",
        "晚于排期 10 分钟以上要在日报里写明原因，并提前在群里告知组长",
    ),
    (
        "每 30 分钟记录一次在线人数、GMV 和转化率，填在共享巡检表对应的时间格里",
        "check",
        "",
        "数字以后台“实时数据”为准，截图存到当天文件夹，文件名写上时间",
    ),
    (
        "检查评论区和私信里有没有违规词、站外引流或者恶意刷屏的情况",
        "yesno",
        "",
        "发现后先隐藏评论，再截图交给组长处理，不要在直播间里和用户争论",
    ),
    (
        "记录本场最高在线人数，填写后台“实时数据”页显示的峰值，不要估算",
        "number",
        "unit: 人",
        "峰值出现的时间点一并记在备注里，方便复盘时对照当时讲解的商品",
    ),
    (
        "确认讲解节奏：每个主推品讲解不少于 3 分钟，并且都有试穿、试用或者对比",
        "check",
        "",
        "超时或漏讲的品在复盘时单独说明，并写下下一场准备怎么调整节奏",
    ),
    (
        "核对福袋、抽奖、限时秒杀等互动活动的开奖时间与规则说明是否和公示一致",
        "check",
        "",
        "规则以平台公示为准，口播不能和公示不一致，有疑问先暂停活动",
    ),
    (
        "检查购物车的商品顺序和弹出讲解卡与主播当前讲解的商品保持一致",
        "check",
        "",
        "顺序错了立刻调整，不要等下播后再改，调整后在巡检表里记一笔",
    ),
    (
        "记录本场累计成交金额（GMV，含未结算订单），以后台下播后的数字为准",
        "number",
        "unit: 元",
        "下播后 10 分钟再看一次，以最终数字为准，退款在第二天再核对",
    ),
    (
        "下播前 10 分钟提醒主播口播下一场的开播时间、主推品和粉丝福利",
        "check",
        "",
        "口播内容写在排期表的“预告”一栏里，福利以运营确认的版本为准",
    ),
    (
        "下播后 10 分钟内把直播回放里的高光片段剪成 3 条以上的短视频切片",
        "check",
        "",
        "切片标题带上主推品名和“直播回放”字样，封面用直播间的高光画面",
    ),
    (
        "为每条切片检查画面和背景音乐里有没有未经授权的音乐、字体或素材",
        "yesno",
        "",
        "拿不准就换成平台曲库里的音乐再发布，字体只用团队授权的几种",
    ),
    (
        "记录今天发布的切片总数（抖音、快手、小红书、视频号等各平台合计）",
        "number",
        "unit: 条",
        "草稿箱里没发出去的不算，定时发布的算，删除后重发的只算一条",
    ),
    (
        "写下本场表现最好的一条切片的标题和发布链接，以及它的播放量",
        "text",
        "",
        "以发布 2 小时后的播放量和完播率综合判断，不要只看点赞数",
    ),
    (
        "在信息中心搜索今天遇到的问题有没有现成答案，并把答案的链接贴到日报里",
        "check",
        "",
        "搜不到的问题写进日报的“求助”一栏，组长第二天统一回复",
    ),
    (
        "把今天的巡检截图、数据表和切片链接上传到当天的团队共享文件夹里",
        "check",
        "",
        "文件夹按“日期-账号”命名，不要放在个人网盘，也不要只发在群里",
    ),
    (
        "记录下播时间，以直播间页面上显示的时间为准，并算出本场的直播时长",
        "time",
        "",
        "和开播时间相减就是本场时长，填到日报里，超过 4 小时要写原因",
    ),
    (
        "检查本场直播有没有被平台判违规或疑似限流，有的话在后台申诉",
        "yesno",
        "",
        "有的话写现象不写结论，附上后台截图，处理流程见信息中心的问答",
    ),
    (
        "写下明天同一时段最需要改进的一件事、负责人和完成的时间",
        "text",
        "",
        "只写一件，要具体到谁在什么时间做什么，下一场开播前由组长检查",
    ),
    (
        "和组长在群里核对今天日报的数据和切片链接，确认无误后再正式提交",
        "check",
        "",
        "组长第二天上午巡检，晚于 24 点提交算迟交，迟交三次要补写说明",
    ),
];

/// The SOP above as `content/sops/live-shift.yaml`: five sections of five steps, three
/// form fields at the top and two signature lines at the bottom.
fn realistic_sop_yaml() -> String {
    let mut yaml = String::from(
        "title: 直播场控班次检查表\nsummary: 场控每场直播从开播前到下播后的检查项，组长次日据此巡检。\n\
         version: \"1.0\"\nperformers: [creator]\nfrequency: daily\nduration: 20\nform:\n\
         \x20 - { id: date, label: 日期, type: date }\n  - { id: account, label: 直播账号, type: text }\n\
         \x20 - { id: name, label: 场控, type: text }\nsections:\n",
    );
    let sections = ["开播前准备", "直播中巡检", "互动与成交", "下播后切片", "复盘与提交"];
    for (n, (text, kind, extra, help)) in REALISTIC_STEPS.iter().enumerate() {
        if n % 5 == 0 {
            yaml.push_str(&format!("  - title: {}\n    steps:\n", sections[n / 5]));
        }
        yaml.push_str(&format!(
            "      - text: {text}\n        type: {kind}\n        help: {help}\n"
        ));
        if !extra.is_empty() {
            yaml.push_str(&format!("        {extra}\n"));
        }
    }
    yaml.push_str("signoff: [场控签字, 组长签字]\n");
    yaml
}

/// Pages and page size of the form printed from the screen state, filled or blank.
fn print_pages(page: &Page, blank: bool) -> Vec<(f64, f64)> {
    page.eval_json(&format!("document.body.classList.toggle('print-blank', {blank})"));
    common::pdf_page_sizes(&page.print_pdf(&PrintOptions::default()))
}

#[test]
fn a_realistic_twenty_five_step_sop_prints_on_one_a4_page() {
    for (text, _, _, help) in REALISTIC_STEPS {
        let (t, h) = (text.chars().count(), help.chars().count());
        assert!((20..=40).contains(&t), "step text of {t} characters: {text}");
        assert!(h <= 40, "help longer than a line: {help}");
    }
    let f = Fixture::new("good");
    f.write("content/sops/live-shift.yaml", &realistic_sop_yaml());
    let run = f.build_ok(&[]);
    assert!(
        !run.stderr.contains("live-shift.yaml"),
        "no warning for a form that fits:\n{}",
        run.stderr
    );

    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("sops/live-shift.html")));
    assert_eq!(page.count("li.step"), 25);
    assert_eq!(page.count(".step-help"), 25);
    // Fill it in as on a shift: tick, choose, type.
    page.eval_json(
        "document.querySelectorAll('.step input[type=checkbox]:not([data-na])').forEach(b => b.click());\
         document.querySelector('.step input[type=radio]').click();\
         document.querySelectorAll('.step input[type=number]').forEach(i => i.value = '12800');\
         document.querySelectorAll('.step textarea').forEach(t => t.value = '切片《三分钟看懂 GMV》');",
    );
    for blank in [false, true] {
        let sizes = print_pages(&page, blank);
        assert_eq!(
            sizes.len(),
            1,
            "blank={blank}: the realistic SOP printed on {} pages",
            sizes.len()
        );
        let (w, h) = sizes[0];
        assert!(
            (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
            "A4 portrait, got {w}×{h}"
        );
    }
    page.assert_no_problems();
}

/// The steps Chromium puts on the first page: sections are kept whole (the print CSS's
/// `break-inside: avoid`), measured laid out for print at the width of A4 less margins.
fn steps_on_first_page(page: &Page) -> u64 {
    page.emulate_media("print");
    let pt = 96.0 / 72.0;
    let mm = 72.0 / 25.4;
    page.set_viewport(((595.0 - 24.0 * mm) * pt) as u32, 1200);
    let count = page.eval_json(&format!(
        "(() => {{ const top = document.querySelector('.sop-header').getBoundingClientRect().top; let n = 0; \
         for (const s of document.querySelectorAll('.sop-section')) {{ \
           if (s.getBoundingClientRect().bottom - top > {}) break; n += s.querySelectorAll('li.step').length; }} \
         return n; }})()",
        (842.0 - 20.0 * mm) * pt
    ));
    page.emulate_media("screen");
    count.as_u64().expect("a count")
}

#[test]
fn an_sop_too_long_for_one_page_warns_where_the_second_page_starts() {
    // The realistic SOP with a section of three more steps in front: 28 steps.
    let extra = "  - title: 加班确认\n    steps:\n\
        \x20     - text: 加班前确认主播和场控都已在群里报备，写下加班原因和预计结束时间\n        help: 超过 1 小时要找组长审批，审批截图存到当天文件夹\n\
        \x20     - text: 再次检查主推品库存和优惠券，确认加班时段的价格没有变化\n\
        \x20     - text: 检查评论区和私信里有没有违规词、站外引流或者恶意刷屏\n        type: yesno\n        help: 发现后先隐藏评论，再截图交给组长处理\n";
    let yaml = realistic_sop_yaml().replacen("sections:\n", &format!("sections:\n{extra}"), 1);
    let f = Fixture::new("good");
    f.write("content/sops/over-shift.yaml", &yaml);
    let run = f.build_ok(&[]);

    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("sops/over-shift.html")));
    let pages = common::pdf_page_sizes(&page.print_pdf(&PrintOptions::default())).len();
    assert_eq!(pages, 2, "28 steps print on two pages");
    let first = steps_on_first_page(&page);
    // Warned at the first step of the second page, with how many fit on the first.
    let line = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- text:"))
        .nth(first as usize)
        .map(|(n, _)| n + 1)
        .expect("a step on the second page");
    assert!(
        run.stderr.contains(&format!(
            "SOP `over-shift` prints on more than one A4 page: about {first} of its 28 steps fit on the first"
        )),
        "{first} steps fit on the first page in Chromium; lectern said:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("content/sops/over-shift.yaml:{line}:")),
        "at line {line}:\n{}",
        run.stderr
    );
    page.assert_no_problems();
}

/// A flat team: the lead and 29 direct reports, none of whom has reports of their own.
/// `team-leader` and `creator` are the fixture's own roles (its SOPs and lessons name them).
fn flat_team_roles_yaml() -> String {
    let titles = [
        "主播",
        "副播",
        "中控",
        "运营",
        "投流专员",
        "剪辑师",
        "切片剪辑",
        "数据分析",
        "客服",
        "选品",
        "文案策划",
        "摄像",
        "灯光",
        "助播",
        "商务对接",
        "售后",
        "仓储发货",
        "质检",
        "财务对账",
        "内容审核",
        "社群运营",
        "达人对接",
        "培训讲师",
        "设计",
        "直播运营",
        "短视频编导",
        "品控",
    ];
    let mut yaml = String::from(
        "- id: lead\n  title: 项目负责人\n\
         - id: team-leader\n  title: 组长\n  reports_to: lead\n  headcount: 8\n\
         - id: creator\n  title: 学员创作者\n  reports_to: lead\n  headcount: 40\n",
    );
    for (i, title) in titles.iter().enumerate() {
        yaml.push_str(&format!("- id: r{i}\n  title: {title}\n  reports_to: lead\n"));
    }
    yaml
}

/// The size in points at which the chart's labels (16 units in the SVG) print on A4
/// landscape: the page laid out for print in a viewport of the page's printable area
/// (297 × 210 mm less roles.html's 12 mm margins), measured in Chromium.
fn printed_label_pt(page: &Page) -> f64 {
    page.emulate_media("print");
    let mm = 96.0 / 25.4;
    page.set_viewport(((297.0 - 24.0) * mm) as u32, ((210.0 - 24.0) * mm) as u32);
    let px = page.eval_json(
        "(() => { const s = document.querySelector('svg.org-chart'), t = s.querySelector('text'); \
         return parseFloat(getComputedStyle(t).fontSize) * s.getScreenCTM().a; })()",
    );
    px.as_f64().expect("a number") * 0.75
}

#[test]
fn a_flat_team_of_twenty_nine_prints_its_org_chart_on_one_landscape_page_with_six_point_labels() {
    let f = Fixture::new("good");
    f.write("content/roles.yaml", &flat_team_roles_yaml());
    f.build_ok(&[]);

    let browser = Browser::launch();
    let page = browser.open(&file_url(&f.out().join("roles/index.html")));
    assert_eq!(page.count("svg.org-chart a.org-node"), 30);
    // Every label is inside its box, and no two boxes overlap.
    let problems = page.eval_json(
        "(() => { const boxes = [...document.querySelectorAll('svg.org-chart a.org-node')].map(a => \
           [a.querySelector('text').getBBox(), a.querySelector('rect').getBBox()]); \
         const out = boxes.filter(([t, r]) => t.width > r.width).length; \
         const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height; \
         let overlaps = 0; boxes.forEach(([, a], i) => boxes.slice(i + 1).forEach(([, b]) => overlaps += overlap(a, b))); \
         return {out, overlaps}; })()",
    );
    assert_eq!(problems, json!({"out": 0, "overlaps": 0}));
    let sizes = common::pdf_page_sizes(&page.print_pdf(&PrintOptions::default()));
    assert_eq!(sizes.len(), 1, "the flat team printed on {} pages", sizes.len());
    assert!(sizes[0].0 > sizes[0].1, "landscape: {:?}", sizes[0]);
    let label_pt = printed_label_pt(&page);
    assert!(label_pt >= 6.0, "labels print at {label_pt:.1} pt");
    page.assert_no_problems();
}
