//! The background table: document frequencies of candidate phrases in real news, plus word classes
//! (stopword, verb form, function word, adjective, noun) and general-language frequency of words,
//! all in one `fst::Map` embedded in the binary so a one-article run has corpus statistics.
//!
//! Each value packs: bits 0–23 news document frequency, 24–31 word-class flags, 32–39 the word's
//! Wikipedia frequency as `round(4·log2(count+1))`, 40–47 how often the word is the noun of a
//! compound verb (`انجام` in `انجام می‌دهد`) as a share of 255, 48–63 how many news titles hold
//! the phrase.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use fst::Streamer;
use xxhash_rust::xxh3::xxh3_64;

use super::completion::{self, ClassShares, Completions};
use super::hashing::{FxHashMap, HashedU64Table};
use super::spacing::Spacings;

/// Word-class flags stored in the table.
pub mod flags {
    /// A stopword: never inside a topic.
    pub const STOP: u8 = 1;
    /// A conjugated verb form: never inside a topic.
    pub const VERB: u8 = 2;
    /// Only ever a function word (adverb, preposition, pronoun, number word...).
    pub const FUNCTION: u8 = 4;
    /// Only ever an adjective: does not start a topic nor stand alone well.
    pub const ADJECTIVE: u8 = 8;
    /// Can be a noun.
    pub const NOUN: u8 = 16;
    /// A known word of the lexicons (any class).
    pub const KNOWN: u8 = 32;
    /// A word of the POS dictionary (hazm `words.dat`), as opposed to one only Wikipedia knows
    /// (mostly names and foreign words).
    pub const DICTIONARY: u8 = 64;
}

/// What the table knows about one key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    pub df: u32,
    pub flags: u8,
    /// `round(4·log2(count+1))` of the word in Persian Wikipedia; 0 when unseen.
    pub wiki: u8,
    /// Share (of 255) of the word's occurrences directly before a verb: the noun of a compound
    /// verb (`بررسی کرد`, `انجام شد`) rather than a subject.
    pub light_verb: u8,
    /// News documents whose title holds the phrase.
    pub title_df: u16,
}

impl Entry {
    pub fn pack(self) -> u64 {
        u64::from(self.df.min(0xff_ffff))
            | (u64::from(self.flags) << 24)
            | (u64::from(self.wiki) << 32)
            | (u64::from(self.light_verb) << 40)
            | (u64::from(self.title_df) << 48)
    }

    pub fn unpack(value: u64) -> Self {
        Entry {
            df: (value & 0xff_ffff) as u32,
            flags: ((value >> 24) & 0xff) as u8,
            wiki: ((value >> 32) & 0xff) as u8,
            light_verb: ((value >> 40) & 0xff) as u8,
            title_df: (value >> 48) as u16,
        }
    }

    pub fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The key under which the number of background documents is stored (sorts before any word).
pub const DOCS_KEY: &str = "\u{1}docs";

/// Anything that answers word and phrase questions: the embedded table, or the builder's
/// in-memory lexicon while the table is being made.
pub trait Lexicon {
    fn entry(&self, key: &str) -> Entry;

    /// The entry of a single word. Words repeat (Zipf), so implementations may cache these.
    fn word_entry(&self, word: &str) -> Entry {
        self.entry(word)
    }

    /// `(class share, has a full name)` of a one-word key with xxh3 hash `hash`: how often
    /// news writes it after a place, team or organization noun, and whether it is the short
    /// form of a two-word name (see [`Completions`]). Nothing by default.
    fn name_evidence(&self, _key: &str, _hash: u64) -> (f64, bool) {
        (0.0, false)
    }

    /// An id no other lexicon of the process shares, under which per-thread memos of what its
    /// words are may be kept; `None` (the default) keeps none.
    fn memo_id(&self) -> Option<u64> {
        None
    }
}

/// Words cached per thread before the cache starts over (bounds its memory).
const WORD_CACHE_LIMIT: usize = 1 << 16;

/// The embedded background table, loaded into a hash map keyed by the xxh3 hash of each key:
/// a lookup is one hash and one probe, several times faster than walking the fst, and lookups
/// are the bulk of the ranking's work. 64-bit hashes of a few hundred thousand keys do not collide
/// in practice.
pub struct Background {
    /// Unique to this table (see [`Lexicon::memo_id`]).
    id: u64,
    entries: HashedU64Table,
    docs: u32,
    /// Full names of one-word names, derived from the two-word keys while loading.
    completions: Completions,
    /// How often words follow a place, team or organization noun, from the same keys.
    class_shares: ClassShares,
    /// One-word spellings of names news also writes as two words, from the same keys.
    spacings: Spacings,
}

static EMBEDDED: &[u8] = include_bytes!("data/background.fst");

/// A fresh [`Background::id`].
fn next_table_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Background {
    /// The table compiled into the binary (loaded once per process). An unreadable table degrades
    /// to an empty one: topics then rest on the run's own statistics only.
    pub fn embedded() -> &'static Background {
        static TABLE: OnceLock<Background> = OnceLock::new();
        TABLE.get_or_init(|| Background::from_bytes(EMBEDDED))
    }

    pub fn from_bytes(bytes: &[u8]) -> Background {
        let map = match fst::Map::new(bytes) {
            Ok(map) => map,
            Err(error) => {
                tracing::warn!("topics: background table unreadable ({error}); using none");
                return Background {
                    id: next_table_id(),
                    entries: HashedU64Table::default(),
                    docs: 0,
                    completions: Completions::default(),
                    class_shares: ClassShares::default(),
                    spacings: Spacings::default(),
                };
            }
        };
        let docs = map.get(DOCS_KEY).map_or(0, |v| v as u32);
        let mut entries = HashedU64Table::with_capacity(map.len());
        // Two-word keys that may be names are kept aside while the one stream runs.
        let mut pairs: Vec<(String, u32)> = Vec::new();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            entries.insert(xxh3_64(key), value);
            if let Some(pair) = completion::candidate_pair(key, value) {
                pairs.push(pair);
            }
        }
        let mut table = Background {
            id: next_table_id(),
            entries,
            docs,
            completions: Completions::default(),
            class_shares: ClassShares::default(),
            spacings: Spacings::default(),
        };
        table.completions = Completions::from_pairs(&pairs, &table);
        table.class_shares = ClassShares::from_pairs(&pairs, &table);
        table.spacings = Spacings::from_pairs(&pairs, &table);
        table
    }

    /// Full names of one-word names (see [`Completions`]).
    pub fn completions(&self) -> &Completions {
        &self.completions
    }

    /// Two-word names news also writes as one word (see [`Spacings`]).
    pub fn spacings(&self) -> &Spacings {
        &self.spacings
    }

    /// Number of documents the frequencies were counted over.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Number of keys in the table.
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// The entry of a key whose xxh3 hash is already known (one hash serves every table).
    pub fn entry_hashed(&self, hash: u64) -> Entry {
        self.entries
            .get(hash)
            .map_or_else(Entry::default, Entry::unpack)
    }
}

impl Lexicon for Background {
    fn entry(&self, key: &str) -> Entry {
        self.entry_hashed(xxh3_64(key.as_bytes()))
    }

    fn memo_id(&self) -> Option<u64> {
        Some(self.id)
    }

    fn name_evidence(&self, _key: &str, hash: u64) -> (f64, bool) {
        (
            self.class_shares.of_hashed(hash),
            self.completions.of_hashed(hash).is_some(),
        )
    }

    /// Cached per thread: a small map of the words seen lately stays in the CPU cache, where a
    /// probe of the big table usually misses it.
    fn word_entry(&self, word: &str) -> Entry {
        thread_local! {
            static WORDS: RefCell<FxHashMap<Box<str>, Entry>> = RefCell::new(FxHashMap::default());
        }
        WORDS.with_borrow_mut(|cache| {
            if let Some(entry) = cache.get(word) {
                return *entry;
            }
            if cache.len() >= WORD_CACHE_LIMIT {
                cache.clear();
            }
            let entry = self.entry(word);
            cache.insert(word.into(), entry);
            entry
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_round_trips() {
        let e = Entry {
            df: 1234,
            flags: flags::NOUN | flags::KNOWN,
            wiki: 77,
            light_verb: 200,
            title_df: 65535,
        };
        assert_eq!(Entry::unpack(e.pack()), e);
    }

    #[test]
    fn garbage_bytes_give_an_empty_table() {
        let table = Background::from_bytes(b"not an fst");
        assert_eq!(table.entries(), 0);
        assert_eq!(table.entry("قم"), Entry::default());
    }
}
