//! Two-word names written as one word: sports news writes `منچستریونایتد` and `راه‌آهن`, its
//! editors tag `منچستر یونایتد` and `راه آهن` (editors type spaces, seldom joiners; the scorer and
//! search both treat a space as a word break and a joiner as none). A shown word that news also
//! writes as two words, often enough, is shown spaced.
//!
//! Derived while the embedded background table loads, from its two-word keys (untagged news
//! document frequencies) and the document frequency of their joined spelling.

use super::fold::fold_into;
use super::hashing::FxHashMap;
use super::table::{Entry, Lexicon, flags};

/// Share of the joined spelling's documents that the spaced one must reach: news itself writes
/// `منچستریونایتد` four times as often as `منچستر یونایتد`, yet the spaced form is the name
/// (chosen on the training split: 0.05, 0.1 and 0.2 score alike, 0.5 spaces too few).
pub const MIN_SPACED_SHARE: f64 = 0.05;

/// Folded one-word spellings mapped to the two-word key news also writes them as.
#[derive(Debug, Default)]
pub struct Spacings {
    spaced: FxHashMap<String, String>,
}

/// Whether a word can stand as a word of a name (not a stopword, verb, function word or
/// adjective-only word, and not a bare ending).
fn can_stand(entry: Entry) -> bool {
    entry.df > 0 && entry.flags & (flags::STOP | flags::VERB | flags::FUNCTION) == 0
}

impl Spacings {
    /// From the `(two-word key, df)` pairs of [`super::completion::candidate_pair`], judged with
    /// `lexicon` (the table they come from).
    pub fn from_pairs<L: Lexicon + ?Sized>(pairs: &[(String, u32)], lexicon: &L) -> Spacings {
        let mut spaced = FxHashMap::default();
        let mut joined = String::new();
        for (key, df) in pairs {
            let Some((first, second)) = key.split_once(' ') else {
                continue;
            };
            joined.clear();
            joined.push_str(first);
            joined.push_str(second);
            let joined_df = lexicon.entry(&joined).df;
            if joined_df == 0 || f64::from(*df) < MIN_SPACED_SHARE * f64::from(joined_df) {
                continue;
            }
            if !can_stand(lexicon.word_entry(first)) || !can_stand(lexicon.word_entry(second)) {
                continue;
            }
            spaced.insert(joined.clone(), key.clone());
        }
        Spacings { spaced }
    }

    /// `text` with each word news also writes as two words spaced (as the folded two-word key);
    /// `None` when no word changes.
    pub fn respace(&self, text: &str) -> Option<String> {
        if self.spaced.is_empty() {
            return None;
        }
        // Most shown phrases have no such word: the new text is only built from the first one on.
        let mut out: Option<String> = None;
        let mut folded = String::new();
        for word in text.split(' ') {
            folded.clear();
            fold_into(word, &mut folded);
            let two_words = self.spaced.get(&folded);
            match (&mut out, two_words) {
                (Some(out), two_words) => {
                    out.push(' ');
                    out.push_str(two_words.map_or(word, String::as_str));
                }
                (None, Some(two_words)) => {
                    // `word` is a slice of `text`: the text before it is kept as written.
                    let start = word.as_ptr() as usize - text.as_ptr() as usize;
                    let mut respaced = String::with_capacity(text.len() + 4);
                    respaced.push_str(text.get(..start).unwrap_or_default());
                    respaced.push_str(two_words);
                    out = Some(respaced);
                }
                (None, None) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words;
    impl Lexicon for Words {
        fn entry(&self, key: &str) -> Entry {
            let (flags, df) = match key {
                "منچستر" | "یونایتد" | "راه" | "آهن" | "دانش" => {
                    (flags::NOUN, 100)
                }
                "منچستریونایتد" => (0, 40),
                "راهآهن" => (0, 30),
                "دانشآموز" => (0, 5000),
                "آموز" => (flags::NOUN, 20),
                "می" => (flags::STOP, 1000),
                "میخواهد" => (flags::VERB, 100),
                _ => (0, 0),
            };
            Entry {
                flags,
                df,
                ..Entry::default()
            }
        }
    }

    fn spacings() -> Spacings {
        let pairs: Vec<(String, u32)> = [
            ("منچستر یونایتد", 10),
            ("راه آهن", 25),
            ("دانش آموز", 9),
            ("می خواهد", 50),
            ("تیم ملی", 50),
        ]
        .iter()
        .map(|(k, d)| (k.to_string(), *d))
        .collect();
        Spacings::from_pairs(&pairs, &Words)
    }

    #[test]
    fn a_name_news_also_writes_spaced_is_shown_spaced() {
        let s = spacings();
        assert_eq!(
            s.respace("منچستریونایتد").as_deref(),
            Some("منچستر یونایتد")
        );
        assert_eq!(s.respace("راه\u{200c}آهن").as_deref(), Some("راه آهن"));
        assert_eq!(
            s.respace("باشگاه منچستریونایتد").as_deref(),
            Some("باشگاه منچستر یونایتد")
        );
    }

    #[test]
    fn words_around_and_after_a_respaced_word_keep_their_spelling() {
        let s = spacings();
        assert_eq!(
            s.respace("باشگاه منچستریونایتد و راه\u{200c}آهن تهران")
                .as_deref(),
            Some("باشگاه منچستر یونایتد و راه آهن تهران")
        );
        assert_eq!(
            s.respace("منچستریونایتد باشگاه").as_deref(),
            Some("منچستر یونایتد باشگاه")
        );
    }

    #[test]
    fn words_mostly_written_joined_and_verbs_stay() {
        let s = spacings();
        assert_eq!(s.respace("دانش\u{200c}آموز"), None, "9 of 5000 spaced");
        assert_eq!(s.respace("میخواهد"), None);
        assert_eq!(s.respace("تیم ملی"), None);
        assert_eq!(Spacings::default().respace("منچستریونایتد"), None);
    }
}
