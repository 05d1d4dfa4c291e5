//! Full names from the background table: news writes `لیونل مسی` once and `مسی` after, and an
//! editor tags the full name. A one-word name (a word the POS dictionary does not know) that the
//! news mostly writes inside one two-word name (`آرتورو ویدال`, `بایرن مونیخ`) is completed to it.
//!
//! Derived while the embedded background table loads, from its two-word keys (untagged news
//! document frequencies), so there is no extra artifact.

use super::hashing::FxHashMap;
use super::table::{Entry, Lexicon, flags};

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

/// `(key, df)` of an fst entry that may be a two-word name: two words, in enough documents.
pub fn candidate_pair(key: &[u8], value: u64) -> Option<(String, u32)> {
    let space = memchr::memchr(b' ', key)?;
    if memchr::memchr(b' ', &key[space + 1..]).is_some() {
        return None;
    }
    let df = Entry::unpack(value).df;
    if df < MIN_NAME_DF {
        return None;
    }
    std::str::from_utf8(key).ok().map(|k| (k.to_string(), df))
}

impl Completions {
    /// Completions from the `(two-word key, df)` pairs of [`candidate_pair`], judged with
    /// `lexicon` (the table they come from).
    pub fn from_pairs<L: Lexicon + ?Sized>(pairs: &[(String, u32)], lexicon: &L) -> Completions {
        // (share, df, full key) of the best completion of each word so far.
        let mut best: FxHashMap<&str, (f64, u32, &str)> = FxHashMap::default();
        for (key, df) in pairs {
            let Some((first, second)) = key.split_once(' ') else {
                continue;
            };
            let (a, b) = (lexicon.entry(first), lexicon.entry(second));
            if !can_name(a) || !can_name(b) {
                continue;
            }
            for (word, entry, added) in [(first, a, b), (second, b, a)] {
                let share = share(*df, entry);
                if share < MIN_SHARE || !can_complete(added, *df) {
                    continue;
                }
                let slot = best.entry(word).or_insert((0.0, 0, ""));
                if (share, *df) > (slot.0, slot.1) {
                    *slot = (share, *df, key.as_str());
                }
            }
        }
        Completions {
            full: best
                .into_iter()
                .map(|(w, (_, _, full))| (w.to_string(), full.to_string()))
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
    use crate::topics::table::{Background, DOCS_KEY};

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

    fn table_with_names() -> Background {
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
        Background::from_bytes(&bytes)
    }

    #[test]
    fn a_surname_completes_to_the_name_news_mostly_writes() {
        let table = table_with_names();
        let c = table.completions();
        assert_eq!(c.of("مسی"), Some("لیونل مسی"));
        assert_eq!(
            c.complete("مسی", "مسی"),
            Some(("لیونل مسی".to_string(), "لیونل مسی"))
        );
    }

    #[test]
    fn a_dictionary_word_is_added_only_when_nearly_always_in_the_name() {
        let table = table_with_names();
        let c = table.completions();
        assert_eq!(c.of("بایرن"), Some("بایرن مونیخ"), "مونیخ: 22 of 25");
        assert_eq!(c.of("کرمان"), None, "مس: 9 of 15");
        assert_eq!(c.of("باشگاه"), None);
    }

    #[test]
    fn rare_pairs_adjectives_and_garbage_complete_nothing() {
        let table = table_with_names();
        let c = table.completions();
        assert_eq!(c.of("زیبا"), None);
        assert_eq!(c.of("قم"), None);
        let empty = Background::from_bytes(b"not an fst");
        assert_eq!(empty.completions().of("مسی"), None);
    }
}
