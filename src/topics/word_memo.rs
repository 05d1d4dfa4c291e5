//! What a written word is to the candidate runs (a cut, the verb prefix `می`, or a content word
//! with its merge key) depends on its letters and the lexicon alone, and news repeats a few
//! thousand words most of the time: a small per-thread memo answers for them without folding,
//! looking up and lemmatizing them again (that was most of the collector's work per word).

use xxhash_rust::xxh3::xxh3_64;

/// What one written word is to the runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WordClass {
    /// A stopword, verb form, function word...: it cuts the run.
    #[default]
    Boundary,
    /// `می`/`نمی` written apart: it cuts the run, and so does the word after it.
    Prefix,
    /// A content word; its key is the folded word with a plural ending dropped.
    Content {
        /// Only ever an adjective: does not start a phrase.
        adjective_only: bool,
        /// Its key dropped a plural ending.
        plural: bool,
        /// Its key holds a word of attribution lines (see [`holds_attribution_word`]).
        ///
        /// [`holds_attribution_word`]: super::boilerplate::holds_attribution_word
        attribution: bool,
    },
}

/// Longest word (in bytes) the memo holds (longer ones are worked out each time).
const LONGEST: usize = u8::MAX as usize;
/// 2^17 slots (3 MB a thread): news uses tens of thousands of distinct words, and with 2^15 a
/// word a few lines apart often took another's slot, a miss costing ten times a hit.
const SLOT_BITS: u32 = 17;
/// Bytes of keys kept before the memo starts over (bounds its memory as words come
/// and go).
const ARENA_LIMIT: usize = 1 << 22;

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// xxh3 of the written word.
    hash: u64,
    /// Where its key is in [`WordMemo::arena`].
    start: u32,
    /// Length of the written word (0: an empty slot, as no word is empty).
    word_len: u8,
    key_len: u8,
    class: WordClass,
}

/// A direct-mapped memo of [`WordClass`]es and keys: a word replaces whatever shared its slot.
#[derive(Debug, Default)]
pub struct WordMemo {
    /// The lexicon the facts were worked out with (see `Lexicon::memo_id`).
    lexicon: Option<u64>,
    slots: Vec<Slot>,
    /// The keys of the memoized words.
    arena: String,
}

impl WordMemo {
    /// The class of the written word `surface` under the lexicon with memo id `lexicon` (`None`:
    /// memoize nothing); a content word's key is appended to `key_out`. `work_out` computes both
    /// on a miss (appending the key to the string it is given).
    #[inline]
    pub fn class_of(
        &mut self,
        lexicon: Option<u64>,
        surface: &str,
        key_out: &mut String,
        work_out: impl FnOnce(&mut String) -> WordClass,
    ) -> WordClass {
        if lexicon.is_none() || surface.len() > LONGEST {
            return work_out(key_out);
        }
        if self.lexicon != lexicon || self.slots.is_empty() {
            self.start_over(lexicon);
        }
        let hash = xxh3_64(surface.as_bytes());
        let index = (hash >> (64 - SLOT_BITS)) as usize;
        // A word is known by its 64-bit hash and length, as phrases are by their hash (see
        // `phrases`): comparing the letters too cost a `memcmp` call per word.
        if let Some(slot) = self.slots.get(index)
            && slot.hash == hash
            && usize::from(slot.word_len) == surface.len()
        {
            let key_start = slot.start as usize;
            if let Some(key) = self
                .arena
                .get(key_start..key_start + usize::from(slot.key_len))
            {
                key_out.push_str(key);
                return slot.class;
            }
        }
        let mark = key_out.len();
        let class = work_out(key_out);
        let key = key_out.get(mark..).unwrap_or("");
        if key.len() > LONGEST {
            return class;
        }
        if self.arena.len() >= ARENA_LIMIT {
            self.start_over(lexicon);
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(key);
        if let Some(slot) = self.slots.get_mut(index) {
            *slot = Slot {
                hash,
                start,
                word_len: surface.len() as u8,
                key_len: key.len() as u8,
                class,
            };
        }
        class
    }

    fn start_over(&mut self, lexicon: Option<u64>) {
        self.lexicon = lexicon;
        self.slots.clear();
        self.slots.resize(1 << SLOT_BITS, Slot::default());
        self.arena.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(memo: &mut WordMemo, lexicon: Option<u64>, word: &str, calls: &mut u32) -> String {
        let mut key = String::from("> ");
        let class = memo.class_of(lexicon, word, &mut key, |out| {
            *calls += 1;
            out.push_str(word);
            WordClass::Content {
                adjective_only: false,
                plural: word.ends_with("ها"),
                attribution: false,
            }
        });
        format!("{key} {class:?}")
    }

    #[test]
    fn a_repeated_word_is_worked_out_once_and_answers_the_same() {
        let mut memo = WordMemo::default();
        let mut calls = 0;
        let first = class(&mut memo, Some(1), "برنامه‌ها", &mut calls);
        let again = class(&mut memo, Some(1), "برنامه‌ها", &mut calls);
        assert_eq!(first, again);
        assert!(first.starts_with("> برنامه‌ها Content"), "{first}");
        assert_eq!(calls, 1);
    }

    #[test]
    fn words_sharing_a_slot_or_a_prefix_stay_apart() {
        let mut memo = WordMemo::default();
        let mut calls = 0;
        let words = [
            "abcdefgh",
            "abcdefghh",
            "a",
            "ab",
            "قم",
            "قمی",
            "برنامه‌های",
            "برنامه",
        ];
        for word in words.iter().chain(words.iter().rev()) {
            let got = class(&mut memo, Some(1), word, &mut calls);
            assert!(got.starts_with(&format!("> {word} ")), "{word}: {got}");
        }
    }

    #[test]
    fn another_lexicon_or_none_is_not_answered_from_the_memo() {
        let mut memo = WordMemo::default();
        let mut calls = 0;
        class(&mut memo, Some(1), "قم", &mut calls);
        class(&mut memo, Some(2), "قم", &mut calls);
        class(&mut memo, None, "قم", &mut calls);
        class(&mut memo, None, "قم", &mut calls);
        assert_eq!(calls, 4);
        let long = "ب".repeat(200);
        class(&mut memo, Some(2), &long, &mut calls);
        class(&mut memo, Some(2), &long, &mut calls);
        assert_eq!(calls, 6, "words past 255 bytes are worked out each time");
    }
}
