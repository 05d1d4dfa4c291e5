//! The lexicon's lookup tables as flat bytes. The crate's build script (`lexicon_table_build.rs`, which
//! includes this file) turns `data/lexicon.fst` into them once; the binary embeds them and
//! [`super::lexicon`] probes them in place, so no program pays for decoding the lexicon at
//! start-up (walking the fst into a hash table cost about 0.1 s per process).
//!
//! Self-contained on purpose: the build script compiles this file on its own.

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
    let rest = chunks.remainder().len();
    if rest != 0 {
        h = (h.rotate_left(5) ^ tail_word(bytes, rest)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// The last `n` (1 to 7) bytes of `bytes` as a little-endian number (zero-padded): read with
/// fixed-size loads, which may overlap, rather than a copy of variable length (a library call).
#[inline]
fn tail_word(bytes: &[u8], n: usize) -> u64 {
    let len = bytes.len();
    let load = |at: usize, size: usize| {
        let mut word = [0u8; 8];
        word[..size].copy_from_slice(&bytes[at..at + size]);
        u64::from_le_bytes(word)
    };
    if len >= 8 {
        return load(len - 8, 8) >> (8 * (8 - n));
    }
    // The whole key is shorter than a word (`len == n`): two loads that may overlap.
    match n {
        4.. => load(0, 4) | load(n - 4, 4) << (8 * (n - 4)),
        2.. => load(0, 2) | load(n - 2, 2) << (8 * (n - 2)),
        _ => load(0, 1),
    }
}

/// The filter key of a two-part word (`head` then `tail`) from the parts' [`word_hash`]es: a
/// spaced pair's words are hashed once each as the text is read, and a pair filter keyed so
/// turns most pairs away without copying and hashing their concatenation.
#[inline]
pub fn pair_hash(head: u64, tail: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let h = (head.rotate_left(23) ^ tail).wrapping_mul(K);
    h ^ (h >> 31)
}

/// `key` cut before its char number `boundary` (`None` when it has no char there, or when
/// `boundary` is 0: no head).
pub fn split_at_char(key: &[u8], boundary: usize) -> Option<(&[u8], &[u8])> {
    if boundary == 0 {
        return None;
    }
    let text = std::str::from_utf8(key).ok()?;
    let (at, _) = text.char_indices().nth(boundary)?;
    Some(key.split_at(at))
}

/// A glued word is fixed in text that types ZWNJs only when its ZWNJ spelling is this much more
/// common (2^(48/8) = 64×): the writer's glued spelling is otherwise taken as meant.
pub const TYPED_FIX_MARGIN: i32 = 48;

/// The fields of a stored value that decide which tables list it (the layout of
/// [`super::lexicon::Entry`]): ZWNJ mask, ZWNJ bucket, glued bucket.
fn fields(value: u64) -> (u32, i32, i32) {
    (
        value as u32,
        i32::from((value >> 32) as u8),
        i32::from((value >> 40) as u8),
    )
}

/// Whether a stored value belongs in the typed-fix table ([`TYPED_FIX_MARGIN`]).
pub fn is_typed_fix(value: u64) -> bool {
    let (mask, zwnj, glued) = fields(value);
    mask != 0 && zwnj - glued >= TYPED_FIX_MARGIN
}

/// Whether a stored value's preferred spelling has a ZWNJ and is more common than the glued one.
pub fn is_zwnj_preferred(value: u64) -> bool {
    let (mask, zwnj, glued) = fields(value);
    mask != 0 && zwnj > glued
}

/// Bits in the typed-fix shape filter (8 KiB: it stays in L1).
pub const SHAPE_BITS: usize = 1 << 16;

/// A word's shape for the typed-fix filter: the low bits of its first and last letters' final
/// UTF-8 bytes and its length. Cheaper than [`word_hash`], and most shapes of running text
/// hold no typed fix, so most words are turned away before they are hashed.
#[inline]
pub fn shape_key(bytes: &[u8]) -> usize {
    match (bytes.get(1), bytes.last()) {
        (Some(&first), Some(&last)) => {
            usize::from(first & 63) | usize::from(last & 63) << 6 | (bytes.len() & 15) << 12
        }
        _ => 0,
    }
}

/// Keys up to this many bytes (11 Persian letters: nearly all words) live in their slot.
pub const INLINE: usize = 22;
/// Bytes per slot: two to a cache line, so a lookup usually costs a single memory access (the
/// table is far larger than the caches).
pub const SLOT: usize = 32;
/// Where a slot keeps the key's length, its hash tag and its value.
const LEN_AT: usize = INLINE;
const TAG_AT: usize = INLINE + 1;
const VALUE_AT: usize = INLINE + 2;
const _: () = assert!(VALUE_AT + 8 <= SLOT);

/// `0` marks an empty slot; otherwise the top bits of the key's hash (never 0), so most
/// mismatches are told apart without comparing keys.
#[inline]
fn tag_of(hash: u64) -> u8 {
    (hash >> 56) as u8 | 1
}

/// An open-addressing table (linear probing) of slots: the key zero-padded (for a longer key, its
/// start in the arena, 4 bytes little-endian), its length, its tag, and the value (little-endian).
#[derive(Clone, Copy)]
pub struct Table<'a> {
    slots: &'a [u8],
    arena: &'a [u8],
}

impl<'a> Table<'a> {
    /// A table over the bytes a [`TableBuilder`] wrote (a slot count that is a power of two).
    pub const fn new(slots: &'a [u8], arena: &'a [u8]) -> Self {
        Self { slots, arena }
    }

    /// The value stored for `key`, whose [`word_hash`] is `hash`.
    #[inline]
    pub fn get(&self, key: &[u8], hash: u64) -> Option<u64> {
        let count = self.slots.len() / SLOT;
        if count == 0 {
            return None;
        }
        let tag = tag_of(hash);
        let mask = count - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots.get(i * SLOT..(i + 1) * SLOT)?;
            if slot[TAG_AT] == 0 {
                return None;
            }
            if slot[TAG_AT] == tag && usize::from(slot[LEN_AT]) == key.len() {
                // The lengths agree: an inline key's padding is zeros on both sides, so its
                // first `key.len()` bytes decide.
                let same = match slot.get(..key.len()) {
                    Some(stored) if key.len() <= INLINE => stored == key,
                    _ => {
                        let start = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]);
                        let start = start as usize;
                        self.arena.get(start..start + key.len()) == Some(key)
                    }
                };
                if same {
                    let mut value = [0u8; 8];
                    value.copy_from_slice(&slot[VALUE_AT..VALUE_AT + 8]);
                    return Some(u64::from_le_bytes(value));
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// The key padded as a slot stores it (`None`: too long to be inline).
#[inline]
fn padded(key: &[u8]) -> Option<[u8; INLINE]> {
    let mut padded = [0u8; INLINE];
    padded.get_mut(..key.len())?.copy_from_slice(key);
    Some(padded)
}

/// Writes a [`Table`]'s bytes.
pub struct TableBuilder {
    slots: Vec<u8>,
    arena: Vec<u8>,
    len: usize,
}

impl TableBuilder {
    /// Room for `entries` keys at most two thirds full: a miss probes about five slots, within
    /// two or three cache lines.
    pub fn with_capacity(entries: usize) -> Self {
        let capacity = (entries * 3 / 2 + 1).next_power_of_two().max(16);
        Self {
            slots: vec![0; capacity * SLOT],
            arena: Vec::new(),
            len: 0,
        }
    }

    /// Inserts a key not yet present (the fst yields each key once). Keys past 255 bytes, or
    /// past the planned load, are left out.
    pub fn insert_new(&mut self, key: &[u8], value: u64) {
        let Ok(len) = u8::try_from(key.len()) else {
            return;
        };
        let count = self.slots.len() / SLOT;
        if (self.len + 1) * 3 > count * 2 {
            return;
        }
        let stored = match padded(key) {
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
        let mask = count - 1;
        let hash = word_hash(key);
        let mut i = hash as usize & mask;
        while self.slots[i * SLOT + TAG_AT] != 0 {
            i = (i + 1) & mask;
        }
        let slot = &mut self.slots[i * SLOT..(i + 1) * SLOT];
        slot[..INLINE].copy_from_slice(&stored);
        slot[LEN_AT] = len;
        slot[TAG_AT] = tag_of(hash);
        slot[VALUE_AT..VALUE_AT + 8].copy_from_slice(&value.to_le_bytes());
        self.len += 1;
    }

    /// Keys stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The slots and the arena.
    pub fn into_bytes(self) -> (Vec<u8>, Vec<u8>) {
        (self.slots, self.arena)
    }
}

/// A Bloom filter over [`word_hash`] values: two bits per key (from the two halves of the hash)
/// in a bit array whose size is a power of two.
#[derive(Clone, Copy)]
pub struct Bloom<'a> {
    bits: &'a [u8],
}

/// The two bit positions of `hash` in a filter of `bits` bits (a power of two).
#[inline]
fn bloom_positions(hash: u64, bits: usize) -> [usize; 2] {
    let mask = bits.wrapping_sub(1);
    [hash as usize & mask, (hash >> 32) as usize & mask]
}

impl<'a> Bloom<'a> {
    /// A filter over the bytes a [`BloomBuilder`] wrote.
    pub const fn new(bits: &'a [u8]) -> Self {
        Self { bits }
    }

    /// False when no key with this hash was inserted (an empty filter cannot tell).
    #[inline]
    pub fn may_contain(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        bloom_positions(hash, self.bits.len() * 8)
            .iter()
            .all(|&bit| {
                self.bits
                    .get(bit / 8)
                    .is_some_and(|b| b >> (bit % 8) & 1 != 0)
            })
    }
}

/// Writes a [`Bloom`]'s bytes.
pub struct BloomBuilder {
    bits: Vec<u8>,
}

impl BloomBuilder {
    /// Room for `keys` keys at about 16 bits each (about 1.5% false positives).
    pub fn with_capacity(keys: usize) -> Self {
        Self {
            bits: vec![0; (keys / 4 + 1).next_power_of_two() * 8],
        }
    }

    /// Adds a key by its hash.
    pub fn insert(&mut self, hash: u64) {
        for bit in bloom_positions(hash, self.bits.len() * 8) {
            self.bits[bit / 8] |= 1 << (bit % 8);
        }
    }

    /// The bit array.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bits
    }
}

/// The tables [`super::lexicon`] embeds, by file name in the build's output folder.
pub struct Tables {
    /// Every skeleton.
    pub all: TableBuilder,
    /// The skeletons [`is_typed_fix`] accepts.
    pub typed_fixes: TableBuilder,
    /// Their hashes.
    pub typed_filter: BloomBuilder,
    /// Their [`shape_key`]s, one bit each in [`SHAPE_BITS`].
    pub typed_shapes: Vec<u8>,
    /// The hashes of the skeletons [`is_zwnj_preferred`] accepts.
    pub zwnj_filter: BloomBuilder,
    /// The same skeletons with a single ZWNJ, by the [`pair_hash`] of their two parts.
    pub zwnj_pair_filter: BloomBuilder,
}

impl Tables {
    /// The tables for the `(key, value)` pairs of the lexicon, in any order, each key once.
    pub fn build(entries: &[(Vec<u8>, u64)]) -> Self {
        let mut all = TableBuilder::with_capacity(entries.len());
        let fixes: Vec<&(Vec<u8>, u64)> =
            entries.iter().filter(|(_, v)| is_typed_fix(*v)).collect();
        let zwnj = entries.iter().filter(|(_, v)| is_zwnj_preferred(*v));
        let mut typed_fixes = TableBuilder::with_capacity(fixes.len());
        let mut typed_filter = BloomBuilder::with_capacity(fixes.len());
        let mut typed_shapes = vec![0u8; SHAPE_BITS / 8];
        let mut zwnj_filter = BloomBuilder::with_capacity(zwnj.clone().count());
        let mut zwnj_pair_filter = BloomBuilder::with_capacity(zwnj.clone().count());
        for (key, value) in entries {
            all.insert_new(key, *value);
        }
        for (key, value) in fixes {
            typed_fixes.insert_new(key, *value);
            typed_filter.insert(word_hash(key));
            let shape = shape_key(key);
            typed_shapes[shape / 8] |= 1 << (shape % 8);
        }
        for (key, value) in zwnj {
            zwnj_filter.insert(word_hash(key));
            let mask = *value as u32;
            if mask.count_ones() == 1
                && let Some((head, tail)) = split_at_char(key, mask.trailing_zeros() as usize)
            {
                zwnj_pair_filter.insert(pair_hash(word_hash(head), word_hash(tail)));
            }
        }
        Self {
            all,
            typed_fixes,
            typed_filter,
            typed_shapes,
            zwnj_filter,
            zwnj_pair_filter,
        }
    }

    /// The files to write: name and bytes.
    pub fn into_files(self) -> Vec<(&'static str, Vec<u8>)> {
        let entries = self.all.len() as u64;
        let (all_slots, all_arena) = self.all.into_bytes();
        let (fix_slots, fix_arena) = self.typed_fixes.into_bytes();
        vec![
            ("lexicon_all.slots", all_slots),
            ("lexicon_all.arena", all_arena),
            ("lexicon_all.len", entries.to_le_bytes().to_vec()),
            ("lexicon_fixes.slots", fix_slots),
            ("lexicon_fixes.arena", fix_arena),
            ("lexicon_fixes.bloom", self.typed_filter.into_bytes()),
            ("lexicon_fixes.shapes", self.typed_shapes),
            ("lexicon_zwnj.bloom", self.zwnj_filter.into_bytes()),
            (
                "lexicon_zwnj_pairs.bloom",
                self.zwnj_pair_filter.into_bytes(),
            ),
        ]
    }
}

/// The spaced-compound table ([`super::compounds`]) by file name: every key of
/// `data/compounds.fst` with its value, and a filter of their hashes (most spaced pairs are no
/// compound, and the filter turns them away without touching the table).
pub fn compound_files(entries: &[(Vec<u8>, u64)]) -> Vec<(&'static str, Vec<u8>)> {
    let mut table = TableBuilder::with_capacity(entries.len());
    let mut filter = BloomBuilder::with_capacity(entries.len());
    let mut heads = BloomBuilder::with_capacity(entries.len());
    let mut pairs = BloomBuilder::with_capacity(entries.len());
    for (key, value) in entries {
        table.insert_new(key, *value);
        filter.insert(word_hash(key));
        if let Some((head, tail)) = split_at_char(key, usize::from((*value >> 8) as u8)) {
            heads.insert(word_hash(head));
            pairs.insert(pair_hash(word_hash(head), word_hash(tail)));
        }
    }
    let (slots, arena) = table.into_bytes();
    vec![
        ("compounds.slots", slots),
        ("compounds.arena", arena),
        ("compounds.bloom", filter.into_bytes()),
        ("compounds.heads.bloom", heads.into_bytes()),
        ("compounds.pairs.bloom", pairs.into_bytes()),
    ]
}

/// The first part of a compound-table key: its chars before the boundary char index stored in
/// bits 8..16 of its value (`None` for a key without one, a bound tail).
pub fn compound_head(key: &[u8], value: u64) -> Option<&[u8]> {
    split_at_char(key, usize::from((value >> 8) as u8)).map(|(head, _)| head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_reads_the_tail_like_a_padded_copy() {
        fn reference(bytes: &[u8]) -> u64 {
            const K: u64 = 0x517c_c1b7_2722_0a95;
            let mut h = bytes.len() as u64;
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
            }
            h ^ (h >> 29)
        }
        let bytes: Vec<u8> = (0..40u32).map(|k| (k * 37 + 11) as u8 | 1).collect();
        for start in 0..8 {
            for end in start..bytes.len() {
                let key = &bytes[start..end];
                assert_eq!(word_hash(key), reference(key), "{start}..{end}");
            }
        }
    }

    #[test]
    fn table_finds_short_and_long_keys() {
        let long = "بین‌المللی‌سازی‌های‌پیشرفته".as_bytes();
        let mut builder = TableBuilder::with_capacity(3);
        builder.insert_new("کتاب".as_bytes(), 1);
        builder.insert_new(long, 2);
        builder.insert_new(b"", 3);
        assert_eq!(builder.len(), 3);
        let (slots, arena) = builder.into_bytes();
        let table = Table::new(&slots, &arena);
        let get = |key: &[u8]| table.get(key, word_hash(key));
        assert_eq!(get("کتاب".as_bytes()), Some(1));
        assert_eq!(get(long), Some(2));
        assert_eq!(get(b""), Some(3));
        assert_eq!(get("کتب".as_bytes()), None);
        assert_eq!(get(&long[..long.len() - 2]), None);
        assert_eq!(Table::new(&[], &[]).get(b"a", word_hash(b"a")), None);
    }

    #[test]
    fn bloom_has_no_false_negatives() {
        let mut builder = BloomBuilder::with_capacity(1000);
        for k in 0..1000u64 {
            builder.insert(word_hash(&k.to_le_bytes()));
        }
        let bits = builder.into_bytes();
        let bloom = Bloom::new(&bits);
        assert!((0..1000u64).all(|k| bloom.may_contain(word_hash(&k.to_le_bytes()))));
        let false_hits = (1000..11_000u64)
            .filter(|k| bloom.may_contain(word_hash(&k.to_le_bytes())))
            .count();
        assert!(false_hits < 500, "{false_hits}");
    }

    #[test]
    fn tables_split_the_entries() {
        let fix = 1 | (100u64 << 32); // ZWNJ spelling only: a sure fix
        let glued = 1 | (10u64 << 32) | (90u64 << 40); // glued far more common
        let entries = vec![(b"ab".to_vec(), fix), (b"cd".to_vec(), glued)];
        let files = Tables::build(&entries).into_files();
        let file = |name: &str| {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| b.clone())
        };
        let (Some(slots), Some(arena)) = (file("lexicon_fixes.slots"), file("lexicon_fixes.arena"))
        else {
            panic!("fix table missing");
        };
        let fixes = Table::new(&slots, &arena);
        assert_eq!(fixes.get(b"ab", word_hash(b"ab")), Some(fix));
        assert_eq!(fixes.get(b"cd", word_hash(b"cd")), None);
        assert_eq!(file("lexicon_all.len"), Some(2u64.to_le_bytes().to_vec()));
    }
}
