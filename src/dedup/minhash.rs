//! MinHash signatures over a paragraph's token set (16 bits per hash). They only propose
//! candidates through LSH banding; the decision counts the words of the pair
//! ([`super::token_set`]), so a few hashes are enough.

use xxhash_rust::xxh3::xxh3_64;

/// Hash functions per signature.
pub const HASHES: usize = 24;

/// A MinHash signature: the top 16 bits of each minimum, which keeps the order of minima.
pub type Signature = [u16; HASHES];

/// Seeds of the hash family, fixed so runs are reproducible.
const SEEDS: [u32; HASHES] = {
    let mut seeds = [0u32; HASHES];
    let mut i = 0;
    while i < HASHES {
        seeds[i] = mix((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)) as u32;
        i += 1;
    }
    seeds
};

/// The murmur3 32-bit finaliser. 32-bit lanes let the compiler run the hash functions in
/// vector registers; 16 bits of each minimum are kept anyway.
#[inline]
fn mix32(x: u32) -> u32 {
    let mut h = x;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The splitmix64 finaliser (for the seeds). Every output bit depends on every input bit: a plain
/// multiply-add family is not min-wise independent enough (it overestimated Jaccard badly).
const fn mix(x: u64) -> u64 {
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The hash a token enters signatures with.
pub fn token_hash(token: &str) -> u64 {
    xxh3_64(token.as_bytes())
}

/// The signature of a set of tokens (duplicates in `tokens` do not matter). `None` when empty.
#[cfg(test)]
pub fn signature<'a, I>(tokens: I) -> Option<Signature>
where
    I: IntoIterator<Item = &'a str>,
{
    let hashes: Vec<u64> = tokens.into_iter().map(token_hash).collect();
    signature_of_hashes(&hashes)
}

/// The signature of a set of [`token_hash`]es. `None` when empty.
pub fn signature_of_hashes(hashes: &[u64]) -> Option<Signature> {
    signature_of(hashes.iter().copied())
}

/// The signature of the [`token_hash`]es `hashes` yields. `None` when it yields none.
pub fn signature_of(hashes: impl Iterator<Item = u64>) -> Option<Signature> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, as just checked.
        return unsafe { signature_of_avx2(hashes) };
    }
    signature_of_portable(hashes)
}

/// [`signature_of_portable`] compiled for AVX2: the 24 hash functions run eight lanes at a time
/// with a native 32-bit multiply (the baseline x86-64 build has four lanes and no such multiply).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn signature_of_avx2(hashes: impl Iterator<Item = u64>) -> Option<Signature> {
    signature_of_portable(hashes)
}

#[inline(always)]
fn signature_of_portable(hashes: impl Iterator<Item = u64>) -> Option<Signature> {
    let mut minima = [u32::MAX; HASHES];
    let mut empty = true;
    for base in hashes {
        empty = false;
        let folded = (base ^ (base >> 32)) as u32;
        for (minimum, seed) in minima.iter_mut().zip(SEEDS) {
            *minimum = (*minimum).min(mix32(folded ^ seed));
        }
    }
    (!empty).then(|| minima.map(|m| (m >> 16) as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("word{i}")).collect()
    }

    #[test]
    fn the_vector_build_signs_as_the_portable_one() {
        let hashes: Vec<u64> = words(200).iter().map(|w| token_hash(w)).collect();
        for n in [1, 7, 8, 9, 200] {
            let some = &hashes[..n];
            assert_eq!(
                signature_of(some.iter().copied()),
                signature_of_portable(some.iter().copied())
            );
        }
        assert_eq!(signature_of(std::iter::empty()), None);
    }

    #[test]
    fn identical_sets_have_identical_signatures() {
        let a = words(30);
        let sa = signature(a.iter().map(String::as_str)).unwrap();
        let sb = signature(a.iter().rev().map(String::as_str)).unwrap();
        assert_eq!(sa, sb);
    }

    #[test]
    fn a_subset_never_has_a_smaller_minimum() {
        let a = words(40);
        let sa = signature(a.iter().map(String::as_str)).unwrap();
        for skip in 0..40 {
            let b: Vec<&str> = a
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip && *i != (skip + 7) % 40)
                .map(|(_, w)| w.as_str())
                .collect();
            let sb = signature(b).unwrap();
            assert!(sb.iter().zip(&sa).all(|(b, a)| b >= a));
        }
    }

    #[test]
    fn agreement_tracks_jaccard() {
        // |A ∩ B| = 80, |A ∪ B| = 120: J = 0.667; disjoint sets agree on almost nothing.
        let a: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
        let b: Vec<String> = (20..120).map(|i| format!("t{i}")).collect();
        let c: Vec<String> = (500..600).map(|i| format!("t{i}")).collect();
        let sa = signature(a.iter().map(String::as_str)).unwrap();
        let sb = signature(b.iter().map(String::as_str)).unwrap();
        let sc = signature(c.iter().map(String::as_str)).unwrap();
        let agree = |x: &Signature, y: &Signature| x.iter().zip(y).filter(|(p, q)| p == q).count();
        assert!(agree(&sa, &sb) >= 5, "{}", agree(&sa, &sb));
        assert!(agree(&sa, &sc) <= 2);
    }

    #[test]
    fn empty_set_has_no_signature() {
        assert!(signature(std::iter::empty()).is_none());
    }
}
