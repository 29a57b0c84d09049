//! A term's postings, held as the index files write them: for each record in id order,
//! the distance from the record before, then the weight, as base-64 varints
//! ([`push_varint`]). Most distances and weights take one or two characters, so a list
//! costs about a third of the 8 bytes a pair of `u32`s would, and writing a shard copies
//! the text instead of encoding it again.

/// `(record, BM25F weight × Tuning::weight_scale)` of each record that has the term, by record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    encoded: String,
    /// The record of the last posting (0 before the first, as the encoding counts from 0).
    last: u32,
    len: u32,
}

impl Postings {
    /// Add a posting after every posting the list holds: `record` must be greater than the
    /// last one's (the first may be 0).
    pub fn push(&mut self, record: u32, weight: u32) {
        debug_assert!(self.len == 0 || record > self.last, "postings come in record order");
        push_varint(&mut self.encoded, record - self.last);
        push_varint(&mut self.encoded, weight);
        self.last = record;
        self.len += 1;
    }

    /// Add `later`'s postings after this list's: every record of `later` comes after this
    /// list's last. Only the first distance is encoded again; the rest is copied as text.
    pub fn append(&mut self, later: Postings) {
        if later.is_empty() {
            return;
        }
        if self.is_empty() {
            *self = later;
            return;
        }
        let mut digits = later.encoded.bytes();
        let first = read_varint(&mut digits).expect("a list that is not empty has a first record");
        debug_assert!(first > self.last, "appended postings come after the list's last record");
        let rest = later.encoded.len() - digits.len();
        push_varint(&mut self.encoded, first - self.last);
        self.encoded.push_str(&later.encoded[rest..]);
        self.last = later.last;
        self.len += later.len;
    }

    /// How many records have the term (its document frequency).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list as `search.js` reads it.
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// `(record, weight)` of each posting, in record order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut digits = self.encoded.bytes();
        let mut last = 0;
        std::iter::from_fn(move || {
            let delta = read_varint(&mut digits)?;
            let weight = read_varint(&mut digits).expect("a record's distance is followed by its weight");
            last += delta;
            Some((last, weight))
        })
    }

    /// Places to start reading the list from, one every `every` postings: (where a
    /// posting's text starts, the record of the posting before it).
    pub fn marks(&self, every: usize) -> Vec<Mark> {
        let bytes = self.encoded.as_bytes();
        let (mut at, mut last, mut marks) = (0, 0, Vec::with_capacity(self.len() / every.max(1)));
        for k in 0..self.len() {
            if k % every.max(1) == 0 && k > 0 {
                marks.push(Mark {
                    at: at as u32,
                    before: last,
                });
            }
            last += varint_at(bytes, &mut at);
            skip_varint(bytes, &mut at);
        }
        marks
    }

    /// Replace the postings of the records in `range` by `new` (in record order, each
    /// inside `range`); whether the list changed. Only `new` and the distance of the first
    /// posting after the range are encoded, in place: the text before is skipped over
    /// (from the last of `marks` before the range, [`Postings::marks`]) and the text after
    /// is moved, not decoded; `marks` are kept right. (Serve replaces one lesson's records
    /// on every save; decoding and encoding again the lists of terms that nearly every
    /// record has made that grow with the programme.)
    pub fn splice(&mut self, range: std::ops::Range<u32>, new: &[(u32, u32)], marks: &mut Vec<Mark>) -> bool {
        debug_assert!(new.windows(2).all(|w| w[0].0 < w[1].0) && new.iter().all(|p| range.contains(&p.0)));
        let bytes = self.encoded.as_bytes();
        // The postings before the range: only their distances are read.
        let from = marks.partition_point(|m| m.before < range.start);
        let (mut at, mut before) = match from.checked_sub(1).map(|i| marks[i]) {
            Some(mark) => (mark.at as usize, mark.before),
            None => (0, 0),
        };
        while at < bytes.len() {
            let mut next = at;
            let record = before + varint_at(bytes, &mut next);
            if record >= range.start {
                break;
            }
            skip_varint(bytes, &mut next);
            (at, before) = (next, record);
        }
        let cut = at;
        // The range's postings, compared with `new`; then the first posting after it.
        let (mut old, mut same, mut last) = (0, true, before);
        let mut after = None;
        while at < bytes.len() {
            let record = last + varint_at(bytes, &mut at);
            let weight = varint_at(bytes, &mut at);
            if record >= range.end {
                after = Some((record, weight));
                break;
            }
            same &= new.get(old) == Some(&(record, weight));
            (old, last) = (old + 1, record);
        }
        if same && old == new.len() {
            return false;
        }
        let mut middle = String::with_capacity(4 * new.len() + 8);
        let mut last = before;
        for &(record, weight) in new {
            push_varint(&mut middle, record - last);
            push_varint(&mut middle, weight);
            last = record;
        }
        match after {
            Some((record, weight)) => {
                push_varint(&mut middle, record - last);
                push_varint(&mut middle, weight);
            }
            None => self.last = last,
        }
        self.encoded.replace_range(cut..at, &middle);
        self.len = self.len - old as u32 + new.len() as u32;
        // Marks in the replaced text are gone; those after it moved with the text.
        let (cut, end, grown) = (cut as u32, at as u32, middle.len() as i64 - (at - cut) as i64);
        marks.retain(|m| m.at <= cut || m.at >= end);
        for m in marks.iter_mut().filter(|m| m.at >= end && m.at > cut) {
            m.at = (i64::from(m.at) + grown) as u32;
        }
        true
    }
}

/// A place to start reading a [`Postings`] list from ([`Postings::marks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Where a posting's text starts.
    at: u32,
    /// The record of the posting before it.
    before: u32,
}

impl FromIterator<(u32, u32)> for Postings {
    fn from_iter<I: IntoIterator<Item = (u32, u32)>>(pairs: I) -> Postings {
        let mut list = Postings::default();
        for (record, weight) in pairs {
            list.push(record, weight);
        }
        list
    }
}

const VARINT_DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A number in base-64 digits of 5 bits each, least significant first; the sixth bit says
/// "more digits follow". Small numbers (most deltas and weights) take one or two characters
/// where JSON would take three or four.
pub fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let digit = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(VARINT_DIGITS[digit] as char);
            return;
        }
        out.push(VARINT_DIGITS[digit | 32] as char);
    }
}

/// The value of each base-64 digit of [`VARINT_DIGITS`], by byte.
const DIGIT_VALUES: [u8; 256] = {
    let mut values = [63; 256];
    let mut i = 0;
    while i < 64 {
        values[VARINT_DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    values
};

fn digit_value(c: u8) -> u32 {
    u32::from(DIGIT_VALUES[c as usize])
}

/// The number [`push_varint`] wrote at `bytes[*at..]`; `*at` moves past it.
fn varint_at(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut n, mut shift) = (0u32, 0);
    loop {
        let d = digit_value(bytes[*at]);
        *at += 1;
        n |= (d & 31) << shift;
        if d < 32 {
            return n;
        }
        shift += 5;
    }
}

/// Move `*at` past the number at `bytes[*at..]` without reading it.
fn skip_varint(bytes: &[u8], at: &mut usize) {
    while DIGIT_VALUES[bytes[*at] as usize] >= 32 {
        *at += 1;
    }
    *at += 1;
}

/// The next number [`push_varint`] wrote, or `None` at the end.
fn read_varint(digits: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let (mut n, mut shift) = (0u32, 0);
    loop {
        let d = digit_value(digits.next()?);
        n |= (d & 31) << shift;
        if d < 32 {
            return Some(n);
        }
        shift += 5;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_short_for_small_numbers() {
        let mut s = String::new();
        for n in [0, 31, 32, 1023, 1024, 70_000] {
            push_varint(&mut s, n);
        }
        // 0 → A, 31 → f, 32 → gB, 1023 → /f, 1024 → ggB, 70000 → wrkC
        assert_eq!(s, "AfgB/fggBwrkC");
    }

    #[test]
    fn a_list_reads_back_as_it_was_pushed_and_encodes_distances() {
        let pairs = [(0, 7), (3, 1), (40, 1024), (70_040, 31), (u32::MAX, u32::MAX)];
        let list: Postings = pairs.into_iter().collect();
        assert_eq!(list.len(), 5);
        assert_eq!(list.iter().collect::<Vec<_>>(), pairs);
        // 0 then 7, 3 − 0 then 1, 37 then 1024, …
        assert!(list.encoded().starts_with("AHDBlBggB"), "{}", list.encoded());
        assert!(Postings::default().iter().next().is_none());
    }

    #[test]
    fn appending_a_later_list_equals_pushing_its_postings() {
        let pairs = [(0, 7), (3, 1), (40, 1024), (70_040, 31), (70_041, 2), (900_000, 5)];
        let whole: Postings = pairs.into_iter().collect();
        for split in 0..=pairs.len() {
            let mut front: Postings = pairs[..split].iter().copied().collect();
            front.append(pairs[split..].iter().copied().collect());
            assert_eq!(front, whole, "split at {split}");
        }
    }

    #[test]
    fn splicing_a_range_equals_building_the_list_again() {
        let lists: [&[(u32, u32)]; 5] = [
            &[],
            &[(0, 7)],
            &[(0, 7), (3, 1), (4, 2), (40, 1024), (41, 3), (70_040, 31)],
            &[(2, 1), (3, 1), (5, 9)],
            &[(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6)],
        ];
        let replacements: [&[u32]; 4] = [&[], &[0], &[1, 2], &[0, 1, 2, 3, 4, 5, 6, 7]];
        for list in lists {
            for start in 0..8u32 {
                for end in start..9u32 {
                    for ids in replacements {
                        let new: Vec<(u32, u32)> = ids
                            .iter()
                            .map(|i| start + i)
                            .filter(|r| *r < end)
                            .map(|r| (r, r * 33 % 70 + 1))
                            .collect();
                        let expected: Postings = list
                            .iter()
                            .filter(|p| p.0 < start)
                            .chain(&new)
                            .chain(list.iter().filter(|p| p.0 >= end))
                            .copied()
                            .collect();
                        for every in [1, 2, 5] {
                            let mut spliced: Postings = list.iter().copied().collect();
                            let mut marks = match every {
                                5 => Vec::new(),
                                _ => spliced.marks(every),
                            };
                            let changed = spliced.splice(start..end, &new, &mut marks);
                            assert_eq!(spliced, expected, "{list:?} {start}..{end} ← {new:?}");
                            let was: Postings = list.iter().copied().collect();
                            assert_eq!(changed, was != expected, "{list:?} {start}..{end} ← {new:?}");
                            // The marks kept are marks of the new list (or its end).
                            let mut fresh = spliced.marks(1);
                            fresh.push(Mark {
                                at: spliced.encoded.len() as u32,
                                before: spliced.last,
                            });
                            assert!(marks.iter().all(|m| fresh.contains(m)), "{marks:?} ⊄ {fresh:?}");
                        }
                    }
                }
            }
        }
    }
}
