//! Hash maps keyed by values that are already uniform hashes (xxh3 of a name, a line, a phrase):
//! hashing them again with SipHash would only cost time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Passes a key that is already a good hash through unchanged (a `u128` key by its low 64 bits).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn write(&mut self, bytes: &[u8]) {
        // Only hash-valued integer keys are meant for this; fold anything else in rather than lose it.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    #[inline]
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` whose keys are precomputed hashes.
pub(crate) type PrehashedMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyIsHash>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of<K: Hash>(key: K) -> u64 {
        BuildHasherDefault::<KeyIsHash>::default().hash_one(key)
    }

    #[test]
    fn integer_keys_are_their_own_hash() {
        assert_eq!(hash_of(0x1234_5678_9abc_def0_u64), 0x1234_5678_9abc_def0);
        assert_eq!(hash_of((7_u128 << 64) | 42), 42);
    }

    #[test]
    fn other_keys_still_spread() {
        assert_ne!(hash_of("ab"), hash_of("ba"));
        let mut map: PrehashedMap<u64, &str> = PrehashedMap::default();
        map.insert(1, "one");
        assert_eq!(map.get(&1), Some(&"one"));
    }
}
