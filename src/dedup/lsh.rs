//! Locality-sensitive banding over MinHash signatures: paragraphs whose signatures agree on all
//! rows of any band become candidates. With 8 bands of 3 rows a pair at Jaccard 0.8 meets in at
//! least one band with probability 0.997 (0.7: 0.965; 0.5: 0.66), while unrelated paragraphs
//! rarely do: candidates are checked word by word, and a missed pair is a duplicate kept.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64;

use super::minhash::{HASHES, Signature};

/// Bands per signature.
pub const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

/// Keys are already hashes: spread them with one multiply instead of hashing again.
#[derive(Default)]
pub struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` for keys that are hashes already.
pub type PrehashedMap<K, V> = HashMap<K, V, BuildHasherDefault<PrehashedHasher>>;

/// Heap bytes of a hash table that holds `capacity` entries of `entry` bytes (hashbrown keeps
/// one bucket in eight free and a control byte per bucket).
pub fn map_bytes(capacity: usize, entry: usize) -> usize {
    capacity * 8 / 7 * (entry + 1)
}

/// Heap bytes a hash table at `len` of `capacity` entries grows by on one more key.
pub fn map_growth(len: usize, capacity: usize, entry: usize) -> usize {
    if len < capacity {
        0
    } else {
        map_bytes(capacity.max(3), entry)
    }
}

/// Heap bytes a `Vec` at `len` of `capacity` elements of `element` bytes grows by on `extra` more
/// (it doubles, or grows to fit when that is more).
pub fn vec_growth(len: usize, capacity: usize, extra: usize, element: usize) -> usize {
    let needed = len.saturating_add(extra);
    if needed <= capacity {
        0
    } else {
        (needed.max(capacity * 2).max(4) - capacity) * element
    }
}

/// Bytes of one band table entry: band key and ordinal.
const BUCKET_ENTRY: usize = 8;

/// Most candidates one band bucket yields: buckets keyed by the minima of very common words grow
/// long, and a true copy shares many bands with its original.
const MAX_CHAIN: usize = 8;

/// No further paragraph in a bucket.
const END: u32 = u32::MAX;

/// One bucket table per band, each bucket a chain of every paragraph (by ordinal) filed under it,
/// newest first: about 9 bytes per band for the table and 4 for the link, per stored paragraph.
#[derive(Default)]
pub struct LshIndex {
    bands: [PrehashedMap<u32, u32>; BANDS],
    /// For each ordinal and band, the ordinal filed before it in the same bucket.
    next: Vec<[u32; BANDS]>,
}

fn band_key(signature: &Signature, band: usize) -> u32 {
    let rows = &signature[band * ROWS..(band + 1) * ROWS];
    let mut bytes = [0u8; ROWS * 2];
    for (chunk, row) in bytes.chunks_exact_mut(2).zip(rows) {
        chunk.copy_from_slice(&row.to_le_bytes());
    }
    xxh3_64(&bytes) as u32
}

impl LshIndex {
    /// Candidate ordinals sharing a band with `signature`, ascending, without repeats.
    ///
    /// Every band's bucket is looked up before any chain is followed, and the chains are then
    /// walked side by side, one link of each per step: the loads of one step do not wait on each
    /// other, so their cache misses overlap instead of queueing one behind the other (on a large
    /// index nearly every lookup and link misses the cache).
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let keys: [u32; BANDS] = std::array::from_fn(|band| band_key(signature, band));
        let mut links: [u32; BANDS] =
            std::array::from_fn(|band| self.bands[band].get(&keys[band]).copied().unwrap_or(END));
        let mut found = Vec::with_capacity(BANDS * MAX_CHAIN);
        for _ in 0..MAX_CHAIN {
            let mut any = false;
            for (band, link) in links.iter_mut().enumerate() {
                if *link == END {
                    continue;
                }
                any = true;
                found.push(*link);
                *link = self.next.get(*link as usize).map_or(END, |next| next[band]);
            }
            if !any {
                break;
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Files the next ordinal (ordinals are handed out here, 0, 1, 2...) under each band of
    /// `signature`; returns it.
    pub fn insert(&mut self, signature: &Signature) -> u32 {
        let ordinal = self.next.len() as u32;
        let mut links = [END; BANDS];
        for (band, link) in links.iter_mut().enumerate() {
            if let Some(previous) = self.bands[band].insert(band_key(signature, band), ordinal) {
                *link = previous;
            }
        }
        self.next.push(links);
        ordinal
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.bands
            .iter()
            .map(|b| map_bytes(b.capacity(), BUCKET_ENTRY))
            .sum::<usize>()
            + self.next.capacity() * std::mem::size_of::<[u32; BANDS]>()
    }

    /// Heap bytes the next [`insert`](Self::insert) may add (at most: a band key already filed
    /// does not grow its table).
    pub fn growth_on_insert(&self) -> usize {
        self.bands
            .iter()
            .map(|b| map_growth(b.len(), b.capacity(), BUCKET_ENTRY))
            .sum::<usize>()
            + vec_growth(
                self.next.len(),
                self.next.capacity(),
                1,
                std::mem::size_of::<[u32; BANDS]>(),
            )
    }

    /// Keeps the ordinals whose `kept` flag is set, renumbered 0, 1, 2... in their order, and
    /// forgets the rest: each chain skips its forgotten links, so lookups see exactly the kept
    /// paragraphs, newest first, as if the forgotten ones had never been filed. Tables keep their
    /// capacity for what comes next.
    pub fn retain(&mut self, kept: &[bool]) {
        let is_kept = |ordinal: u32| kept.get(ordinal as usize).copied().unwrap_or(false);
        // Links point to lower ordinals, so walking up, every link below is already resolved to
        // the nearest kept ordinal down its chain.
        for ordinal in 0..self.next.len() {
            let mut resolved = self.next[ordinal];
            for (band, link) in resolved.iter_mut().enumerate() {
                if *link != END && !is_kept(*link) {
                    *link = self
                        .next
                        .get(*link as usize)
                        .map_or(END, |links| links[band]);
                }
            }
            self.next[ordinal] = resolved;
        }
        let mut renumbered = vec![END; self.next.len()];
        let mut count = 0u32;
        for (ordinal, slot) in renumbered.iter_mut().enumerate() {
            if kept.get(ordinal).copied().unwrap_or(false) {
                *slot = count;
                count += 1;
            }
        }
        let renumber = |ordinal: u32| renumbered.get(ordinal as usize).copied().unwrap_or(END);
        for (band, table) in self.bands.iter_mut().enumerate() {
            let capacity = table.capacity();
            let old = std::mem::take(table);
            let mut fresh = PrehashedMap::with_capacity_and_hasher(capacity, Default::default());
            for (key, head) in old {
                let head = if is_kept(head) {
                    head
                } else {
                    self.next
                        .get(head as usize)
                        .map_or(END, |links| links[band])
                };
                if head != END {
                    fresh.insert(key, renumber(head));
                }
            }
            *table = fresh;
        }
        let mut write = 0;
        for ordinal in 0..self.next.len() {
            if is_kept(ordinal as u32) {
                self.next[write] =
                    self.next[ordinal].map(|link| if link == END { END } else { renumber(link) });
                write += 1;
            }
        }
        self.next.truncate(write);
    }

    /// Ordinals filed.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.next.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_paragraph_with_the_signature_is_found() {
        let mut index = LshIndex::default();
        let sig: Signature = std::array::from_fn(|i| i as u16 * 7);
        let other: Signature = std::array::from_fn(|i| i as u16 * 11 + 1);
        assert!(index.candidates(&sig).is_empty());
        assert_eq!(index.insert(&sig), 0);
        assert_eq!(index.insert(&other), 1);
        assert_eq!(index.insert(&sig), 2);
        assert_eq!(index.candidates(&sig), vec![0, 2]);
    }

    #[test]
    fn one_matching_band_is_enough() {
        let mut index = LshIndex::default();
        let a: Signature = std::array::from_fn(|i| i as u16);
        let mut b: Signature = std::array::from_fn(|i| 1000 + i as u16);
        b[..ROWS].copy_from_slice(&a[..ROWS]);
        index.insert(&a);
        assert_eq!(index.candidates(&b), vec![0]);
    }

    #[test]
    fn retained_chains_skip_forgotten_ordinals() {
        let mut index = LshIndex::default();
        let sig: Signature = std::array::from_fn(|i| i as u16 * 7);
        let other: Signature = std::array::from_fn(|i| i as u16 * 11 + 1);
        let third: Signature = std::array::from_fn(|i| i as u16 * 13 + 5);
        for signature in [&sig, &other, &sig, &third, &sig, &other] {
            index.insert(signature);
        }
        let bytes = index.heap_bytes();
        // Forget 0, 2 (sig), 3 (third) and 5 (other); keep 1 (other) and 4 (sig).
        index.retain(&[false, true, false, false, true, false]);
        assert_eq!(index.len(), 2);
        assert_eq!(index.heap_bytes(), bytes);
        assert_eq!(index.candidates(&sig), vec![1]);
        assert_eq!(index.candidates(&other), vec![0]);
        assert!(index.candidates(&third).is_empty());
        // New ordinals follow the kept ones and chain onto them.
        assert_eq!(index.insert(&sig), 2);
        assert_eq!(index.candidates(&sig), vec![1, 2]);
    }

    #[test]
    fn growth_is_foreseen() {
        assert_eq!(vec_growth(4, 4, 1, 32), 4 * 32);
        assert_eq!(vec_growth(3, 4, 1, 32), 0);
        assert_eq!(vec_growth(0, 0, 10, 2), 20);
        assert_eq!(map_growth(2, 3, 8), 0);
        assert!(map_growth(3, 3, 8) > 0);
    }
}
