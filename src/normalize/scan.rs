//! Branch-free byte scans for the few chars a step cares about.
//!
//! Persian prose is two-byte letters whose lead bytes (`D8`–`DB`) are shared by the letters a
//! step ignores and the marks it looks for, so a byte-by-byte `match` mispredicts on nearly every
//! char. Each step instead states the byte pairs that may start a char of interest as a predicate
//! made of comparisons, which [`find_pair`] evaluates on 32 positions at once with vector
//! instructions. A [`PairFilter`] (a table per lead and second byte, built from ranges) states
//! the same set the readable way: the tests check every predicate against its filter, pair by
//! pair.

/// A set of chars described by their first two bytes: a char at byte `i` may be of interest
/// when `lead[bytes[i]] & second[bytes[i + 1]] != 0`.
#[cfg(test)]
pub(crate) struct PairFilter {
    lead: [u8; 256],
    second: [u8; 256],
    /// `pairs[lead | second << 8]`: nonzero when the pair may start a char of interest (the
    /// index a little-endian 16-bit load of the two bytes gives).
    pairs: [u8; 1 << 16],
}

/// The class bit that needs no particular second byte.
#[cfg(test)]
const ANY_SECOND: u8 = 0x80;

#[cfg(test)]
impl PairFilter {
    /// A filter that matches nothing yet.
    pub const fn new() -> Self {
        let mut second = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            second[b] = ANY_SECOND;
            b += 1;
        }
        Self {
            lead: [0; 256],
            second,
            pairs: [0; 1 << 16],
        }
    }

    /// Brings the [`PairFilter::pairs`] of one lead byte up to date: a change to a lead's
    /// classes, or to the second bytes of a class unique to it, touches only its own pairs.
    const fn refresh(mut self, lead: u8) -> Self {
        let mut second = 0;
        while second < 256 {
            self.pairs[lead as usize | second << 8] =
                self.lead[lead as usize] & self.second[second];
            second += 1;
        }
        self
    }

    /// Also matches every char that starts with byte `lead`.
    pub const fn with_lead(mut self, lead: u8) -> Self {
        self.lead[lead as usize] |= ANY_SECOND;
        self.refresh(lead)
    }

    /// Also matches every char whose lead byte is in `from..=to`.
    pub const fn with_leads(mut self, from: u8, to: u8) -> Self {
        let mut b = from;
        while b <= to {
            self.lead[b as usize] |= ANY_SECOND;
            self = self.refresh(b);
            b += 1;
        }
        self
    }

    /// Also matches the chars that start with `lead` followed by a byte in `from..=to`.
    /// `class` (one bit, below `0x80`) must be unique to `lead` within the filter.
    pub const fn with_pair(mut self, class: u8, lead: u8, from: u8, to: u8) -> Self {
        self.lead[lead as usize] |= class;
        let mut b = from;
        while b <= to {
            self.second[b as usize] |= class;
            b += 1;
        }
        self.refresh(lead)
    }

    #[inline]
    fn hit(&self, lead: u8, second: u8) -> bool {
        self.lead[lead as usize] & self.second[second as usize] != 0
    }

    /// True when the filter matches at byte `i` of `bytes`.
    #[inline]
    pub fn matches_at(&self, bytes: &[u8], i: usize) -> bool {
        match bytes.get(i) {
            Some(&lead) => self.hit(lead, bytes.get(i + 1).copied().unwrap_or(0)),
            None => false,
        }
    }

    /// The first byte at or after `from` where the filter matches. Continuation bytes never
    /// match (no filter lists them as leads), so the result is a char boundary.
    pub fn find(&self, bytes: &[u8], from: usize) -> Option<usize> {
        const CHUNK: usize = 32;
        let mut i = from;
        while let Some(window) = bytes.get(i..i + CHUNK + 1) {
            // The pairs at even offsets come from 8-byte words read at 0, 8, 16, 24, those at odd
            // offsets from words read one byte later: a shift and a lookup per pair, where
            // indexing byte by byte makes the compiler assemble every pair from two loads.
            let mut any = 0u8;
            for q in (0..CHUNK).step_by(8) {
                let mut even = [0u8; 8];
                even.copy_from_slice(&window[q..q + 8]);
                let mut odd = [0u8; 8];
                odd.copy_from_slice(&window[q + 1..q + 9]);
                let (even, odd) = (u64::from_le_bytes(even), u64::from_le_bytes(odd));
                for shift in [0, 16, 32, 48] {
                    any |= self.pairs[usize::from((even >> shift) as u16)]
                        | self.pairs[usize::from((odd >> shift) as u16)];
                }
            }
            if any != 0
                && let Some(k) = (0..CHUNK).find(|&k| self.hit(window[k], window[k + 1]))
            {
                return Some(i + k);
            }
            i += CHUNK;
        }
        (i..bytes.len()).find(|&k| self.matches_at(bytes, k))
    }
}

/// The first byte at or after `from` where `hit(byte, next byte)` holds (the last byte is paired
/// with 0, as [`PairFilter::matches_at`] does). For a `hit` written with comparisons alone
/// (`&`, `|`, no table), the compiler tests 32 positions at a time with vector instructions:
/// a pass over prose that finds nothing costs about one instruction per byte, a third of the
/// table lookups of [`PairFilter::find`]. Each such predicate is tested against the
/// [`PairFilter`] that specifies it, pair by pair.
///
/// On a CPU with AVX2 the same code is compiled for 32-byte vectors (the baseline x86-64 has
/// 16-byte ones), which halves the instructions of every scan.
#[inline]
pub(crate) fn find_pair(bytes: &[u8], from: usize, hit: impl Fn(u8, u8) -> bool) -> Option<usize> {
    next_hit_chunk(bytes, from, &hit).map(|(base, mask)| base + mask.trailing_zeros() as usize)
}

/// Positions a scan tests at once.
const CHUNK: usize = 32;

/// Every byte of `bytes` where `hit(byte, next byte)` holds, in order: what calling
/// [`find_pair`] again after each hit finds, for a predicate that matches only lead bytes (so
/// no hit falls inside a char a caller steps over). The chunks are scanned as by [`find_pair`]
/// and their hits kept as a bit mask, so a text with many hits pays one scan, not one call per
/// hit.
pub(crate) fn pair_hits<F: Fn(u8, u8) -> bool>(bytes: &[u8], hit: F) -> PairHits<'_, F> {
    PairHits {
        bytes,
        hit,
        next_chunk: 0,
        base: 0,
        mask: 0,
    }
}

/// The iterator of [`pair_hits`].
pub(crate) struct PairHits<'a, F> {
    bytes: &'a [u8],
    hit: F,
    /// Where the next chunk to scan starts.
    next_chunk: usize,
    /// Where the chunk of `mask` starts.
    base: usize,
    /// One bit per hit of the current chunk not yet returned.
    mask: u32,
}

impl<F: Fn(u8, u8) -> bool> Iterator for PairHits<'_, F> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let (base, mask) = next_hit_chunk(self.bytes, self.next_chunk, &self.hit)?;
            self.base = base;
            self.mask = mask;
            self.next_chunk = base + CHUNK;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

/// The first chunk at or after `from` with a hit: its start and a mask of its hits at or after
/// `from`. The last chunk may start before `from` (it overlaps what was scanned, its lower
/// bits masked off).
#[inline]
fn next_hit_chunk(
    bytes: &[u8],
    from: usize,
    hit: &impl Fn(u8, u8) -> bool,
) -> Option<(usize, u32)> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, as just checked.
        return unsafe { next_hit_chunk_avx2(bytes, from, hit) };
    }
    next_hit_chunk_portable(bytes, from, hit)
}

/// [`next_hit_chunk_portable`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn next_hit_chunk_avx2(
    bytes: &[u8],
    from: usize,
    hit: &impl Fn(u8, u8) -> bool,
) -> Option<(usize, u32)> {
    next_hit_chunk_portable(bytes, from, hit)
}

#[inline(always)]
fn next_hit_chunk_portable(
    bytes: &[u8],
    from: usize,
    hit: &impl Fn(u8, u8) -> bool,
) -> Option<(usize, u32)> {
    let mut i = from;
    while let Some(window) = bytes.get(i..i + CHUNK + 1) {
        let mut pairs = [0u8; CHUNK + 1];
        pairs.copy_from_slice(window);
        let mask = hit_mask(&pairs, 0, CHUNK, hit);
        if mask != 0 {
            return Some((i, mask));
        }
        i += CHUNK;
    }
    let rest = bytes.get(i..)?;
    if rest.is_empty() {
        return None;
    }
    let mut pairs = [0u8; CHUNK + 1];
    if let Some(start) = bytes.len().checked_sub(CHUNK) {
        // The last chunk of the text (overlapping what was scanned), the last byte paired with 0.
        pairs[..CHUNK].copy_from_slice(&bytes[start..]);
        let mask = hit_mask(&pairs, i - start, CHUNK, hit);
        return (mask != 0).then_some((start, mask));
    }
    // A text shorter than a chunk, padded with zeros.
    pairs[..rest.len()].copy_from_slice(rest);
    let mask = hit_mask(&pairs, 0, rest.len(), hit);
    (mask != 0).then_some((i, mask))
}

/// The hits of `pairs` in `from..valid` as bits.
#[inline(always)]
fn hit_mask(
    pairs: &[u8; CHUNK + 1],
    from: usize,
    valid: usize,
    hit: &impl Fn(u8, u8) -> bool,
) -> u32 {
    let mut leads = [0u8; CHUNK];
    let mut seconds = [0u8; CHUNK];
    leads.copy_from_slice(&pairs[..CHUNK]);
    seconds.copy_from_slice(&pairs[1..]);
    let mut hits = [0u8; CHUNK];
    for (k, ((h, &lead), &second)) in hits.iter_mut().zip(&leads).zip(&seconds).enumerate() {
        *h = u8::from(hit(lead, second) & (k >= from) & (k < valid));
    }
    let mut mask = 0u32;
    for (q, eight) in hits.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(eight);
        let word = u64::from_le_bytes(bytes);
        if word != 0 {
            // Bytes of 0 or 1 gathered into 8 bits (the multiply moves byte k's bit to bit 56 + k).
            mask |= ((word.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * q);
        }
    }
    mask
}

/// The offsets of every `needle` byte in `bytes`, in order, found 64 bytes at a time with
/// one vector comparison per 16 bytes: a walk over the spaces of prose (a few bytes apart)
/// pays a few instructions per space, where a `memchr` per space pays its setup every time.
/// [`ByteHits::next_from`] skips ahead for a caller that steps over stretches without one.
pub(crate) fn byte_hits(bytes: &[u8], needle: u8) -> ByteHits<'_> {
    ByteHits {
        bytes,
        needle,
        next_chunk: 0,
        base: 0,
        mask: 0,
    }
}

/// The iterator of [`byte_hits`].
pub(crate) struct ByteHits<'a> {
    bytes: &'a [u8],
    needle: u8,
    /// Where the next chunk to test starts.
    next_chunk: usize,
    /// Where the chunk of `mask` starts.
    base: usize,
    /// One bit per needle of the current chunk not yet returned.
    mask: u64,
}

impl ByteHits<'_> {
    /// The first needle at or after `from`, as a new search from there would find it; the
    /// needles before `from` are dropped.
    #[inline]
    pub fn next_from(&mut self, from: usize) -> Option<usize> {
        if from >= self.next_chunk {
            self.mask = 0;
            self.next_chunk = from;
        } else if from > self.base {
            let below = u32::try_from(from - self.base).unwrap_or(u32::MAX);
            self.mask &= u64::MAX.checked_shl(below).unwrap_or(0);
        }
        self.next()
    }
}

impl Iterator for ByteHits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.mask == 0 {
            self.refill()?;
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

impl ByteHits<'_> {
    /// Tests chunks until one holds a needle (`None` at the end of the text). Kept out of
    /// line: the callers' loops keep only the cheap step through the mask.
    #[inline(never)]
    fn refill(&mut self) -> Option<()> {
        while self.mask == 0 {
            let start = self.next_chunk;
            let rest = self.bytes.get(start..)?;
            if rest.is_empty() {
                return None;
            }
            let mut padded = [!self.needle; SPAN];
            let chunk = match rest.first_chunk::<SPAN>() {
                Some(chunk) => chunk,
                None => {
                    // Past the end the chunk is padded with bytes that differ from the needle.
                    padded[..rest.len()].copy_from_slice(rest);
                    &padded
                }
            };
            self.mask = needle_mask(chunk, self.needle);
            self.base = start;
            self.next_chunk = start + SPAN;
        }
        Some(())
    }
}

/// Bytes [`ByteHits`] tests at once.
const SPAN: usize = 64;

/// Bit `k` set where `chunk[k] == needle`.
#[inline(always)]
fn needle_mask(chunk: &[u8; SPAN], needle: u8) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86-64 CPU, and each unaligned 16-byte load reads a
        // quarter of the 64-byte array.
        unsafe {
            let wanted = _mm_set1_epi8(needle as i8);
            let mut mask = 0u64;
            for quarter in 0..SPAN / 16 {
                let bytes = _mm_loadu_si128(chunk.as_ptr().add(16 * quarter).cast::<__m128i>());
                let hits = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted)) as u16;
                mask |= u64::from(hits) << (16 * quarter);
            }
            mask
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let mut mask = 0u64;
        for (k, &b) in chunk.iter().enumerate() {
            mask |= u64::from(b == needle) << k;
        }
        mask
    }
}

/// True when `hit` agrees with `filter` on every byte pair (for the tests of each predicate
/// given to [`find_pair`]).
#[cfg(test)]
pub(crate) fn agrees_with(filter: &PairFilter, hit: impl Fn(u8, u8) -> bool) -> bool {
    (0..=255u8).all(|lead| (0..=255u8).all(|second| filter.hit(lead, second) == hit(lead, second)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKS: PairFilter = PairFilter::new()
        .with_lead(b'.')
        .with_pair(1, 0xD8, 0x8C, 0x8C)
        .with_pair(2, 0xC2, 0xAB, 0xAB);

    #[test]
    fn finds_marks_in_long_and_short_text() {
        let long = format!("{}، و«", "سلام ".repeat(20));
        let bytes = long.as_bytes();
        let first = MARKS.find(bytes, 0);
        assert_eq!(first, long.find('،'));
        let second = MARKS.find(bytes, first.unwrap_or(0) + 1);
        assert_eq!(second, long.find('«'));
        assert_eq!(MARKS.find("سلام".as_bytes(), 0), None);
        assert_eq!(MARKS.find("a.".as_bytes(), 0), Some(1));
        assert_eq!(MARKS.find("a.".as_bytes(), 2), None);
        assert_eq!(MARKS.find("".as_bytes(), 5), None);
    }

    #[test]
    fn pair_predicates_find_what_the_filter_finds() {
        let hit = |lead: u8, second: u8| {
            (lead == b'.') | (lead == 0xD8 && second == 0x8C) | (lead == 0xC2 && second == 0xAB)
        };
        assert!(agrees_with(&MARKS, hit));
        let long = format!("{}، و«", "سلام ".repeat(20));
        let bytes = long.as_bytes();
        for from in 0..bytes.len() + 2 {
            assert_eq!(
                find_pair(bytes, from, hit),
                MARKS.find(bytes, from),
                "{from}"
            );
        }
        assert_eq!(find_pair("a.".as_bytes(), 0, hit), Some(1));
    }

    /// [`pair_hits`] gives what repeated [`find_pair`] calls give, at every length.
    #[test]
    fn pair_hits_are_the_repeated_finds() {
        let hit = |lead: u8, second: u8| (lead == b'.') | ((lead == b'x') & (second == 0));
        for len in 0usize..140 {
            for stride in [1, 2, 3, 7, 31, 33, 200] {
                let mut bytes: Vec<u8> = (0..len)
                    .map(|k| if k % stride == 1 { b'.' } else { b'a' })
                    .collect();
                if len % 2 == 0
                    && let Some(last) = bytes.last_mut()
                {
                    *last = b'x';
                }
                let mut expected = Vec::new();
                let mut from = 0;
                while let Some(k) = find_pair(&bytes, from, hit) {
                    expected.push(k);
                    from = k + 1;
                }
                assert_eq!(
                    pair_hits(&bytes, hit).collect::<Vec<_>>(),
                    expected,
                    "{len} {stride}"
                );
            }
        }
    }

    #[test]
    fn byte_hits_find_every_needle_from_anywhere() {
        for len in 0usize..80 {
            for stride in 1..7 {
                let bytes: Vec<u8> = (0..len)
                    .map(|k| if k % stride == 0 { b' ' } else { b'x' })
                    .collect();
                let expected: Vec<usize> = (0..len).filter(|&k| bytes[k] == b' ').collect();
                assert_eq!(byte_hits(&bytes, b' ').collect::<Vec<_>>(), expected);
                for jump in 1..40 {
                    let mut hits = byte_hits(&bytes, b' ');
                    let mut found = Vec::new();
                    let mut from = 0;
                    while let Some(i) = hits.next_from(from) {
                        found.push(i);
                        from = i + 1 + (i % jump);
                    }
                    let mut wanted = Vec::new();
                    let mut from = 0;
                    while let Some(k) = (from..len).find(|&k| bytes[k] == b' ') {
                        wanted.push(k);
                        from = k + 1 + (k % jump);
                    }
                    assert_eq!(found, wanted, "len {len} stride {stride} jump {jump}");
                }
            }
        }
    }

    #[test]
    fn byte_hits_find_every_needle_among_letters() {
        for len in 0usize..140 {
            for stride in 1..5 {
                let bytes: Vec<u8> = (0..len)
                    .map(|k| {
                        if k % stride == 0 {
                            b' '
                        } else {
                            0xD8 + (k % 3) as u8
                        }
                    })
                    .collect();
                let expected: Vec<usize> = (0..len).filter(|&k| bytes[k] == b' ').collect();
                assert_eq!(byte_hits(&bytes, b' ').collect::<Vec<_>>(), expected);
                let none: Vec<usize> = (0..len).filter(|&k| bytes[k] == 0xFF).collect();
                assert_eq!(byte_hits(&bytes, 0xFF).collect::<Vec<_>>(), none);
            }
        }
        assert_eq!(
            byte_hits("ب ب\u{A0}".as_bytes(), 0xA0).collect::<Vec<_>>(),
            [6]
        );
    }

    /// Every text length and start, against a byte-by-byte search (the tail chunk overlaps
    /// what the full chunks scanned, or is padded in a short text).
    #[test]
    fn scans_agree_with_a_plain_search_at_every_length() {
        let hit = |lead: u8, second: u8| (lead == b'.') | ((lead == b'x') & (second == 0));
        for len in 0usize..100 {
            for marks in [vec![], vec![len / 3], vec![len / 2, len.saturating_sub(1)]] {
                let mut bytes = vec![b'a'; len];
                for &at in &marks {
                    if let Some(b) = bytes.get_mut(at) {
                        *b = b'.';
                    }
                }
                if let Some(last) = bytes.last_mut() {
                    *last = if len % 2 == 0 { b'x' } else { *last };
                }
                for from in 0..len + 2 {
                    let plain = (from..len)
                        .find(|&k| hit(bytes[k], bytes.get(k + 1).copied().unwrap_or(0)));
                    assert_eq!(find_pair(&bytes, from, hit), plain, "{len} {from}");
                }
            }
        }
    }
}
