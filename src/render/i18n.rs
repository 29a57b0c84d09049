//! UI strings, chosen by `language` in lectern.yaml.

use serde::Serialize;

use crate::config::Language;

#[derive(Debug, Serialize)]
pub struct Strings {
    pub home: &'static str,
    pub modules: &'static str,
    pub lessons: &'static str,
    pub lesson_count: &'static str,
    pub minutes: &'static str,
    pub total_duration: &'static str,
    pub objectives: &'static str,
    pub prerequisites: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub present: &'static str,
    pub notes: &'static str,
    pub slide: &'static str,
    pub in_this_module: &'static str,
    pub tags: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub skip_to_content: &'static str,
    pub breadcrumb: &'static str,
    pub footnotes: &'static str,
    pub built_with: &'static str,
}

pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

static ZH_CN: Strings = Strings {
    home: "首页",
    modules: "课程模块",
    lessons: "课程",
    lesson_count: "节课",
    minutes: "分钟",
    total_duration: "总时长",
    objectives: "学习目标",
    prerequisites: "先修课程",
    previous: "上一课",
    next: "下一课",
    present: "放映",
    notes: "讲师备注",
    slide: "幻灯片",
    in_this_module: "本模块课程",
    tags: "标签",
    not_found_title: "页面不存在",
    not_found_text: "你要找的页面不存在，可能已被移动或删除。",
    back_home: "返回首页",
    skip_to_content: "跳到正文",
    breadcrumb: "当前位置",
    footnotes: "注释",
    built_with: "由 Lectern 生成",
};

static EN: Strings = Strings {
    home: "Home",
    modules: "Modules",
    lessons: "Lessons",
    lesson_count: "lessons",
    minutes: "min",
    total_duration: "Total",
    objectives: "Objectives",
    prerequisites: "Prerequisites",
    previous: "Previous",
    next: "Next",
    present: "Present",
    notes: "Speaker notes",
    slide: "Slide",
    in_this_module: "In this module",
    tags: "Tags",
    not_found_title: "Page not found",
    not_found_text:
        "The page you are looking for does not exist. It may have been moved or deleted.",
    back_home: "Back to the home page",
    skip_to_content: "Skip to content",
    breadcrumb: "Breadcrumb",
    footnotes: "Notes",
    built_with: "Built with Lectern",
};
