//! The search index `serve` keeps between edits, so that an edit to one lesson's body
//! rewrites only the index files whose bytes it changes: the shards of the terms whose
//! postings moved, the record blocks holding the lesson's text, and `meta.js` when the
//! blocks moved. The files come out byte for byte as a full build of the edited programme
//! writes them (`tests/serve_search.rs` compares them): the same encoders
//! ([`super::files`]), the same weights ([`super::index`]).
//!
//! An edit that changes what every weight or every file depends on (the number of the
//! lesson's records, so the ids of every record after it; the rounded average field
//! lengths; the number of shards) is refused: the caller rebuilds the index whole.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::files::{block_files, blocks, shard_file, BlockKind, BLOCKS_PER_FILE};
use super::index::{
    average_lengths, field_lengths, glossary_term, normalized_fields, posting_bytes, shard_counts, GlossaryMatcher,
    Index,
};
use super::postings::{Mark, Postings};
use super::records::{Kind, Record};
use super::weigh::record_terms;
use crate::model::GlossaryEntry;

/// A file of postings: `('t', N)` or `('c', N)`.
type FileKey = (char, u32);

pub struct LiveIndex {
    /// Records, pages, totals and counts; its postings are kept in `files` instead.
    index: Index,
    /// The postings, by the file that holds them, so one file is encoded from its own terms.
    files: FxHashMap<FileKey, BTreeMap<String, Postings>>,
    glossary: GlossaryMatcher,
    blocks: Vec<(u32, BlockKind)>,
    /// The first record of each lesson, by lesson.
    lesson_starts: Vec<u32>,
    /// Where to start reading the long postings lists, by term ([`Postings::marks`]): an
    /// edit's splice then skips at most [`MARK_EVERY`] postings to reach its lesson.
    marks: FxHashMap<String, Vec<Mark>>,
}

/// Postings between two marks of a long list; lists no longer than this have none.
const MARK_EVERY: usize = 256;

/// The index files an edit changed.
#[derive(Debug, Default)]
pub struct Refresh {
    /// (path under the output, contents) of each file written anew.
    pub write: Vec<(String, String)>,
    /// Files the index no longer has.
    pub remove: Vec<String>,
}

impl LiveIndex {
    pub fn new(mut index: Index, glossary: &[GlossaryEntry]) -> LiveIndex {
        let mut files: FxHashMap<FileKey, BTreeMap<String, Postings>> = FxHashMap::default();
        for (term, list) in std::mem::take(&mut index.postings) {
            files.entry(index.file_of(&term)).or_default().insert(term, list);
        }
        let marks = files
            .values()
            .flatten()
            .filter(|(_, list)| list.len() > MARK_EVERY)
            .map(|(term, list)| (term.clone(), list.marks(MARK_EVERY)))
            .collect();
        let lesson_starts = (0..index.records.len() as u32)
            .filter(|&id| index.records[id as usize].kind == Kind::Lesson && index.pages[id as usize] == id)
            .collect();
        LiveIndex {
            blocks: blocks(&index.records, &index.pages),
            index,
            files,
            glossary: GlossaryMatcher::new(glossary),
            lesson_starts,
            marks,
        }
    }

    /// Replace the records of lesson `lesson` by `records` (its lesson record, then its
    /// sections: [`super::records::lesson_records`]). `None` when the edit moves what the
    /// whole index depends on: rebuild it whole then (this one is left half updated).
    pub fn replace_lesson(&mut self, lesson: usize, records: Vec<Record>) -> Option<Refresh> {
        let start = *self.lesson_starts.get(lesson)? as usize;
        let end = self.lesson_starts.get(lesson + 1).map_or_else(
            || self.index.records.partition_point(|r| r.kind == Kind::Lesson),
            |&e| e as usize,
        );
        if records.len() != end - start {
            return None; // a section more or fewer: every later record id moves
        }
        let count = self.index.records.len();
        let old_fields: Vec<[String; 4]> = self.index.records[start..end].iter().map(normalized_fields).collect();
        let stats = &mut self.index.stats;
        let avg = average_lengths(&stats.totals, count);
        let new_fields: Vec<[String; 4]> = records.iter().map(normalized_fields).collect();
        let new_lengths: Vec<[u32; 4]> = new_fields.iter().map(field_lengths).collect();
        for (old, new) in stats.lengths[start..end].iter().zip(&new_lengths) {
            for f in 0..4 {
                stats.totals[f] = stats.totals[f] - u64::from(old[f]) + u64::from(new[f]);
            }
        }
        if average_lengths(&stats.totals, count) != avg {
            return None; // every weight moves
        }
        stats.lengths.splice(start..end, new_lengths.iter().copied());

        // Each term of the old records is taken out, each term of the new ones put in.
        let scale = self.index.tuning.weight_scale;
        let mut edits: BTreeMap<String, Vec<(u32, Option<u32>)>> = BTreeMap::new();
        for (k, fields) in old_fields.iter().enumerate() {
            let (terms, entries) = record_terms(fields, &[0; 4], &avg, &self.glossary, scale);
            let id = (start + k) as u32;
            for (term, _) in terms {
                edits.entry(term.to_string()).or_default().push((id, None));
            }
            for (g, _) in entries {
                edits.entry(glossary_term(g)).or_default().push((id, None));
            }
        }
        for (k, fields) in new_fields.iter().enumerate() {
            let (terms, entries) = record_terms(fields, &new_lengths[k], &avg, &self.glossary, scale);
            let id = (start + k) as u32;
            let mut put = |term: String, weight: u32| {
                let list = edits.entry(term).or_default();
                list.retain(|&(i, _)| i != id);
                list.push((id, Some(weight)));
            };
            for (term, weight) in terms {
                put(term.to_string(), weight);
            }
            for (g, weight) in entries {
                put(glossary_term(g), weight);
            }
        }
        let mut changed: BTreeSet<FileKey> = BTreeSet::new();
        let range = start as u32..end as u32;
        for (term, term_edits) in edits {
            let key = self.index.file_of(&term);
            let family = usize::from(key.0 == 'c');
            let file = self.files.entry(key).or_default();
            // The records in the range are replaced whole: the term's postings there are
            // those of the new records that have it.
            let mut new: Vec<(u32, u32)> = term_edits.iter().filter_map(|&(id, w)| Some((id, w?))).collect();
            new.sort_unstable();
            let encoded = file.entry(term.clone()).or_default();
            let before = encoded.len();
            let mut none = Vec::new();
            let marks = self.marks.get_mut(&term).unwrap_or(&mut none);
            let moved = encoded.splice(range.clone(), &new, marks);
            let after = encoded.len();
            if after == 0 {
                file.remove(&term);
                self.marks.remove(&term);
            }
            if !moved {
                continue;
            }
            let bytes_before = if before == 0 { 0 } else { posting_bytes(&term, before) };
            let bytes_after = if after == 0 { 0 } else { posting_bytes(&term, after) };
            let bytes = &mut self.index.stats.bytes[family];
            *bytes = *bytes + bytes_after - bytes_before;
            changed.insert(key);
        }
        if shard_counts(&self.index.stats.bytes) != [self.index.shards, self.index.char_shards] {
            return None; // every term may be in another file now
        }
        self.index.records.splice(start..end, records);
        Some(self.refresh(changed, start..end))
    }

    /// The files to write after the postings of `changed` files and the records `edited` moved.
    fn refresh(&mut self, changed: BTreeSet<FileKey>, edited: std::ops::Range<usize>) -> Refresh {
        let mut refresh = Refresh::default();
        let changed: Vec<FileKey> = changed.into_iter().collect();
        refresh.write.par_extend(changed.par_iter().map(|&(family, i)| {
            let terms: Vec<(&str, &Postings)> = self
                .files
                .get(&(family, i))
                .into_iter()
                .flatten()
                .map(|(t, l)| (t.as_str(), l))
                .collect();
            shard_file(family, i, &terms)
        }));

        // Record blocks: those holding the edited records, and those whose bounds moved.
        let blocks = blocks(&self.index.records, &self.index.pages);
        let bounds = |b: &[(u32, BlockKind)], i: usize| {
            b.get(i)
                .map(|&(s, k)| (s, k, b.get(i + 1).map_or(self.index.records.len() as u32, |n| n.0)))
        };
        let mut files = BTreeSet::new();
        for i in 0..blocks.len().max(self.blocks.len()) {
            let now = bounds(&blocks, i);
            let overlaps = now.is_some_and(|(s, _, e)| (s as usize) < edited.end && edited.start < e as usize);
            if overlaps || now != bounds(&self.blocks, i) {
                files.insert(i / BLOCKS_PER_FILE);
            }
        }
        let kept = block_files(blocks.len());
        refresh.write.extend(
            files
                .into_iter()
                .filter(|&f| f < kept)
                .map(|f| self.index.block_file(&blocks, f)),
        );
        refresh.remove = (kept..block_files(self.blocks.len()))
            .map(|f| format!("search/d-{f}.js"))
            .collect();
        if blocks != self.blocks {
            refresh.write.push(self.index.meta_file(&blocks));
            self.blocks = blocks;
        }
        refresh
    }
}
