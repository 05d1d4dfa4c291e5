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
fn is_kept_letter(code: u32) -> bool {
    matches!(code,
        0x0627..=0x0628 | 0x062A..=0x063A | 0x0641..=0x064A
        | 0x067E | 0x0686 | 0x0698 | 0x06A9 | 0x06AF | 0x06CC)
}

/// True when `raw` holds more kept letters than any furniture line can have, so the learning
/// pass need not normalize it. Reads bytes only; stops as soon as the count passes the limit.
pub(crate) fn too_long_for_furniture(raw: &str) -> bool {
    // Every counted letter takes two bytes.
    if raw.len() <= 2 * FURNITURE_MAX_CHARS {
        return false;
    }
    let bytes = raw.as_bytes();
    let mut letters = 0;
    let mut at = 0;
    while at + 1 < bytes.len() {
        let lead = bytes[at];
        if (0xD8..=0xDB).contains(&lead) {
            let code = (u32::from(lead & 0x1F) << 6) | u32::from(bytes[at + 1] & 0x3F);
            if is_kept_letter(code) {
                letters += 1;
                if letters > FURNITURE_MAX_CHARS {
                    return true;
                }
            }
            at += 2;
        } else {
            at += 1;
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
