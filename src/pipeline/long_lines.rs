//! Which raw lines the learning pass may leave unnormalized: lines that cannot be page furniture
//! whatever normalization makes of them.
//!
//! The furniture learner counts only short lines (at most [`FURNITURE_MAX_CHARS`] characters in
//! their match form). Normalization never deletes a base Persian or Arabic letter (it maps
//! variants one to one, inserts ZWNJs and spaces, and removes only marks, tatweel, controls and
//! redundant joiners), and the match form keeps each of them as one character. So a raw line with
//! more such letters than the limit is too long however it is normalized, and learning can skip
//! it: on a corpus without repeats that spares normalizing nearly all of its text twice.

/// The furniture learner's limit on a line's match form, in characters (the dedup module's
/// `MAX_FURNITURE_CHARS`; a test below checks the learner ignores longer lines).
pub(crate) const FURNITURE_MAX_CHARS: usize = 120;

/// Whether the code point is a base letter that normalization and the match fold both keep as
/// one letter: the Arabic letters without hamza forms and teh marbuta, and the four Persian ones
/// plus Persian kaf and yeh. Other characters are simply not counted (a safe undercount).
const fn is_kept_letter(code: u32) -> bool {
    matches!(code,
        0x0627..=0x0628 | 0x062A..=0x063A | 0x0641..=0x064A
        | 0x067E | 0x0686 | 0x0698 | 0x06A9 | 0x06AF | 0x06CC)
}

/// [`is_kept_letter`] of U+0600..=U+06FF, by the low eight bits of the code point: what the two
/// bytes of such a char give as `(lead & 3) << 6 | (continuation & 0x3F)`.
static KEPT_IN_ARABIC_BLOCK: [bool; 256] = {
    let mut table = [false; 256];
    let mut low = 0;
    while low < 256 {
        table[low] = is_kept_letter(0x0600 + low as u32);
        low += 1;
    }
    table
};

/// Bytes looked at between two checks of the count.
const CHUNK: usize = 64;

/// True when `raw` holds more kept letters than any furniture line can have, so the learning
/// pass need not normalize it. Reads bytes only; stops soon after the count passes the limit.
///
/// Every byte position is tested, branch-free, as the start of a kept letter: only a lead byte
/// 0xD8..=0xDB (never a continuation byte) can start one, so this counts exactly the letters a
/// walk from char to char would.
pub(crate) fn too_long_for_furniture(raw: &str) -> bool {
    // Every counted letter takes two bytes.
    if raw.len() <= 2 * FURNITURE_MAX_CHARS {
        return false;
    }
    let bytes = raw.as_bytes();
    let mut letters = 0;
    for (lead_chunk, next_chunk) in bytes.chunks(CHUNK).zip(bytes[1..].chunks(CHUNK)) {
        letters += lead_chunk
            .iter()
            .zip(next_chunk)
            .map(|(&lead, &next)| {
                let low = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
                usize::from((lead & 0xFC == 0xD8) & KEPT_IN_ARABIC_BLOCK[low])
            })
            .sum::<usize>();
        if letters > FURNITURE_MAX_CHARS {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::FurnitureLearner;
    use crate::model::{Document, Paragraph};
    use crate::normalize;

    fn kept_letters() -> impl Iterator<Item = char> {
        (0x0600..=0x06FF)
            .filter(|&code| is_kept_letter(code))
            .filter_map(char::from_u32)
    }

    /// What the learner makes of `line` printed under many articles of one source, normalized
    /// as the pipeline does.
    fn learned(line: &str) -> usize {
        let text = normalize::normalize(line, &normalize::Config::default()).text;
        let mut learner = FurnitureLearner::new();
        for _ in 0..40 {
            learner.observe(&Document {
                source: Some("ایسنا".to_string()),
                paragraphs: vec![Paragraph {
                    index: 0,
                    text: text.trim().to_string(),
                }],
                ..Document::default()
            });
        }
        learner.finish().len()
    }

    /// The count as a walk from char to char makes it.
    fn too_long_by_chars(raw: &str) -> bool {
        raw.chars()
            .filter(|&c| is_kept_letter(u32::from(c)))
            .count()
            > FURNITURE_MAX_CHARS
    }

    #[test]
    fn byte_count_agrees_with_the_char_walk() {
        let every: String = (0..=0x10ffffu32).filter_map(char::from_u32).collect();
        let arabic: String = (0x0600..=0x06ffu32).filter_map(char::from_u32).collect();
        for n in [0, 1, 30, 60, 61, 62, 100, 121, 200] {
            for unit in ["ب", "بَ", "a", "ـ", "ب ", "€ب", "𝄞ک"] {
                let line = unit.repeat(n);
                assert_eq!(too_long_for_furniture(&line), too_long_by_chars(&line));
            }
            let line: String = arabic.chars().cycle().take(n * 3).collect();
            assert_eq!(too_long_for_furniture(&line), too_long_by_chars(&line));
        }
        for line in [every.clone(), every.repeat(4)] {
            assert_eq!(too_long_for_furniture(&line), too_long_by_chars(&line));
        }
        assert!(too_long_for_furniture(&every.repeat(4)));
    }

    #[test]
    fn counts_letters_not_bytes_or_marks() {
        assert!(!too_long_for_furniture("انتهای پیام"));
        assert!(!too_long_for_furniture(&"ـ".repeat(500)));
        assert!(!too_long_for_furniture(&"\u{64e}".repeat(500)));
        assert!(!too_long_for_furniture(&"a".repeat(500)));
        assert!(!too_long_for_furniture(&"ب".repeat(FURNITURE_MAX_CHARS)));
        assert!(too_long_for_furniture(&"ب".repeat(FURNITURE_MAX_CHARS + 1)));
        let spaced = "کتاب ".repeat(FURNITURE_MAX_CHARS / 4 + 1);
        assert!(too_long_for_furniture(&spaced));
        // Odd bytes never panic.
        assert!(!too_long_for_furniture(&"\u{600}".repeat(300)));
        assert!(!too_long_for_furniture(&"\u{6ff}".repeat(300)));
    }

    #[test]
    fn a_short_line_is_learned_and_the_limit_matches_the_learner() {
        assert_eq!(learned("انتهای پیام"), 1);
        let longest = "ب".repeat(FURNITURE_MAX_CHARS);
        assert_eq!(
            learned(&longest),
            1,
            "the learner's limit is not below ours"
        );
        assert_eq!(learned(&format!("{longest}ب")), 0);
    }

    #[test]
    fn no_skipped_line_could_have_been_furniture() {
        // Each counted letter stays a letter through normalization and the match fold: a short
        // line padded with any of them past the limit is never learned.
        for letter in kept_letters() {
            let padding: String = std::iter::repeat_n(letter, FURNITURE_MAX_CHARS).collect();
            let line = format!("انتهای پیام {padding}");
            assert!(too_long_for_furniture(&line));
            assert_eq!(learned(&line), 0, "U+{:04X}", u32::from(letter));
        }
    }
}
