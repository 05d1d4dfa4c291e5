//! The embedded lexicon: for each word skeleton (the word with its ZWNJs removed), where its most
//! frequent spelling puts ZWNJs, how often it is written with and without them, and a few flags.
//!
//! ATTRIBUTION: `data/lexicon.fst` is derived by [`super::build_lexicon`] (counts and flags only,
//! no text) from the hazm 0.10.0 data files `words.dat`/`verbs.dat` (MIT, © Sobhe), the Persian
//! Wikipedia vocabulary of github.com/Text-Mining/Persian-Wikipedia-Corpus (CC BY-SA), and word
//! counts of the news collections listed in `../shared/README.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use fst::Streamer;

use std::hash::{BuildHasherDefault, Hasher};

/// The artifact written by `goftar lexicon build`.
static LEXICON_FST: &[u8] = include_bytes!("data/lexicon.fst");

/// The word is a present stem in hazm's verb list.
pub const PRESENT_STEM: u8 = 1;
/// The word is a past stem in hazm's verb list.
pub const PAST_STEM: u8 = 2;
/// hazm's lexicon lists the word (in its ZWNJ spelling when it has one): a lexicalized form.
pub const LISTED: u8 = 4;
/// News writers join the two parts with ZWNJ far more often than they space them.
pub const SPACED_JOIN: u8 = 8;
/// The word is a productive second part of ZWNJ compounds (`محور`, `کننده`, `ساز`…).
pub const COMPOUND_TAIL: u8 = 16;
/// hazm lists the word as a stopword (function words, pronouns, common verbs).
pub const STOPWORD: u8 = 32;

/// Counts are stored as `round(8·log2(1+count))`: one unit is a factor of 2^(1/8).
pub fn bucket(count: u64) -> u8 {
    ((8.0 * ((count as f64) + 1.0).log2()).round()).min(255.0) as u8
}

/// What the lexicon knows about one skeleton.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry(pub u64);

impl Entry {
    /// Packs the fields into the stored `u64`.
    pub fn pack(zwnj_mask: u32, zwnj_bucket: u8, glued_bucket: u8, flags: u8) -> Self {
        Entry(
            u64::from(zwnj_mask)
                | (u64::from(zwnj_bucket) << 32)
                | (u64::from(glued_bucket) << 40)
                | (u64::from(flags) << 48),
        )
    }
    /// Bit `i` set: the preferred spelling has a ZWNJ before char `i`.
    pub fn zwnj_mask(self) -> u32 {
        self.0 as u32
    }
    /// Frequency bucket of the ZWNJ spelling (0: never seen).
    pub fn zwnj_bucket(self) -> u8 {
        (self.0 >> 32) as u8
    }
    /// Frequency bucket of the glued spelling (0: never seen).
    pub fn glued_bucket(self) -> u8 {
        (self.0 >> 40) as u8
    }
    /// The flag bits (`PRESENT_STEM`, `LISTED`…).
    pub fn flags(self) -> u8 {
        (self.0 >> 48) as u8
    }
    /// True when `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.flags() & flag != 0
    }
    /// The larger of the two frequency buckets: how common the word is in any spelling.
    pub fn frequency(self) -> u8 {
        self.zwnj_bucket().max(self.glued_bucket())
    }
}

/// A multiply-rotate hash over 8-byte chunks (the rustc "Fx" scheme): word keys are short, so a
/// streaming hasher's setup would cost more than the hashing itself.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The lexicon, decoded once into a hash map for the hot path.
pub struct Lexicon {
    entries: HashMap<Box<str>, Entry, BuildHasherDefault<WordHasher>>,
}

impl Lexicon {
    fn load() -> Self {
        let mut entries = HashMap::with_hasher(BuildHasherDefault::<WordHasher>::default());
        if let Ok(map) = fst::Map::new(LEXICON_FST) {
            entries.reserve(map.len());
            let mut stream = map.stream();
            while let Some((key, value)) = stream.next() {
                if let Ok(word) = std::str::from_utf8(key) {
                    entries.insert(word.into(), Entry(value));
                }
            }
        }
        Self { entries }
    }

    /// What the lexicon knows about `skeleton` (a word without ZWNJ).
    #[inline]
    pub fn get(&self, skeleton: &str) -> Option<Entry> {
        self.entries.get(skeleton).copied()
    }

    /// Number of skeletons known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the artifact was missing or unreadable (restoration then does nothing).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The embedded lexicon (decoded on first use).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trips() {
        let e = Entry::pack(0b100, 90, 40, LISTED | SPACED_JOIN);
        assert_eq!(e.zwnj_mask(), 0b100);
        assert_eq!(e.zwnj_bucket(), 90);
        assert_eq!(e.glued_bucket(), 40);
        assert!(e.has(LISTED) && e.has(SPACED_JOIN) && !e.has(PAST_STEM));
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(1), 8);
    }
}
