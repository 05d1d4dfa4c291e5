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

/// Passes a `u64` that is already a good hash through unchanged.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with this; fold anything else in rather than lose it.
        for b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ u64::from(*b);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` keyed by precomputed 64-bit hashes.
pub type HashKeyedMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

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
    fn different_strings_hash_differently() {
        let b = FxBuild::default();
        assert_ne!(b.hash_one("مدیریت شهری"), b.hash_one("مدیریت شهر"));
        assert_eq!(b.hash_one("قم"), b.hash_one("قم"));
    }
}
