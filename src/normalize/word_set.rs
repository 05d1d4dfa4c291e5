//! Small fixed sets of words (affixes, auxiliaries, function words) that the joining rules ask
//! about at nearly every space. A 256-bit filter on a word's length and edge bytes turns most
//! words away with one bit test, where comparing the word with every member costs a length
//! test and a memory compare each.

/// A fixed set of words with a bit filter in front.
pub(crate) struct WordSet<const N: usize> {
    pub(super) words: [&'static str; N],
    filter: [u64; 4],
}

/// The filter bit of a word: its length and the bytes that tell Persian letters apart (the
/// second byte of its first and of its last letter).
#[inline]
const fn signature(bytes: &[u8]) -> usize {
    let n = bytes.len();
    if n < 2 {
        return n;
    }
    (n.wrapping_mul(41) ^ (bytes[1] as usize).wrapping_mul(97) ^ (bytes[n - 1] as usize) << 2) & 255
}

impl<const N: usize> WordSet<N> {
    /// The set of `words`.
    pub const fn new(words: [&'static str; N]) -> Self {
        let mut filter = [0u64; 4];
        let mut k = 0;
        while k < N {
            let bit = signature(words[k].as_bytes());
            filter[bit >> 6] |= 1 << (bit & 63);
            k += 1;
        }
        Self { words, filter }
    }

    /// The set of the words of `first` and of `second` (`N` is their lengths' sum).
    pub const fn union<const A: usize, const B: usize>(
        first: [&'static str; A],
        second: [&'static str; B],
    ) -> Self {
        assert!(A + B == N, "a union holds both lists whole");
        let mut words = [""; N];
        let mut k = 0;
        while k < N {
            words[k] = if k < A { first[k] } else { second[k - A] };
            k += 1;
        }
        Self::new(words)
    }

    /// True when `word` is one of the set's words.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bit = signature(word.as_bytes());
        self.filter[bit >> 6] >> (bit & 63) & 1 != 0 && self.words.contains(&word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_others() {
        const SET: WordSet<4> = WordSet::new(["از", "است", "ها", "ی"]);
        for word in ["از", "است", "ها", "ی"] {
            assert!(SET.contains(word), "{word}");
        }
        for word in ["", "ا", "ز", "اس", "استان", "های", "a", "کتاب"] {
            assert!(!SET.contains(word), "{word}");
        }
    }

    #[test]
    fn a_union_holds_both_lists() {
        const SET: WordSet<4> = WordSet::union(["از", "است"], ["ها", "ی"]);
        for word in ["از", "است", "ها", "ی"] {
            assert!(SET.contains(word), "{word}");
        }
        assert!(!SET.contains("های"));
    }
}
