//! The background table: document frequencies of candidate phrases in real news, plus word classes
//! (stopword, verb form, function word, adjective, noun) and general-language frequency of words,
//! all in one `fst::Map` embedded in the binary so a one-article run has corpus statistics.
//!
//! Each value packs: bits 0–23 news document frequency, 24–31 word-class flags, 32–39 the word's
//! Wikipedia frequency as `round(4·log2(count+1))`, 40–47 how often the word is the noun of a
//! compound verb (`انجام` in `انجام می‌دهد`) as a share of 255, 48–63 how many news titles hold
//! the phrase.

use std::sync::OnceLock;

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
}

/// The embedded background table.
pub struct Background {
    map: Option<fst::Map<&'static [u8]>>,
    docs: u32,
}

static EMBEDDED: &[u8] = include_bytes!("data/background.fst");

impl Background {
    /// The table compiled into the binary (parsed once per process). An unreadable table degrades
    /// to an empty one: topics then rest on the run's own statistics only.
    pub fn embedded() -> &'static Background {
        static TABLE: OnceLock<Background> = OnceLock::new();
        TABLE.get_or_init(|| Background::from_bytes(EMBEDDED))
    }

    pub fn from_bytes(bytes: &'static [u8]) -> Background {
        match fst::Map::new(bytes) {
            Ok(map) => {
                let docs = map.get(DOCS_KEY).map_or(0, |v| v as u32);
                Background {
                    map: Some(map),
                    docs,
                }
            }
            Err(error) => {
                tracing::warn!("topics: background table unreadable ({error}); using none");
                Background { map: None, docs: 0 }
            }
        }
    }

    /// Number of documents the frequencies were counted over.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Number of keys in the table.
    pub fn entries(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }
}

impl Lexicon for Background {
    fn entry(&self, key: &str) -> Entry {
        self.map
            .as_ref()
            .and_then(|m| m.get(key))
            .map(Entry::unpack)
            .unwrap_or_default()
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
