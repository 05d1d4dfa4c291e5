//! The embedded lexicon: for each word skeleton (the word with its ZWNJs removed), where its most
//! frequent spelling puts ZWNJs, how often it is written with and without them, and a few flags.
//!
//! ATTRIBUTION: `data/lexicon.fst` is derived by [`super::build_lexicon`] (counts and flags only,
//! no text) from the hazm 0.10.0 data files `words.dat`/`verbs.dat` (MIT, © Sobhe), the Persian
//! Wikipedia vocabulary of github.com/Text-Mining/Persian-Wikipedia-Corpus (CC BY-SA), and word
//! counts of the news collections listed in `../shared/README.md`.

use std::sync::OnceLock;

use fst::Streamer;

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

/// A multiply-rotate hash over 8-byte chunks (the rustc "Fx" scheme, finished with a mix so the
/// low bits index well): word keys are short, so a streaming hasher would cost more than the data.
#[inline]
pub fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Keys up to this many bytes (11 Persian letters: nearly all words) live in their slot.
const INLINE: usize = 22;

/// One slot of the open-addressing table: 32 bytes, two to a cache line, so a lookup usually
/// costs a single memory access (the table is far larger than the caches).
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    /// The key, zero-padded; for a longer key, its start in the arena (4 bytes, little-endian).
    key: [u8; INLINE],
    len: u8,
    /// `0` for an empty slot, else the top bits of the key's hash (never 0): most mismatches
    /// are told apart without comparing keys.
    tag: u8,
    entry: Entry,
}

const EMPTY_SLOT: Slot = Slot {
    key: [0; INLINE],
    len: 0,
    tag: 0,
    entry: Entry(0),
};

#[inline]
fn tag_of(hash: u64) -> u8 {
    (hash >> 56) as u8 | 1
}

/// An open-addressing table (linear probing) over inline keys, with an arena for long ones.
struct Table {
    slots: Vec<Slot>,
    arena: Vec<u8>,
    len: usize,
}

impl Table {
    fn with_capacity(entries: usize) -> Self {
        // At most two thirds full: a miss probes about five slots, within two or three lines.
        let capacity = (entries * 3 / 2 + 1).next_power_of_two().max(16);
        Self {
            slots: vec![EMPTY_SLOT; capacity],
            arena: Vec::new(),
            len: 0,
        }
    }

    /// The key padded as a slot stores it (`None`: too long to be inline).
    #[inline]
    fn padded(key: &[u8]) -> Option<[u8; INLINE]> {
        let mut padded = [0u8; INLINE];
        padded.get_mut(..key.len())?.copy_from_slice(key);
        Some(padded)
    }

    /// Inserts a key not yet present (the fst yields each key once).
    fn insert_new(&mut self, key: &[u8], entry: Entry) {
        let Ok(len) = u8::try_from(key.len()) else {
            return;
        };
        if (self.len + 1) * 3 > self.slots.len() * 2 {
            return; // full at the planned load; never reached with the capacity from the fst
        }
        let stored = match Self::padded(key) {
            Some(padded) => padded,
            None => {
                let Ok(start) = u32::try_from(self.arena.len()) else {
                    return;
                };
                self.arena.extend_from_slice(key);
                let mut stored = [0u8; INLINE];
                stored[..4].copy_from_slice(&start.to_le_bytes());
                stored
            }
        };
        let mask = self.slots.len() - 1;
        let hash = word_hash(key);
        let mut i = hash as usize & mask;
        while self.slots[i].tag != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            key: stored,
            len,
            tag: tag_of(hash),
            entry,
        };
        self.len += 1;
    }

    /// The entry of `key`, whose [`word_hash`] is `hash`.
    #[inline]
    fn get(&self, key: &[u8], hash: u64) -> Option<Entry> {
        let tag = tag_of(hash);
        let padded = Self::padded(key);
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.tag == 0 {
                return None;
            }
            if slot.tag == tag && usize::from(slot.len) == key.len() {
                let same = match padded {
                    Some(padded) => slot.key == padded,
                    None => {
                        let mut start = [0u8; 4];
                        start.copy_from_slice(&slot.key[..4]);
                        let start = u32::from_le_bytes(start) as usize;
                        self.arena.get(start..start + key.len()) == Some(key)
                    }
                };
                if same {
                    return Some(slot.entry);
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// A glued word is fixed in text that types ZWNJs only when its ZWNJ spelling is this much more
/// common (2^(48/8) = 64×): the writer's glued spelling is otherwise taken as meant.
pub const TYPED_FIX_MARGIN: i32 = 48;

/// The lexicon, decoded once into hash tables for the hot path.
pub struct Lexicon {
    all: Table,
    /// The few entries that [`TYPED_FIX_MARGIN`] lets fix in ZWNJ-typing text: a small table the
    /// common case (clean news) probes without leaving the cache.
    typed_fixes: Table,
    /// Which skeletons [`Lexicon::typed_fix`] may find: most words are rejected from L1.
    typed_filter: Bloom,
    /// Which skeletons [`Lexicon::zwnj_spelled`] may find: a spaced pair is rarely one word,
    /// and this rejects most pairs without touching the large table.
    zwnj_filter: Bloom,
}

/// A Bloom filter over [`word_hash`] values (two bits per key, from the two halves of the hash).
struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    /// Room for `keys` keys at about 16 bits each (about 1.5% false positives).
    fn with_capacity(keys: usize) -> Self {
        let words = (keys / 4 + 1).next_power_of_two();
        Self {
            bits: vec![0; words],
        }
    }

    #[inline]
    fn positions(&self, hash: u64) -> [usize; 2] {
        let mask = self.bits.len() * 64 - 1;
        [hash as usize & mask, (hash >> 32) as usize & mask]
    }

    fn insert(&mut self, hash: u64) {
        for bit in self.positions(hash) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        self.positions(hash)
            .iter()
            .all(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// Whether `entry` may answer [`Lexicon::zwnj_spelled`].
fn zwnj_preferred(entry: Entry) -> bool {
    entry.zwnj_mask() != 0 && entry.zwnj_bucket() > entry.glued_bucket()
}

impl Lexicon {
    fn load() -> Self {
        let Ok(map) = fst::Map::new(LEXICON_FST) else {
            return Self {
                all: Table::with_capacity(0),
                typed_fixes: Table::with_capacity(0),
                typed_filter: Bloom::with_capacity(0),
                zwnj_filter: Bloom::with_capacity(0),
            };
        };
        let mut all = Table::with_capacity(map.len());
        let mut fixes: Vec<(Vec<u8>, Entry)> = Vec::new();
        let mut zwnj_hashes = Vec::new();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            let entry = Entry(value);
            all.insert_new(key, entry);
            let margin = i32::from(entry.zwnj_bucket()) - i32::from(entry.glued_bucket());
            if entry.zwnj_mask() != 0 && margin >= TYPED_FIX_MARGIN {
                fixes.push((key.to_vec(), entry));
            }
            if zwnj_preferred(entry) {
                zwnj_hashes.push(word_hash(key));
            }
        }
        let mut typed_fixes = Table::with_capacity(fixes.len());
        let mut typed_filter = Bloom::with_capacity(fixes.len());
        for (key, entry) in &fixes {
            typed_fixes.insert_new(key, *entry);
            typed_filter.insert(word_hash(key));
        }
        let mut zwnj_filter = Bloom::with_capacity(zwnj_hashes.len());
        for hash in zwnj_hashes {
            zwnj_filter.insert(hash);
        }
        Self {
            all,
            typed_fixes,
            typed_filter,
            zwnj_filter,
        }
    }

    /// What the lexicon knows about `skeleton` (a word without ZWNJ).
    #[inline]
    pub fn get(&self, skeleton: &str) -> Option<Entry> {
        self.all
            .get(skeleton.as_bytes(), word_hash(skeleton.as_bytes()))
    }

    /// [`Lexicon::get`] for a skeleton given as bytes.
    #[inline]
    pub fn get_bytes(&self, skeleton: &[u8]) -> Option<Entry> {
        self.all.get(skeleton, word_hash(skeleton))
    }

    /// The entry of `skeleton` if text that types ZWNJs should still get its ZWNJ spelling.
    #[inline]
    pub fn typed_fix(&self, skeleton: &str) -> Option<Entry> {
        let hash = word_hash(skeleton.as_bytes());
        if !self.typed_filter.may_contain(hash) {
            return None;
        }
        self.typed_fixes.get(skeleton.as_bytes(), hash)
    }

    /// The entry of `skeleton` if its preferred spelling has a ZWNJ and is more common than the
    /// glued one (`None` otherwise, like [`Lexicon::get`] filtered so, but faster on misses).
    #[inline]
    pub fn zwnj_spelled(&self, skeleton: &[u8]) -> Option<Entry> {
        let hash = word_hash(skeleton);
        if !self.zwnj_filter.may_contain(hash) {
            return None;
        }
        self.all.get(skeleton, hash).filter(|&e| zwnj_preferred(e))
    }

    /// Number of skeletons known.
    pub fn len(&self) -> usize {
        self.all.len
    }

    /// True when the artifact was missing or unreadable (restoration then does nothing).
    pub fn is_empty(&self) -> bool {
        self.all.len == 0
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

    #[test]
    fn table_finds_short_and_long_keys() {
        let long = "بین‌المللی‌سازی‌های‌پیشرفته".as_bytes();
        let mut table = Table::with_capacity(3);
        table.insert_new("کتاب".as_bytes(), Entry(1));
        table.insert_new(long, Entry(2));
        table.insert_new(b"", Entry(3));
        let get = |key: &[u8]| table.get(key, word_hash(key));
        assert_eq!(get("کتاب".as_bytes()), Some(Entry(1)));
        assert_eq!(get(long), Some(Entry(2)));
        assert_eq!(get(b""), Some(Entry(3)));
        assert_eq!(get("کتب".as_bytes()), None);
        assert_eq!(get(&long[..long.len() - 2]), None);
        assert_eq!(table.len, 3);
    }

    #[test]
    fn embedded_lexicon_answers() {
        let lexicon = lexicon();
        assert!(lexicon.len() > 100_000);
        let e = lexicon.get("برنامههای").map(Entry::zwnj_mask);
        assert_eq!(e, Some(1 << 6));
        assert_eq!(
            lexicon.zwnj_spelled("برنامههای".as_bytes()),
            lexicon.get("برنامههای")
        );
        assert_eq!(lexicon.zwnj_spelled("کتابفروشیسلام".as_bytes()), None);
    }

    #[test]
    fn bloom_has_no_false_negatives() {
        let mut bloom = Bloom::with_capacity(1000);
        for k in 0..1000u64 {
            bloom.insert(word_hash(&k.to_le_bytes()));
        }
        assert!((0..1000u64).all(|k| bloom.may_contain(word_hash(&k.to_le_bytes()))));
        let false_hits = (1000..11_000u64)
            .filter(|k| bloom.may_contain(word_hash(&k.to_le_bytes())))
            .count();
        assert!(false_hits < 500, "{false_hits}");
    }
}
