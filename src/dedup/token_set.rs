//! The word sets of stored paragraphs, kept as 16-bit keys of their token hashes, sorted, in one
//! arena (2 bytes per distinct word, no allocation per paragraph).
//!
//! A later paragraph checked against a stored one learns exactly (up to a 1-in-65,536 key collision
//! per word) which of its words the stored paragraph lacks and how many words the two share, so
//! the similarity a decision rests on is counted, not estimated: MinHash only proposes candidates.

/// The stored key of a token hash: its top 16 bits, so hashes sorted ascending give keys sorted
/// ascending.
pub fn key(hash: u64) -> u16 {
    (hash >> 48) as u16
}

/// Something that can say whether a paragraph used a token (by its hash).
pub trait KnownTokens {
    /// Might the paragraph contain the token with this hash? No false negatives.
    fn may_contain(&self, hash: u64) -> bool;
}

/// Where a paragraph's keys live in the arena: its tokens, then the pieces of its ZWNJ compounds
/// that are not tokens themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TokenSpan {
    start: u32,
    tokens: u16,
    pieces: u16,
}

/// All stored paragraphs' keys, back to back.
#[derive(Debug, Default)]
pub struct TokenArena {
    keys: Vec<u16>,
}

/// Sorted, de-duplicated keys of `hashes` (at most `u16::MAX` of them).
fn sorted_keys(hashes: &[u64]) -> Vec<u16> {
    let mut keys: Vec<u16> = hashes.iter().map(|&h| key(h)).collect();
    // A paragraph's token hashes come sorted, and so do their keys.
    if !keys.is_sorted() {
        keys.sort_unstable();
    }
    keys.dedup();
    keys.truncate(usize::from(u16::MAX));
    keys
}

impl TokenArena {
    /// Stores a paragraph's token and piece hashes; returns where they are.
    pub fn push(&mut self, tokens: &[u64], pieces: &[u64]) -> TokenSpan {
        let start = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        let tokens = sorted_keys(tokens);
        let pieces = sorted_keys(pieces);
        self.keys.extend_from_slice(&tokens);
        self.keys.extend_from_slice(&pieces);
        TokenSpan {
            start,
            tokens: tokens.len() as u16,
            pieces: pieces.len() as u16,
        }
    }

    /// The stored set at `span`.
    pub fn get(&self, span: TokenSpan) -> TokenSet<'_> {
        let start = span.start as usize;
        let middle = start + usize::from(span.tokens);
        let end = middle + usize::from(span.pieces);
        TokenSet {
            tokens: self.keys.get(start..middle).unwrap_or_default(),
            pieces: self.keys.get(middle..end).unwrap_or_default(),
        }
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 2
    }

    /// Heap bytes the arena would grow by if `hashes` more keys were pushed.
    pub fn growth_for(&self, hashes: usize) -> usize {
        super::lsh::vec_growth(self.keys.len(), self.keys.capacity(), hashes, 2)
    }

    /// Keeps only the sets at `spans` (in the order they were pushed), moving them to the front
    /// and pointing the spans at their new place; capacity is kept for what comes next.
    pub fn compact<'a>(&mut self, spans: impl IntoIterator<Item = &'a mut TokenSpan>) {
        let mut write = 0usize;
        for span in spans {
            let start = span.start as usize;
            let len = usize::from(span.tokens) + usize::from(span.pieces);
            if start < write || start + len > self.keys.len() {
                // Not a span of this arena in push order: it keeps no words rather than wrong ones.
                *span = TokenSpan::default();
                span.start = u32::try_from(write).unwrap_or(u32::MAX);
                continue;
            }
            self.keys.copy_within(start..start + len, write);
            span.start = u32::try_from(write).unwrap_or(u32::MAX);
            write += len;
        }
        self.keys.truncate(write);
    }
}

/// One stored paragraph's word set.
#[derive(Debug, Clone, Copy)]
pub struct TokenSet<'a> {
    tokens: &'a [u16],
    pieces: &'a [u16],
}

impl TokenSet<'_> {
    /// Distinct tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// How many of the sorted, de-duplicated `keys` the paragraph has (as a token or a piece).
    pub fn shared(&self, keys: &[u16]) -> usize {
        keys.iter()
            .filter(|&&k| self.tokens.binary_search(&k).is_ok() || self.pieces.contains(&k))
            .count()
    }

    /// Keys of a later paragraph's hashes, ready for [`TokenSet::shared`].
    pub fn keys_of(hashes: &[u64]) -> Vec<u16> {
        sorted_keys(hashes)
    }
}

impl KnownTokens for TokenSet<'_> {
    fn may_contain(&self, hash: u64) -> bool {
        let k = key(hash);
        self.tokens.binary_search(&k).is_ok() || self.pieces.contains(&k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    fn hashes(words: &[&str]) -> Vec<u64> {
        words.iter().map(|w| xxh3_64(w.as_bytes())).collect()
    }

    #[test]
    fn members_are_found_and_new_words_are_not() {
        let mut arena = TokenArena::default();
        let first = arena.push(&hashes(&["شهردار", "قم", "گفت"]), &hashes(&["محله"]));
        let second = arena.push(&hashes(&["تهران", "قم"]), &[]);
        let set = arena.get(first);
        assert_eq!(set.len(), 3);
        assert!(set.may_contain(xxh3_64("قم".as_bytes())));
        assert!(set.may_contain(xxh3_64("محله".as_bytes())));
        assert!(!set.may_contain(xxh3_64("تهران".as_bytes())));
        let later = TokenSet::keys_of(&hashes(&["قم", "تهران", "گفت", "قم"]));
        assert_eq!(set.shared(&later), 2);
        assert_eq!(arena.get(second).len(), 2);
        assert_eq!(arena.get(second).shared(&later), 2);
    }

    #[test]
    fn compacting_keeps_the_chosen_sets_intact() {
        let mut arena = TokenArena::default();
        let mut spans = [
            arena.push(&hashes(&["یک", "دو"]), &[]),
            arena.push(&hashes(&["سه", "چهار", "پنج"]), &hashes(&["شش"])),
            arena.push(&hashes(&["هفت"]), &[]),
        ];
        let capacity = arena.heap_bytes();
        arena.compact(spans[1..].iter_mut());
        assert_eq!(arena.heap_bytes(), capacity);
        let second = arena.get(spans[1]);
        assert_eq!(second.len(), 3);
        assert!(second.may_contain(xxh3_64("شش".as_bytes())));
        assert!(!second.may_contain(xxh3_64("یک".as_bytes())));
        assert!(arena.get(spans[2]).may_contain(xxh3_64("هفت".as_bytes())));
        // A span out of push order keeps no words instead of pointing at others.
        let [_, second, third] = &mut spans;
        arena.compact([third, second]);
        assert_eq!(arena.get(spans[1]).len(), 0);
    }
}
