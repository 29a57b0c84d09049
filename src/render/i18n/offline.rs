//! Strings of the offline copy: the home page's download control and the update notice
//! (`offline.js`). Templates read them as `site.t.offline.*`.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct OfflineStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub pages: &'static str,
    pub decks: &'static str,
    pub images: &'static str,
    pub download: &'static str,
    pub remove: &'static str,
    pub saved: &'static str,
    pub updated: &'static str,
    pub reload: &'static str,
    pub serve: &'static str,
    pub unavailable: &'static str,
    pub downloading: &'static str,
    pub removed: &'static str,
    pub failed: &'static str,
    pub http_only: &'static str,
}

pub static ZH_CN: OfflineStrings = OfflineStrings {
    title: "离线副本",
    intro: "下载到本机后，断网也能看所有页面、搜索和所选的幻灯片。不会自动下载任何内容；学习记录（勾选、测验、进度）一直保存在本机，更新和移除都不会动它们。",
    pages: "页面和搜索索引",
    decks: "幻灯片（decks）",
    images: "图片和附件",
    download: "离线下载",
    remove: "移除离线副本",
    saved: "已下载，断网可用",
    updated: "内容已更新",
    reload: "重新载入",
    serve: "lectern serve 预览不提供离线副本（预览随保存重建，缓存会挡住实时刷新）；用 lectern build 发布后再下载。",
    unavailable: "读不到离线清单 offline.json，暂时不能下载。",
    downloading: "正在下载",
    removed: "离线副本已移除；学习记录仍保留在本机。",
    failed: "下载没有完成，已丢弃这次下载：",
    http_only: "离线副本需要通过 https（或本机 localhost）打开网站。",
};

pub static EN: OfflineStrings = OfflineStrings {
    title: "Offline copy",
    intro: "Download to this device and every page, the search and the decks you choose work with the network off. Nothing is downloaded unless you ask; your learning data (ticks, quizzes, progress) stays on this device and is never touched by updates or removal.",
    pages: "Pages and search index",
    decks: "Slide decks",
    images: "Images and files",
    download: "Download for offline",
    remove: "Remove offline copy",
    saved: "Downloaded: works offline",
    updated: "Content updated",
    reload: "Reload",
    serve: "The lectern serve preview has no offline copy (it rebuilds as you save, and a cache would hide live reload); download it once the site is published with lectern build.",
    unavailable: "The offline list offline.json cannot be read, so nothing can be downloaded.",
    downloading: "Downloading",
    removed: "Offline copy removed; your learning data is still on this device.",
    failed: "The download did not finish and was discarded: ",
    http_only: "An offline copy needs the site opened over https (or localhost).",
};
