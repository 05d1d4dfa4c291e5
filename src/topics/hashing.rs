//! Fast hashing for the per-article maps and the loaded background table. The std SipHash guards
//! against adversarial keys, which these short-lived, bounded maps do not need; it cost more than
//! the counting itself.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiplicative hash of rustc (`FxHasher`): a rotate, xor and multiply per 8 bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(little_endian_tail(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The up to seven bytes of `rest` as a little-endian `u64`, zero-padded: read in 4-, 2- and
/// 1-byte pieces, as a copy of variable length into a buffer was a `memcpy` call per hash.
#[inline]
fn little_endian_tail(rest: &[u8]) -> u64 {
    let mut word = 0u64;
    let mut shift = 0;
    let mut rest = rest;
    if let Some((four, tail)) = rest.split_first_chunk::<4>() {
        word = u64::from(u32::from_le_bytes(*four));
        shift = 32;
        rest = tail;
    }
    if let Some((two, tail)) = rest.split_first_chunk::<2>() {
        word |= u64::from(u16::from_le_bytes(*two)) << shift;
        shift += 16;
        rest = tail;
    }
    if let Some(&one) = rest.first() {
        word |= u64::from(one) << shift;
    }
    word
}

/// Build hasher for maps keyed by strings.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// A `HashMap` keyed by precomputed 64-bit hashes.
pub type HashKeyedMap<V> = crate::prehashed::PrehashedMap<u64, V>;

/// A read-mostly map from precomputed 64-bit hashes to `u64` values for big tables: open
/// addressing with linear probing, the hash and its value side by side. A lookup in a table of
/// hundreds of thousands of keys is a cache miss; a `HashMap` takes two (its control bytes, then
/// the bucket), this one usually one.
#[derive(Debug, Clone, Default)]
pub struct HashedU64Table {
    /// `(hash, value)`; hash 0 marks an empty slot (the key hashing to 0 is kept apart).
    slots: Vec<(u64, u64)>,
    /// The value of the key whose hash is 0.
    zero: Option<u64>,
    len: usize,
}

impl HashedU64Table {
    /// Room for `keys` keys at a load of at most 3/4.
    pub fn with_capacity(keys: usize) -> Self {
        let slots = (keys.saturating_mul(4) / 3 + 1).next_power_of_two();
        HashedU64Table {
            slots: vec![(0, 0); slots],
            zero: None,
            len: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len().wrapping_sub(1)
    }

    /// Sets the value of `hash` (a later insert of the same hash replaces it, as in a `HashMap`).
    pub fn insert(&mut self, hash: u64, value: u64) {
        if hash == 0 {
            self.len += usize::from(self.zero.is_none());
            self.zero = Some(value);
            return;
        }
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == hash {
                slot.1 = value;
                return;
            }
            if slot.0 == 0 {
                *slot = (hash, value);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let zero = self.zero.take();
        *self = HashedU64Table::with_capacity((old.len() * 3 / 4).max(8) * 2);
        for (hash, value) in old.into_iter().filter(|&(hash, _)| hash != 0) {
            self.insert(hash, value);
        }
        if let Some(value) = zero {
            self.insert(0, value);
        }
    }

    /// The value of `hash`, if present.
    #[inline]
    pub fn get(&self, hash: u64) -> Option<u64> {
        if hash == 0 {
            return self.zero;
        }
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            let &(h, value) = self.slots.get(i)?;
            if h == hash {
                return Some(value);
            }
            if h == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn the_tail_reads_as_a_zero_padded_copy() {
        let bytes: Vec<u8> = (1..=8).collect();
        for len in 0..8 {
            let mut word = [0u8; 8];
            word[..len].copy_from_slice(&bytes[..len]);
            assert_eq!(
                little_endian_tail(&bytes[..len]),
                u64::from_le_bytes(word),
                "{len}"
            );
        }
    }

    #[test]
    fn the_u64_table_answers_as_a_hash_map() {
        let mut table = HashedU64Table::with_capacity(3);
        let mut map = std::collections::HashMap::new();
        // Hashes that share low bits probe past each other; 0 is a key like any other.
        let hashes: Vec<u64> = (0..200u64).map(|i| (i % 50) << 40 | (i % 7)).collect();
        for (i, &hash) in hashes.iter().enumerate() {
            table.insert(hash, i as u64);
            map.insert(hash, i as u64);
        }
        assert_eq!(table.len(), map.len());
        for probe in hashes.iter().copied().chain([1 << 63, 12345, u64::MAX]) {
            assert_eq!(table.get(probe), map.get(&probe).copied(), "{probe:x}");
        }
        assert_eq!(HashedU64Table::default().get(7), None);
        assert_eq!(HashedU64Table::default().get(0), None);
    }

    #[test]
    fn different_strings_hash_differently() {
        let b = FxBuild::default();
        assert_ne!(b.hash_one("مدیریت شهری"), b.hash_one("مدیریت شهر"));
        assert_eq!(b.hash_one("قم"), b.hash_one("قم"));
    }
}
