//! Strings of the learner's progress: choosing a role, the path's states, the lesson's
//! read marker and re-confirm banner. Templates read them as `site.t.learner.*`; the
//! scripts get them in the page's `#path-data` and `#lesson-progress` blocks.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LearnerStrings {
    pub choose_this_role: &'static str,
    pub is_my_role: &'static str,
    pub my_path: &'static str,
    pub choose_role: &'static str,
    pub change_role: &'static str,
    /// Before the link to the lesson to go on with.
    pub continue_with: &'static str,
    pub all_done: &'static str,
    /// Before the percentage of the path finished.
    pub path_done: &'static str,
    pub not_started: &'static str,
    pub read: &'static str,
    pub quiz_passed: &'static str,
    pub quiz_to_pass: &'static str,
    pub changed: &'static str,
    pub run_today: &'static str,
    pub run_this_period: &'static str,
    pub not_run_today: &'static str,
    pub not_run_this_period: &'static str,
    pub my_sops: &'static str,
    pub mark_read: &'static str,
    pub marked_read: &'static str,
    pub reconfirm: &'static str,
    pub reviewed_again: &'static str,
}

pub static ZH_CN: LearnerStrings = LearnerStrings {
    choose_this_role: "这是我的岗位",
    is_my_role: "✓ 我的岗位",
    my_path: "我的学习路径",
    choose_role: "选择你的岗位",
    change_role: "更换岗位",
    continue_with: "继续学习：",
    all_done: "这条路径的课都学完了。",
    path_done: "已完成",
    not_started: "未开始",
    read: "已读",
    quiz_passed: "测验已通过",
    quiz_to_pass: "测验未通过",
    changed: "自你完成后已更新",
    run_today: "今日已执行",
    run_this_period: "本期已执行",
    not_run_today: "今日未执行",
    not_run_this_period: "本期未执行",
    my_sops: "我的 SOP",
    mark_read: "标记为已读",
    marked_read: "✓ 已读",
    reconfirm: "这一课在你读完后更新过，请重新阅读后确认。",
    reviewed_again: "我已重新阅读",
};

pub static EN: LearnerStrings = LearnerStrings {
    choose_this_role: "This is my role",
    is_my_role: "✓ My role",
    my_path: "My learning path",
    choose_role: "Choose your role",
    change_role: "Change role",
    continue_with: "Continue: ",
    all_done: "Every lesson of this path is done.",
    path_done: "Done",
    not_started: "Not started",
    read: "Read",
    quiz_passed: "Quiz passed",
    quiz_to_pass: "Quiz not passed yet",
    changed: "Changed since you finished",
    run_today: "Done today",
    run_this_period: "Done this period",
    not_run_today: "Not done today",
    not_run_this_period: "Not done this period",
    my_sops: "My SOPs",
    mark_read: "Mark as read",
    marked_read: "✓ Read",
    reconfirm: "This lesson changed after you read it. Read it again, then confirm.",
    reviewed_again: "I have reviewed it again",
};
