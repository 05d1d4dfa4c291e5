//! Branch-free byte scans for the few chars a step cares about.
//!
//! Persian prose is two-byte letters whose lead bytes (`D8`–`DB`) are shared by the letters a
//! step ignores and the marks it looks for, so a byte-by-byte `match` mispredicts on nearly every
//! char. A [`PairFilter`] instead classifies each byte pair with two table lookups and skips
//! 32 bytes at a time when none of them can start a char of interest.

/// A set of chars described by their first two bytes: a char at byte `i` may be of interest
/// when `lead[bytes[i]] & second[bytes[i + 1]] != 0`.
pub(crate) struct PairFilter {
    lead: [u8; 256],
    second: [u8; 256],
}

/// The class bit that needs no particular second byte.
const ANY_SECOND: u8 = 0x80;

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
        }
    }

    /// Also matches every char that starts with byte `lead`.
    pub const fn with_lead(mut self, lead: u8) -> Self {
        self.lead[lead as usize] |= ANY_SECOND;
        self
    }

    /// Also matches every char whose lead byte is in `from..=to`.
    pub const fn with_leads(mut self, from: u8, to: u8) -> Self {
        let mut b = from;
        while b <= to {
            self.lead[b as usize] |= ANY_SECOND;
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
        self
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
            let mut any = 0u8;
            for k in 0..CHUNK {
                any |= self.lead[window[k] as usize] & self.second[window[k + 1] as usize];
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
}
