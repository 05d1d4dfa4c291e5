//! What fingerprinting learns about a word (its class, its stem's token hash, the negation it
//! carries) depends on the word's letters alone, and news repeats a few thousand words most of the
//! time: a small per-thread memo answers for them without stemming or hashing again.

use xxhash_rust::xxh3::xxh3_64;

use super::{minhash, text};

/// The facts about one word that fingerprints use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts {
    /// [`text::class_of`] bits.
    pub class: u8,
    /// Token hash of the word's stem: its token when no prefix waits to be glued to it.
    pub stem_hash: u64,
    /// Bit (0..32) of the negation mask the word sets, if it negates ([`text::negation_key`]).
    pub negation_bit: Option<u8>,
}

impl WordFacts {
    /// Computes the facts about `word`.
    pub fn of(word: &str) -> Self {
        WordFacts {
            class: text::class_of(word),
            stem_hash: minhash::token_hash(text::stem(word)),
            negation_bit: text::negation_key(word).map(|key| (xxh3_64(key.as_bytes()) & 31) as u8),
        }
    }
}

/// Longest word (in bytes) the memo holds: its [`WordKey`] is the whole word. Longer words (nine
/// Persian letters and more) repeat less and are computed each time.
const LONGEST: usize = 16;
const SLOT_BITS: u32 = 12;

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// The word itself, as its length and first and last eight bytes.
    key: WordKey,
    facts: WordFacts,
}

/// A word's length and its first and last eight bytes (little-endian, zero-padded): for words of
/// up to 16 bytes, the word itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordKey {
    len: usize,
    head: u64,
    tail: u64,
}

impl WordKey {
    fn of(bytes: &[u8]) -> Self {
        let little_endian = |part: &[u8]| {
            part.iter()
                .rev()
                .fold(0u64, |value, &byte| (value << 8) | u64::from(byte))
        };
        WordKey {
            len: bytes.len(),
            head: bytes
                .first_chunk::<8>()
                .map_or_else(|| little_endian(bytes), |chunk| u64::from_le_bytes(*chunk)),
            tail: bytes
                .last_chunk::<8>()
                .map_or(0, |chunk| u64::from_le_bytes(*chunk)),
        }
    }

    /// Slot of the word in the memo.
    fn slot(&self) -> usize {
        let mixed = self.head ^ self.tail.rotate_left(29) ^ (self.len as u64);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize
    }
}

/// A direct-mapped memo of [`WordFacts`]: a word replaces whatever shared its slot.
#[derive(Debug)]
pub struct WordMemo {
    entries: Vec<Entry>,
}

impl Default for WordMemo {
    fn default() -> Self {
        WordMemo {
            entries: vec![Entry::default(); 1 << SLOT_BITS],
        }
    }
}

impl WordMemo {
    /// The facts about `word`, from the memo when it holds them.
    pub fn facts(&mut self, word: &str) -> WordFacts {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > LONGEST {
            return WordFacts::of(word);
        }
        let key = WordKey::of(bytes);
        let Some(entry) = self.entries.get_mut(key.slot()) else {
            return WordFacts::of(word);
        };
        if entry.key == key {
            return entry.facts;
        }
        let facts = WordFacts::of(word);
        *entry = Entry { key, facts };
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_facts_are_the_computed_ones() {
        let mut memo = WordMemo::default();
        let words = [
            "می",
            "نمیشود",
            "برنامه",
            "برنامههای",
            "سه",
            "هیچ",
            "ها",
            "کتاب",
            "x",
            "12",
            "بینالمللیهایشانبسیارطولانی",
        ];
        for _ in 0..2 {
            for word in words {
                assert_eq!(memo.facts(word), WordFacts::of(word), "{word}");
            }
        }
        // Words sharing a slot replace each other without mixing up their facts.
        let many: Vec<String> = (0..20_000)
            .map(|i| format!("w{i}"))
            .chain((0..3_000).map(|i| format!("word-{i:04}-of-sixteen")))
            .chain((0..3_000).map(|i| format!("w-{i:04}-sixteen")))
            .chain((0..3_000).map(|i| format!("لغتها{i:04}")))
            .collect();
        for word in many.iter().chain(many.iter().rev()) {
            assert_eq!(memo.facts(word), WordFacts::of(word));
        }
        assert!(WordFacts::of("نمیشود").negation_bit.is_some());
        assert_eq!(WordFacts::of("ها").class & text::SUFFIX, text::SUFFIX);
    }
}
