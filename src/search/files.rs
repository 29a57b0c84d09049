//! The index as files under `search/`: classic scripts calling `lecternSearchAdd(kind, n,
//! data)`, which `search.js` loads with `<script>` elements (so they work over `file://`).
//!
//! - `meta.js`: counts, the number of `t-` and `c-` files, the [`super::Tuning`] (`k1`, the
//!   part and prefix limits, `rerank`, `sections`, …), the first record of each kind
//!   (records come in kind order), where each block of records starts, the role ids and
//!   the glossary names;
//! - `t-N.js` and `c-N.js`: postings, `{term: varints}` ([`Index::file_of`]);
//! - `d-N.js`: blocks N×[`BLOCKS_PER_FILE`] onwards of records, with their whole text
//!   ([`blocks`]), one `lecternSearchAdd("d", block, rows)` each;
//! - `r-N.js`: the records that concern role N of `meta.roles`, as runs of ids.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::json;

use super::index::Index;
use super::postings::{push_varint, Postings};
use super::records::{Kind, Record};

/// At most this many one-record pages share a `d-N.js` block.
pub const BLOCK: usize = 8;
/// Bytes of text a block stays under unless one record alone is longer. A query loads the
/// block of every record it ranks or shows, so blocks are small; a page of several
/// records (a lesson and its sections) has blocks of its own, which its result needs whole.
pub const BLOCK_BYTES: usize = 8 * 1024;

/// Blocks of records per `d-N.js` file. Creating a file costs more than writing its bytes
/// (an inode and a folder entry: ~100 µs each on the bench machine's ext4), and one file per
/// block was 10,000 of a 10,000-lesson site's 32,795 files; but a query loads the file of
/// each of its top 20 records, so every block more per file adds a block's 3–5 KB per
/// result. Two: 7,259 index files instead of 12,259, and the 20 queries of
/// `bench/search.sh` load a median 251 KB (171 KB with one block per file, 404 KB with
/// four; Pagefind 343 KB). Fixed, so that an edit that keeps its blocks' bounds rewrites
/// the one file they are in.
pub const BLOCKS_PER_FILE: usize = 2;

/// The number of `d-N.js` files that hold `blocks` blocks.
pub fn block_files(blocks: usize) -> usize {
    blocks.div_ceil(BLOCKS_PER_FILE)
}

/// How the records of a block relate to pages ([`super::records::pages`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Each record is a page of its own.
    Singles = 0,
    /// The block starts a page of several records.
    Page = 1,
    /// More records of the page the block before is on.
    More = 2,
}

/// The blocks of records, as (first record, kind), in order.
pub fn blocks(records: &[Record], pages: &[u32]) -> Vec<(u32, BlockKind)> {
    let size = |i: usize| records[i].title.len() + records[i].url.len() + records[i].stored_text().len();
    let alone = |i: usize| pages[i] == i as u32 && pages.get(i + 1) != Some(&(i as u32));
    let mut out = Vec::new();
    let mut i = 0;
    while i < records.len() {
        let start = i;
        let mut bytes = size(i);
        i += 1;
        if alone(start) {
            while i < records.len() && alone(i) && i - start < BLOCK && bytes + size(i) <= BLOCK_BYTES {
                bytes += size(i);
                i += 1;
            }
            out.push((start as u32, BlockKind::Singles));
        } else {
            while i < records.len() && pages[i] == pages[start] && bytes + size(i) <= BLOCK_BYTES {
                bytes += size(i);
                i += 1;
            }
            let kind = if pages[start] == start as u32 {
                BlockKind::Page
            } else {
                BlockKind::More
            };
            out.push((start as u32, kind));
        }
    }
    out
}

/// One file of the index, to be encoded.
enum Job<'a> {
    Meta,
    /// `t-N.js` or `c-N.js`: the terms (in term order) whose postings it holds.
    Shard(char, u32, Vec<(&'a str, &'a Postings)>),
    /// `d-N.js`.
    BlockFile(usize),
    /// `r-N.js`, for the N-th of the role ids.
    Role(usize, &'a str),
}

impl Index {
    /// `(path under the output, contents)` of every index file, `meta.js` first.
    pub fn files(&self) -> Vec<(String, String)> {
        let blocks = blocks(&self.records, &self.pages);
        self.jobs().par_iter().map(|job| self.encode(job, &blocks)).collect()
    }

    /// Encode every index file in parallel and hand each to `write` as soon as it is made,
    /// so that the files are never all held at once.
    pub fn try_for_each_file<E: Send>(
        &self,
        write: impl Fn(String, String) -> Result<(), E> + Sync + Send,
    ) -> Result<(), E> {
        let blocks = blocks(&self.records, &self.pages);
        self.jobs().par_iter().try_for_each(|job| {
            let (path, text) = self.encode(job, &blocks);
            write(path, text)
        })
    }

    /// The files to write. Every file is written, empty or not: the browser cannot tell a
    /// missing file from a broken index.
    fn jobs(&self) -> Vec<Job<'_>> {
        debug_assert!(
            self.records.windows(2).all(|w| w[0].kind as u8 <= w[1].kind as u8),
            "records come in kind order: meta.kindStarts depends on it"
        );
        let mut shards: BTreeMap<(char, u32), Vec<(&str, &Postings)>> = (0..self.shards)
            .map(|i| (('t', i), Vec::new()))
            .chain((0..self.char_shards).map(|i| (('c', i), Vec::new())))
            .collect();
        for (term, list) in &self.postings {
            shards.entry(self.file_of(term)).or_default().push((term, list));
        }
        let files = block_files(blocks(&self.records, &self.pages).len());
        std::iter::once(Job::Meta)
            .chain(
                shards
                    .into_iter()
                    .map(|((family, i), terms)| Job::Shard(family, i, terms)),
            )
            .chain((0..files).map(Job::BlockFile))
            .chain(self.roles().into_iter().enumerate().map(|(i, role)| Job::Role(i, role)))
            .collect()
    }

    fn encode(&self, job: &Job, blocks: &[(u32, BlockKind)]) -> (String, String) {
        match *job {
            Job::Meta => self.meta_file(blocks),
            Job::Shard(family, i, ref terms) => shard_file(family, i, terms),
            Job::BlockFile(i) => self.block_file(blocks, i),
            Job::Role(i, role) => {
                let runs = runs_of(self.records.iter().map(|r| r.roles.iter().any(|x| x == role)));
                (
                    format!("search/r-{i}.js"),
                    format!("lecternSearchAdd(\"r\",{i},\"{runs}\");\n"),
                )
            }
        }
    }

    /// The role ids records name, in order: role file N is the N-th.
    fn roles(&self) -> Vec<&str> {
        let roles: BTreeSet<&str> = self
            .records
            .iter()
            .flat_map(|r| r.roles.iter().map(String::as_str))
            .collect();
        roles.into_iter().collect()
    }

    /// `search/meta.js`, for the records cut into `blocks`.
    pub(super) fn meta_file(&self, blocks: &[(u32, BlockKind)]) -> (String, String) {
        let mut encoded_blocks = String::new();
        let mut last = 0;
        for &(start, kind) in blocks {
            push_varint(&mut encoded_blocks, (start - last) * 3 + kind as u32);
            last = start;
        }
        let kind_starts: Vec<usize> = Kind::ALL
            .iter()
            .map(|&k| self.records.partition_point(|r| (r.kind as u8) < k as u8))
            .collect();
        let meta = json!({
            "version": 4,
            "records": self.records.len(),
            "shards": self.shards,
            "chars": self.char_shards,
            "tuning": self.tuning,
            "kinds": Kind::ALL,
            "kindStarts": kind_starts,
            "blocks": encoded_blocks,
            "blocksPerFile": BLOCKS_PER_FILE,
            "roles": self.roles(),
            "glossary": self.glossary,
        });
        (
            "search/meta.js".to_string(),
            format!("lecternSearchAdd(\"m\",0,{meta});\n"),
        )
    }

    /// `search/d-N.js`: blocks N×[`BLOCKS_PER_FILE`] onwards of `blocks`, with their
    /// records' whole text.
    pub(super) fn block_file(&self, blocks: &[(u32, BlockKind)], file: usize) -> (String, String) {
        let first = file * BLOCKS_PER_FILE;
        let mut text = String::new();
        for i in first..blocks.len().min(first + BLOCKS_PER_FILE) {
            let start = blocks[i].0 as usize;
            let end = blocks.get(i + 1).map_or(self.records.len(), |b| b.0 as usize);
            let block = &self.records[start..end];
            let rows: Vec<serde_json::Value> = block
                .iter()
                .enumerate()
                .map(|(k, r)| stored_row(r, k.checked_sub(1).map(|p| &block[p])))
                .collect();
            let body = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
            text.push_str(&format!("lecternSearchAdd(\"d\",{i},{});\n", script_safe(&body)));
        }
        (format!("search/d-{file}.js"), text)
    }
}

/// `search/{family}-{i}.js` holding `terms` (in term order) with their postings, as
/// `{"term":"varints",…}`: the lists are already in the files' encoding ([`Postings`]).
pub(super) fn shard_file(family: char, i: u32, terms: &[(&str, &Postings)]) -> (String, String) {
    let bytes: usize = terms.iter().map(|(t, l)| t.len() + l.encoded().len() + 6).sum();
    let mut text = String::with_capacity(bytes + 32);
    text.push_str(&format!("lecternSearchAdd(\"{family}\",{i},{{"));
    for (k, (term, list)) in terms.iter().enumerate() {
        if k > 0 {
            text.push(',');
        }
        if term.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
            text.push_str(&serde_json::to_string(term).expect("a string serializes"));
        } else {
            // What serde_json writes for a string without quotes, backslashes or controls.
            text.push('"');
            text.push_str(term);
            text.push('"');
        }
        text.push_str(":\"");
        text.push_str(list.encoded());
        text.push('"');
    }
    text.push_str("});\n");
    (format!("search/{family}-{i}.js"), text)
}

/// The runs of `true` in a list of records, as varints: for each run, the records since the
/// previous run ended, then its length. A role concerns whole lessons, whose sections follow
/// each other, so runs are far shorter than lists of ids.
fn runs_of(flags: impl Iterator<Item = bool>) -> String {
    let mut out = String::new();
    let (mut last_end, mut start) = (0u32, None);
    let mut n = 0u32;
    for flag in flags {
        match (flag, start) {
            (true, None) => start = Some(n),
            (false, Some(s)) => {
                push_varint(&mut out, s - last_end);
                push_varint(&mut out, n - s);
                last_end = n;
                start = None;
            }
            _ => {}
        }
        n += 1;
    }
    if let Some(s) = start {
        push_varint(&mut out, s - last_end);
        push_varint(&mut out, n - s);
    }
    out
}

/// A record as stored in its `d-N.js` block: `[title, crumb, url, roles, tags, text]` (its
/// kind follows from its id and `meta.kindStarts`). Sections of one lesson follow each
/// other, so a crumb, roles or tags equal to the row before's are written `0`, and a URL on
/// the row before's page as just its `#fragment` (`search.js` expands them back).
fn stored_row(r: &Record, before: Option<&Record>) -> serde_json::Value {
    let same = |f: fn(&Record) -> serde_json::Value| match before {
        Some(b) if f(b) == f(r) => json!(0),
        _ => f(r),
    };
    let url = match (before, r.url.find('#')) {
        (Some(b), Some(hash)) if b.page_url() == r.page_url() => r.url[hash..].to_string(),
        _ => r.url.clone(),
    };
    json!([
        r.title,
        same(|x| json!(x.crumb)),
        url,
        same(|x| json!(x.roles)),
        same(|x| json!(x.tags)),
        r.stored_text()
    ])
}

/// Content from authors must not end the script element it is inlined into by accident:
/// `</script>` is written as `<\/script>` (the same string to JavaScript).
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: Kind, url: &str, text_bytes: usize) -> Record {
        Record {
            kind,
            title: String::new(),
            crumb: String::new(),
            url: url.to_string(),
            roles: Vec::new(),
            tags: Vec::new(),
            fields: [String::new(), String::new(), String::new(), "字".repeat(text_bytes / 3)],
        }
    }

    #[test]
    fn a_page_of_several_records_has_blocks_of_its_own_and_other_pages_share() {
        let big = BLOCK_BYTES / 2;
        let records = vec![
            record(Kind::Lesson, "a.html", 10),
            record(Kind::Lesson, "a.html#x", big),
            record(Kind::Lesson, "a.html#y", big), // over the limit with the two before
            record(Kind::Lesson, "b.html", 10),    // a lesson without sections
            record(Kind::Sop, "s.html", 10),
            record(Kind::Qa, "q.html", 10),
            record(Kind::Term, "glossary.html#gmv", 10), // a page of its own, though on glossary.html
            record(Kind::Term, "glossary.html#koc", 10),
        ];
        let pages = super::super::records::pages(&records);
        assert_eq!(pages, [0, 0, 0, 3, 4, 5, 6, 7]);
        assert_eq!(
            blocks(&records, &pages),
            [(0, BlockKind::Page), (2, BlockKind::More), (3, BlockKind::Singles)]
        );
        let many: Vec<Record> = (0..BLOCK + 1)
            .map(|i| record(Kind::Qa, &format!("q{i}.html"), 10))
            .collect();
        let pages = super::super::records::pages(&many);
        assert_eq!(
            blocks(&many, &pages),
            [(0, BlockKind::Singles), (BLOCK as u32, BlockKind::Singles)]
        );
    }

    #[test]
    fn blocks_come_two_to_a_file_each_once_in_order() {
        // Nine lessons of two records each: nine blocks of their own, in five files.
        let records: Vec<Record> = (0..9)
            .flat_map(|i| {
                [
                    record(Kind::Lesson, &format!("l{i}.html"), 30),
                    record(Kind::Lesson, &format!("l{i}.html#s"), 30),
                ]
            })
            .collect();
        let files: BTreeMap<String, String> = super::super::build(records, &[]).files().into_iter().collect();
        let calls = |text: &str| -> Vec<u32> {
            text.lines()
                .map(|l| l.strip_prefix("lecternSearchAdd(\"d\",").expect("one block per line"))
                .map(|l| l[..l.find(',').unwrap()].parse().unwrap())
                .collect()
        };
        assert_eq!(calls(&files["search/d-0.js"]), [0, 1]);
        assert_eq!(calls(&files["search/d-1.js"]), [2, 3]);
        assert_eq!(calls(&files["search/d-3.js"]), [6, 7]);
        assert_eq!(calls(&files["search/d-4.js"]), [8]);
        assert!(!files.contains_key("search/d-5.js"));
        assert!(files["search/meta.js"].contains("\"blocksPerFile\":2"));
        assert_eq!(block_files(0), 0);
        assert_eq!(block_files(9), 5);
    }

    #[test]
    fn role_runs_count_from_the_end_of_the_run_before() {
        let flags = [false, true, true, false, false, true, true, true];
        // Run 1..3: 1 since 0, length 2; run 5..8: 2 since 3, length 3.
        assert_eq!(runs_of(flags.into_iter()), "BCCD");
        assert_eq!(runs_of([true].into_iter()), "AB");
        assert_eq!(runs_of([false, false].into_iter()), "");
    }
}
