//! Full names from the background table: news writes `لیونل مسی` once and `مسی` after, and an
//! editor tags the full name. A one-word name (a word the POS dictionary does not know) that the
//! news mostly writes inside one two-word name (`آرتورو ویدال`, `بایرن مونیخ`) is completed to it.
//!
//! The same two-word keys tell which words name places, teams and organizations: a word news
//! writes after `استان`, `شهرستان`, `تیم`, `باشگاه`... (`استان کرمان`, `تیم پیکان`) names one,
//! and editors tag such names more than common nouns ([`ClassShares`]).
//!
//! Derived while the embedded background table loads, from its two-word keys (untagged news
//! document frequencies), so there is no extra artifact.

use xxhash_rust::xxh3::xxh3_64;

use super::hashing::{FxHashMap, HashKeyedMap};
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
    /// By the xxh3 hash of the one-word key (the hash the ranking has for every candidate).
    full: HashKeyedMap<String>,
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

/// Nouns that classify the name written after them: places, teams, organizations.
const CLASS_HEADS: [&str; 16] = [
    "استان",
    "شهرستان",
    "شهر",
    "کشور",
    "روستای",
    "روستا",
    "بخش",
    "بندر",
    "جزیره",
    "تیم",
    "باشگاه",
    "سازمان",
    "وزارت",
    "شرکت",
    "حزب",
    "دانشگاه",
];

/// For each word written after a [`CLASS_HEADS`] noun, the share of its news documents that
/// write it so (keyed by the word's xxh3 hash, as the background table).
#[derive(Debug, Default)]
pub struct ClassShares {
    share: HashKeyedMap<f32>,
}

impl ClassShares {
    /// From the two-word pairs of [`candidate_pair`], with word frequencies from `lexicon`.
    pub fn from_pairs<L: Lexicon + ?Sized>(pairs: &[(String, u32)], lexicon: &L) -> ClassShares {
        let mut classed: FxHashMap<&str, u32> = FxHashMap::default();
        for (key, df) in pairs {
            if let Some((head, word)) = key.split_once(' ')
                && CLASS_HEADS.contains(&head)
            {
                *classed.entry(word).or_insert(0) += df;
            }
        }
        let share = classed
            .into_iter()
            .map(|(word, df)| {
                let share = f64::from(df) / f64::from(lexicon.entry(word).df.max(df));
                (xxh3_64(word.as_bytes()), share as f32)
            })
            .collect();
        ClassShares { share }
    }

    /// The share for a one-word key with xxh3 hash `hash` (0 when news never classes it).
    pub fn of_hashed(&self, hash: u64) -> f64 {
        self.share.get(&hash).copied().map_or(0.0, f64::from)
    }
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
                .map(|(w, (_, _, full))| (xxh3_64(w.as_bytes()), full.to_string()))
                .collect(),
        }
    }

    /// The two-word name a one-word key stands for, if news mostly writes it so.
    pub fn of(&self, key: &str) -> Option<&str> {
        self.of_hashed(xxh3_64(key.as_bytes()))
    }

    /// [`Self::of`] of the key with this xxh3 hash.
    pub fn of_hashed(&self, hash: u64) -> Option<&str> {
        self.full.get(&hash).map(String::as_str)
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
    use crate::topics::table::{Background, DOCS_KEY, Lexicon};

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
    fn words_written_after_place_and_team_nouns_are_classed() {
        let bytes = table(&[
            ("کرمان", 20, WORD),
            ("استان کرمان", 8, 0),
            ("شهر کرمان", 6, 0),
            ("طرح", 100, WORD),
            ("تیم طرح", 5, 0),
        ]);
        let table = Background::from_bytes(&bytes);
        let share = |w: &str| table.name_evidence(w, xxh3_64(w.as_bytes())).0;
        assert!((share("کرمان") - 0.7).abs() < 1e-6);
        assert!((share("طرح") - 0.05).abs() < 1e-6);
        assert_eq!(share("قم"), 0.0);
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
