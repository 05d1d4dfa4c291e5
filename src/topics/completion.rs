//! Full names from the background table: news writes `لیونل مسی` once and `مسی` after, and an
//! editor tags the full name. A one-word name (a word the POS dictionary does not know) that the
//! news mostly writes inside one two-word name (`آرتورو ویدال`, `بایرن مونیخ`) is completed to it.
//!
//! Derived at load time from the embedded background table's two-word keys (untagged news
//! document frequencies), so there is no extra artifact.

use std::sync::OnceLock;

use fst::Streamer;

use super::hashing::FxHashMap;
use super::table::{Background, Entry, Lexicon, flags};

/// Documents a two-word name must appear in before it completes anything.
const MIN_NAME_DF: u32 = 5;
/// Share of the one-word name's documents that must hold the two-word name.
const MIN_SHARE: f64 = 0.4;
/// Share of a dictionary word's documents that must hold the name for it to be added: `مونیخ` is
/// nearly always `بایرن مونیخ`, `مس` (copper) is not only `مس کرمان`.
const MIN_MUTUAL_SHARE: f64 = 0.7;

/// One-word keys mapped to the two-word key news mostly writes them in.
#[derive(Debug, Default)]
pub struct Completions {
    full: FxHashMap<String, String>,
}

/// Whether a word can be part of a name at all (not a stopword, verb, function word or adjective).
fn can_name(entry: Entry) -> bool {
    entry.df > 0
        && entry.flags & (flags::STOP | flags::VERB | flags::FUNCTION | flags::ADJECTIVE) == 0
}

/// Whether `added` may be prefixed or suffixed to a word in the two-word name `df` documents
/// hold: a word outside the POS dictionary (`لیونل`, `کریستیانو`), or one that news mostly writes
/// in this very name (`مونیخ` in `بایرن مونیخ`). A common noun (`باشگاه` in `باشگاه بایرن`) is not.
fn can_complete(added: Entry, df: u32) -> bool {
    !added.has(flags::DICTIONARY) || share(df, added) >= MIN_MUTUAL_SHARE
}

/// Share of a word's documents that hold a phrase found in `df` documents.
fn share(df: u32, word: Entry) -> f64 {
    f64::from(df) / f64::from(word.df.max(df))
}

impl Completions {
    /// The completions derived from the embedded background table (built once per process).
    pub fn embedded() -> &'static Completions {
        static TABLE: OnceLock<Completions> = OnceLock::new();
        TABLE.get_or_init(|| Completions::from_fst(super::table::EMBEDDED, Background::embedded()))
    }

    /// Completions from the two-word keys of the fst `bytes`, judged with `lexicon` (the same table).
    pub fn from_fst<L: Lexicon + ?Sized>(bytes: &[u8], lexicon: &L) -> Completions {
        let Ok(map) = fst::Map::new(bytes) else {
            return Completions::default();
        };
        // (share, df, full key) of the best completion of each word so far.
        let mut best: FxHashMap<String, (f64, u32, String)> = FxHashMap::default();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            let Some((first, second)) = key.split_once(' ') else {
                continue;
            };
            let df = Entry::unpack(value).df;
            if df < MIN_NAME_DF || second.contains(' ') {
                continue;
            }
            let (a, b) = (lexicon.entry(first), lexicon.entry(second));
            if !can_name(a) || !can_name(b) {
                continue;
            }
            for (word, entry, added) in [(first, a, b), (second, b, a)] {
                let share = share(df, entry);
                if share < MIN_SHARE || !can_complete(added, df) {
                    continue;
                }
                let slot = best
                    .entry(word.to_string())
                    .or_insert((0.0, 0, String::new()));
                if (share, df) > (slot.0, slot.1) {
                    *slot = (share, df, key.to_string());
                }
            }
        }
        Completions {
            full: best
                .into_iter()
                .map(|(w, (_, _, full))| (w, full))
                .collect(),
        }
    }

    /// The two-word name a one-word key stands for, if news mostly writes it so.
    pub fn of(&self, key: &str) -> Option<&str> {
        self.full.get(key).map(String::as_str)
    }

    /// `(written form, key)` of the full name of a one-word phrase with key `key` written
    /// `written`: the added word in its folded form, the phrase's own word as written.
    pub fn complete<'a>(&'a self, key: &str, written: &str) -> Option<(String, &'a str)> {
        let full = self.of(key)?;
        let (first, second) = full.split_once(' ')?;
        let text = if first == key {
            format!("{written} {second}")
        } else {
            format!("{first} {written}")
        };
        Some((text, full))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topics::table::DOCS_KEY;

    /// An fst of `(key, df, flags)` rows, as the background table stores them.
    fn table(rows: &[(&str, u32, u8)]) -> Vec<u8> {
        let mut rows: Vec<(&str, u32, u8)> = rows.to_vec();
        rows.push((DOCS_KEY, 1000, 0));
        rows.sort();
        let mut builder = fst::MapBuilder::memory();
        for (key, df, flags) in rows {
            let entry = Entry {
                df,
                flags,
                ..Entry::default()
            };
            builder.insert(key, entry.pack()).expect("sorted keys");
        }
        builder.into_inner().expect("fst")
    }

    const NAME: u8 = flags::KNOWN | flags::NOUN;
    const WORD: u8 = flags::KNOWN | flags::NOUN | flags::DICTIONARY;

    fn completions() -> Completions {
        let bytes = table(&[
            ("لیونل", 10, NAME),
            ("مسی", 20, WORD),
            ("لیونل مسی", 10, 0),
            ("باشگاه", 100, WORD),
            ("باشگاه مسی", 9, 0),
            ("بایرن", 30, WORD),
            ("مونیخ", 25, WORD),
            ("بایرن مونیخ", 22, 0),
            ("مس", 15, WORD),
            ("کرمان", 20, WORD),
            ("مس کرمان", 9, 0),
            ("زیبا", 50, flags::KNOWN | flags::ADJECTIVE),
            ("زیبا مسی", 15, 0),
        ]);
        let lexicon = Background::from_bytes(&bytes);
        Completions::from_fst(&bytes, &lexicon)
    }

    #[test]
    fn a_surname_completes_to_the_name_news_mostly_writes() {
        let c = completions();
        assert_eq!(c.of("مسی"), Some("لیونل مسی"));
        assert_eq!(
            c.complete("مسی", "مسی"),
            Some(("لیونل مسی".to_string(), "لیونل مسی"))
        );
    }

    #[test]
    fn a_dictionary_word_is_added_only_when_nearly_always_in_the_name() {
        let c = completions();
        assert_eq!(c.of("بایرن"), Some("بایرن مونیخ"), "مونیخ: 22 of 25");
        assert_eq!(c.of("کرمان"), None, "مس: 9 of 15");
        assert_eq!(c.of("باشگاه"), None);
    }

    #[test]
    fn rare_pairs_adjectives_and_garbage_complete_nothing() {
        let c = completions();
        assert_eq!(c.of("زیبا"), None);
        assert_eq!(c.of("قم"), None);
        let empty = Completions::from_fst(b"not an fst", &Background::from_bytes(b""));
        assert_eq!(empty.of("مسی"), None);
    }
}
