//! From an [`Outline`] to a [`Plan`]: every file of the programme to be, with its bytes or
//! the source file it copies, every rewritten reference and every problem. Pure: the
//! source is read already and nothing is written here.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::outline::{self, Chapter, Outline};
use super::refs::{self, Ref, RefKind, Resolver, Target};
use super::tree::SourceTree;
use super::ImportOptions;
use crate::config::Language;
use crate::diag::{Diagnostic, SourceFile};
use crate::load::frontmatter::{self, FrontMatter};
use crate::model::{LessonFront, PageFront};

/// Everything `lectern import` will write.
pub struct Plan {
    pub title: String,
    pub language: Language,
    pub home: Option<PlannedDoc>,
    pub modules: Vec<PlannedModule>,
    /// Files written: `/`-separated paths in DEST, in name order.
    pub files: BTreeMap<String, Content>,
    /// (source, destination) of every file copied as it is (images, attachments).
    pub copies: Vec<(String, String)>,
    pub rewrites: Vec<Rewrite>,
    /// References to nothing in the source, at their SRC file:line:col.
    pub broken: Vec<Diagnostic>,
    /// Everything else that could not be converted.
    pub problems: Vec<Diagnostic>,
    /// Chapters not in the table of contents, imported into the last module.
    pub unlisted: Vec<String>,
}

pub enum Content {
    Bytes(Vec<u8>),
    /// A copy of this file of the source folder.
    Copy(String),
}

pub struct PlannedModule {
    pub id: String,
    pub title: String,
    pub lessons: Vec<PlannedDoc>,
}

/// A lesson, or the home page.
pub struct PlannedDoc {
    /// `MODULE/LESSON` (`index` for the home page).
    pub id: String,
    pub title: String,
    pub source: String,
    pub dest: String,
    /// Whether a `title:` front matter block was added.
    pub front_matter_added: bool,
}

/// A reference whose destination changed.
pub struct Rewrite {
    /// `SRC/FILE:LINE:COL`.
    pub at: String,
    pub from: String,
    pub to: String,
}

pub fn plan(tree: &SourceTree, mut outline: Outline, opts: &ImportOptions) -> Plan {
    let language = opts
        .language
        .or_else(|| outline.language.as_deref().and_then(language_named))
        .unwrap_or_else(|| guess_language(tree));
    let words = Words::of(language);
    let mut p = Plan {
        title: String::new(),
        language,
        home: None,
        modules: Vec::new(),
        files: BTreeMap::new(),
        copies: Vec::new(),
        rewrites: Vec::new(),
        broken: Vec::new(),
        problems: std::mem::take(&mut outline.problems),
        unlisted: Vec::new(),
    };
    p.problems.extend(tree.unreadable.iter().cloned());

    // Chapters: each file once, in table-of-contents order; the rest is "unlisted".
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if let Some(home) = &outline.home {
        taken.insert(home.path.clone());
    }
    for g in &mut outline.groups {
        g.chapters.retain(|c| taken.insert(c.path.clone()));
    }
    outline.groups.retain(|g| !g.chapters.is_empty());
    let unlisted: Vec<Chapter> = tree
        .markdown_under(&outline.root)
        .filter(|path| {
            !taken.contains(*path)
                && !outline.machinery.iter().any(|m| m == path)
                && !path
                    .split('/')
                    .any(|part| part.starts_with('.') || part.starts_with('_'))
                && !matches!(*path, "SUMMARY.md" | "CHANGELOG.md" | "LICENSE.md")
        })
        .map(|path| Chapter {
            title: None,
            path: path.to_string(),
        })
        .collect();
    p.unlisted = unlisted.iter().map(|c| c.path.clone()).collect();
    if !unlisted.is_empty() {
        outline.groups.push(outline::Group {
            title: Some(words.unlisted.to_string()),
            chapters: unlisted,
        });
    }

    // Where each chapter goes.
    let mut dest_of: BTreeMap<String, String> = BTreeMap::new();
    let width = outline.groups.len().to_string().len().max(2);
    for (gi, group) in outline.groups.iter().enumerate() {
        let title = group.title.clone().unwrap_or_else(|| words.part(gi + 1));
        let id = format!("{:0width$}-{}", gi + 1, id_slug(&title, "module"));
        let lesson_width = group.chapters.len().to_string().len().max(2);
        let mut lessons = Vec::new();
        for (ci, chapter) in group.chapters.iter().enumerate() {
            let stem = chapter_stem(&chapter.path);
            let lesson = format!("{:0lesson_width$}-{}", ci + 1, id_slug(strip_number(&stem), "lesson"));
            let dest = format!("content/lessons/{id}/{lesson}.md");
            dest_of.insert(chapter.path.clone(), dest.clone());
            lessons.push(PlannedDoc {
                id: format!("{id}/{lesson}"),
                title: chapter.title.clone().unwrap_or_default(),
                source: chapter.path.clone(),
                dest,
                front_matter_added: false,
            });
        }
        p.modules.push(PlannedModule { id, title, lessons });
    }
    if let Some(home) = &outline.home {
        dest_of.insert(home.path.clone(), "content/index.md".into());
    }

    let resolver = Resolver {
        tree,
        root: &outline.root,
        docsify: outline.machinery.iter().any(|m| m.ends_with("_sidebar.md")),
    };
    let mut placer = Placer::default();
    if let Some(home) = outline.home.take() {
        let mut doc = PlannedDoc {
            id: "index".into(),
            title: home.title.clone().unwrap_or_default(),
            source: home.path,
            dest: "content/index.md".into(),
            front_matter_added: false,
        };
        convert(
            tree,
            &resolver,
            &dest_of,
            &mut placer,
            &mut doc,
            &mut p,
            opts,
            true,
            outline.decks,
        );
        p.home = Some(doc);
    }
    let mut modules = std::mem::take(&mut p.modules);
    for m in &mut modules {
        for doc in &mut m.lessons {
            convert(
                tree,
                &resolver,
                &dest_of,
                &mut placer,
                doc,
                &mut p,
                opts,
                false,
                outline.decks,
            );
        }
        p.files.insert(
            format!("content/lessons/{}/_module.yaml", m.id),
            Content::Bytes(format!("title: {}\n", yaml_string(&m.title)).into_bytes()),
        );
    }
    p.modules = modules;
    for (src, dest) in &placer.copies {
        p.files.insert(dest.clone(), Content::Copy(src.clone()));
        p.copies.push((src.clone(), dest.clone()));
    }

    p.title = opts
        .title
        .clone()
        .or(outline.title)
        .or_else(|| p.home.as_ref().map(|h| h.title.clone()).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| folder_name(&tree.src));
    p.files.insert(
        "lectern.yaml".into(),
        Content::Bytes(format!("title: {}\nlanguage: {}\n", yaml_string(&p.title), language.code()).into_bytes()),
    );
    p
}

/// One chapter: its references resolved and rewritten, a `title:` front matter block
/// added where it needs one, everything else byte for byte.
#[allow(clippy::too_many_arguments)]
fn convert(
    tree: &SourceTree,
    resolver: &Resolver,
    dest_of: &BTreeMap<String, String>,
    placer: &mut Placer,
    doc: &mut PlannedDoc,
    p: &mut Plan,
    opts: &ImportOptions,
    is_home: bool,
    is_deck: bool,
) {
    let Some(entry) = tree.files.get(&doc.source) else {
        return;
    };
    let Some(file) = entry.text.clone() else { return };
    let text = &file.text;
    let (front, body) = existing_front_matter(&file);
    let mut home_front: Option<(std::ops::Range<usize>, String)> = None;
    if let Some(range) = &front {
        let checked = if is_home {
            crate::yaml::parse::<PageFront>(&file, range.clone()).map(|_| ())
        } else {
            crate::yaml::parse::<LessonFront>(&file, range.clone()).map(|_| ())
        };
        if let (Err(_), true) = (&checked, is_home) {
            // The home page takes only `title`: other keys (GitBook's `description`) are
            // kept as YAML comments, so the page builds and nothing is lost.
            let keys = commented_out_keys(text, range.clone(), &["title"]);
            if !keys.is_empty() {
                p.problems.push(
                    Diagnostic::warning(format!(
                        "home page front matter: `{}` kept as YAML comments",
                        keys.join("`, `")
                    ))
                    .at(&file, range.start..range.start)
                    .help("Lectern's home page takes only `title`"),
                );
                home_front = Some(comment_out(text, range.clone(), &["title"]));
            }
        } else if let Err(d) = checked {
            if !is_deck {
                p.problems.push(
                    Diagnostic::warning(format!(
                        "front matter kept as it is, but Lectern will not accept it: {}",
                        d.message
                    ))
                    .at(&file, span_in(&d).unwrap_or(range.clone()))
                    .help("edit the front matter of the imported file (docs/authoring.md lists the keys)"),
                );
            }
        }
    }
    if doc.title.is_empty() {
        doc.title = first_heading(&text[body..]).unwrap_or_default();
    }
    let add_title = front.is_none() && (is_home || !doc.title.is_empty() || first_heading(&text[body..]).is_none());
    if doc.title.is_empty() {
        doc.title = chapter_stem(&doc.source);
    }

    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for r in refs::scan(text, body) {
        let new = match resolver.resolve(&r.written, &doc.source) {
            Target::Outside => continue,
            Target::Page(page, anchor) => match dest_of.get(&page) {
                Some(dest) => {
                    let mut link = relative(outline::parent(&doc.dest), dest);
                    if let Some(a) = anchor {
                        link.push('#');
                        link.push_str(&a);
                    }
                    link
                }
                None => {
                    broken(
                        p,
                        &file,
                        &r,
                        &format!("`{page}` is not a chapter of the book"),
                        opts,
                        &mut edits,
                    );
                    continue;
                }
            },
            Target::File(path) => placer.place(&path, &doc.source, &doc.dest, is_home, &resolver.root),
            Target::Missing(why) => {
                broken(p, &file, &r, &why, opts, &mut edits);
                continue;
            }
        };
        let new = written_as(&new, r.kind);
        if new != r.written && !same_relative(&r.written, &new) {
            let (line, col) = file.line_col(r.span.start);
            p.rewrites.push(Rewrite {
                at: format!("{}:{line}:{col}", file.path.display()),
                from: r.written.clone(),
                to: new.clone(),
            });
            edits.push((r.span.clone(), new));
        }
    }
    edits.extend(home_front);
    let mut out = text.clone();
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    for (span, new) in edits {
        out.replace_range(span, &new);
    }
    if add_title {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let title = if is_home && doc.title.is_empty() {
            String::new()
        } else {
            format!("title: {}{newline}", yaml_string(&doc.title))
        };
        out = format!("---{newline}{title}---{newline}{out}");
        doc.front_matter_added = true;
    }
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if entry.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(out.as_bytes());
    p.files.insert(doc.dest.clone(), Content::Bytes(bytes));
}

fn span_in(d: &Diagnostic) -> Option<std::ops::Range<usize>> {
    match &d.location {
        Some(crate::diag::Location::Span { span, .. }) => Some(span.clone()),
        _ => None,
    }
}

/// A reference to nothing: reported at SRC file:line:col and, unless `--keep-broken`,
/// made plain text (a link its text, an image its alt text, an HTML attribute removed).
fn broken(
    p: &mut Plan,
    file: &Arc<SourceFile>,
    r: &Ref,
    why: &str,
    opts: &ImportOptions,
    edits: &mut Vec<(std::ops::Range<usize>, String)>,
) {
    let plain = r.plain.clone().filter(|_| !opts.keep_broken);
    let what = if plain.is_some() {
        "made plain text"
    } else {
        "kept as it is"
    };
    p.broken.push(
        Diagnostic::warning(format!("broken reference in the source, {what}: {why}"))
            .at(file, r.span.clone())
            .label("names nothing in the source folder"),
    );
    if let Some((whole, inner)) = plain {
        edits.push((whole, file.text[inner].to_string()));
    }
}

/// Where copied files go: beside the lesson when they sit in the chapter's folder (its
/// relative links then stay as written), else into `assets/` under their path in the
/// source (without leading dots: `.gitbook/assets/x.png` → `assets/gitbook/assets/x.png`).
#[derive(Default)]
struct Placer {
    /// destination → source
    claimed: BTreeMap<String, String>,
    copies: Vec<(String, String)>,
}

impl Placer {
    /// The link from the document at `doc_dest` to `file`, placing the file if it is not yet.
    fn place(&mut self, file: &str, doc_source: &str, doc_dest: &str, is_home: bool, root: &str) -> String {
        let dir = outline::parent(doc_source);
        let inside = if dir.is_empty() {
            Some(file)
        } else {
            file.strip_prefix(&format!("{dir}/"))
        };
        if let (Some(rel), false) = (inside, is_home) {
            let dest = format!("{}/{rel}", outline::parent(doc_dest));
            if self.claim(&dest, file) {
                return rel.to_string();
            }
        }
        let in_root = if root.is_empty() {
            file
        } else {
            file.strip_prefix(&format!("{root}/")).unwrap_or(file)
        };
        let clean: Vec<&str> = in_root.split('/').map(|s| s.trim_start_matches('.')).collect();
        let dest = format!("assets/{}", clean.join("/"));
        self.claim(&dest, file);
        format!("/{dest}")
    }

    fn claim(&mut self, dest: &str, src: &str) -> bool {
        match self.claimed.get(dest) {
            Some(owner) => owner == src,
            None => {
                self.claimed.insert(dest.to_string(), src.to_string());
                self.copies.push((src.to_string(), dest.to_string()));
                true
            }
        }
    }
}

/// The relative path from the folder `from_dir` to `to` (both in DEST).
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// A destination as Markdown or HTML needs it written.
fn written_as(dest: &str, kind: RefKind) -> String {
    match kind {
        RefKind::Html => dest.replace('"', "%22"),
        _ if dest.contains([' ', '(', ')', '<', '>']) => format!("<{dest}>"),
        _ => dest.to_string(),
    }
}

/// `./img/a.png` and `img/a.png` name the same file: no rewrite.
fn same_relative(written: &str, new: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
    decoded.trim_start_matches("./") == new || decoded == new
}

/// The top-level keys of the YAML in `range` that are not in `allowed`.
fn commented_out_keys(text: &str, range: std::ops::Range<usize>, allowed: &[&str]) -> Vec<String> {
    text[range]
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !allowed.contains(&k.as_str()))
        .collect()
}

/// The YAML in `range` with every top-level key not in `allowed`, and the lines that
/// belong to it, turned into comments: (range, new text).
fn comment_out(text: &str, range: std::ops::Range<usize>, allowed: &[&str]) -> (std::ops::Range<usize>, String) {
    let mut out = String::new();
    let mut commenting = false;
    for line in text[range.clone()].split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty() {
            let key = line.split_once(':').map_or("", |(k, _)| k.trim());
            commenting = !allowed.contains(&key);
        }
        if commenting {
            out.push_str("# ");
        }
        out.push_str(line);
    }
    (range, out)
}

/// The front matter Lectern would read (its YAML range) and where the body starts. A
/// leading `---` that opens no YAML mapping (a thematic break) is no front matter.
fn existing_front_matter(file: &Arc<SourceFile>) -> (Option<std::ops::Range<usize>>, usize) {
    match frontmatter::split(&file.text) {
        FrontMatter::Found(split) => {
            let is_map =
                crate::yaml::parse::<serde_json::Value>(file, split.front.clone()).is_ok_and(|v| v.is_object());
            if is_map {
                (Some(split.front), split.body_start)
            } else {
                (None, 0)
            }
        }
        _ => (None, 0),
    }
}

/// The text of the first heading (ATX or setext), outside code, as Lectern's title.
fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text: Option<String> = None;
    for event in Parser::new_ext(body, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => text = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = text.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => return text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            _ => {}
        }
    }
    None
}

/// The name a chapter is known by: its file name, or its folder's for a README.
fn chapter_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if matches!(stem.to_ascii_lowercase().as_str(), "readme" | "index") {
        let folder = outline::parent(path);
        let folder = folder.rsplit('/').next().unwrap_or(folder);
        if !folder.is_empty() {
            return folder.to_string();
        }
    }
    stem.to_string()
}

/// `01-intro` → `intro`, `1. 选题` → `选题`: the number is given again by the order.
fn strip_number(stem: &str) -> &str {
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.trim_start_matches(['-', '_', '.', ' ']);
    if rest.is_empty() || rest.len() == stem.len() {
        stem
    } else {
        rest
    }
}

/// A readable id: letters and digits of any script kept, ASCII lowercased, every run of
/// anything else one `-`; at most 40 characters.
pub fn id_slug(text: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        if id.chars().count() >= 40 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        fallback.to_string()
    } else {
        id.to_string()
    }
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn language_named(name: &str) -> Option<Language> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("zh") {
        Some(Language::ZhCn)
    } else if lower.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// Chinese when the chapters hold Han characters, else English.
fn guess_language(tree: &SourceTree) -> Language {
    let han = tree
        .markdown_under("")
        .filter_map(|p| tree.text(p))
        .any(|f| f.text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if han {
        Language::ZhCn
    } else {
        Language::En
    }
}

fn folder_name(src: &std::path::Path) -> String {
    std::path::absolute(src)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "imported".into())
}

/// The names the import gives what it makes, in the programme's language.
struct Words {
    language: Language,
    unlisted: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        let unlisted = match language {
            Language::ZhCn => "未列入目录",
            Language::En => "Not in the table of contents",
        };
        Words { language, unlisted }
    }

    /// The title of the `n`th module, for chapters that the source does not group.
    fn part(&self, n: usize) -> String {
        match self.language {
            Language::ZhCn => format!("第 {n} 部分"),
            Language::En => format!("Part {n}"),
        }
    }
}
