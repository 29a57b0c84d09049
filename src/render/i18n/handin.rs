//! Strings of handing in to the team leader: the button, the dialog, and the summary line
//! (`{done}`, `{total}`, `{score}`, `{i}`, `{n}`, `{name}`, `{team}` are filled in by
//! `handin.js`). Templates read them as `site.t.handin.*`.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct HandinStrings {
    pub button: &'static str,
    pub title: &'static str,
    pub who: &'static str,
    pub name: &'static str,
    pub team: &'static str,
    pub next: &'static str,
    pub scan: &'static str,
    pub parts: &'static str,
    pub too_long: &'static str,
    pub download: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub change: &'static str,
    pub close: &'static str,
    pub text: &'static str,
    pub sop_result: &'static str,
    pub quiz_result: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub learner: &'static str,
}

pub static ZH_CN: HandinStrings = HandinStrings {
    button: "交给组长",
    title: "交给组长",
    who: "第一次交给组长前，请填写姓名和小组（只保存在这台设备上，之后可以修改）。",
    name: "姓名",
    team: "小组",
    next: "继续",
    scan: "请组长用手机扫描二维码。",
    parts: "记录较长，分成 {n} 个二维码，请依次扫描。",
    too_long: "记录太长，无法用二维码交：请下载文件发给组长。",
    download: "下载文件",
    copy: "复制为文字",
    copied: "已复制，可以粘贴到聊天里发给组长。",
    change: "修改姓名和小组",
    close: "关闭",
    text: "要发送的文字",
    sop_result: "完成 {done}/{total}",
    quiz_result: "得分 {score}/{total}",
    passed: "通过",
    failed: "未通过",
    learner: "{name}（{team}）",
};

pub static EN: HandinStrings = HandinStrings {
    button: "Hand in",
    title: "Hand in to your team leader",
    who: "Before your first hand-in, enter your name and team (kept on this device only; you can change them later).",
    name: "Name",
    team: "Team",
    next: "Continue",
    scan: "Let your team leader scan the QR code with a phone.",
    parts: "This record is long: it is split into {n} QR codes; scan them in turn.",
    too_long: "This record is too long for QR codes: download the file and send it to your team leader.",
    download: "Download file",
    copy: "Copy as text",
    copied: "Copied: paste it into a chat to your team leader.",
    change: "Change name and team",
    close: "Close",
    text: "Text to send",
    sop_result: "done {done}/{total}",
    quiz_result: "score {score}/{total}",
    passed: "passed",
    failed: "not passed",
    learner: "{name} ({team})",
};
