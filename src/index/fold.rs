//! Folding one word to its matching key: the normalizer's letter folding, then the few marks and
//! joiners a search key must never carry (ZWNJ, tatweel, diacritics, bidi controls), digits to ASCII
//! and Latin to lower case. Idempotent, so index and query meet whatever the normalizer already did.

use std::sync::LazyLock;

/// Zero-width non-joiner: the Persian half-space.
pub const ZWNJ: char = '\u{200c}';

/// The matching key of one word as written (it may contain ZWNJ or the spaces of a detached affix).
pub fn fold_word(raw: &str) -> String {
    let mut key = String::with_capacity(raw.len());
    fold_word_into(raw, &mut key);
    key
}

/// Appends the matching key of `raw` (see [`fold_word`]) to `key`.
///
/// Most words are plain Persian or ASCII letters and digits, which fold one char at a time with no
/// Unicode normalization; they skip the general path and its intermediate string.
///
/// Reads bytes: ASCII and the two-byte Arabic block go through tables built from
/// [`fold_plain_char`], and runs of chars that fold to themselves are copied whole.
pub fn fold_word_into(raw: &str, key: &mut String) {
    let start = key.len();
    let bytes = raw.as_bytes();
    // Once per word: each `LazyLock` access checks its initialization.
    let (ascii_folds, arabic_block_folds) = (&*ASCII_FOLDS, &*ARABIC_BLOCK_FOLDS);
    // `raw[copied..at]` folds to itself and is not in `key` yet.
    let mut copied = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (fold, width) = match (lead, bytes.get(at + 1)) {
            (0..=0x7f, _) => (ascii_folds[usize::from(lead)], 1),
            // A valid `str`: a lead byte 0xD8..=0xDB starts a two-byte char of U+0600..=U+06FF.
            (0xd8..=0xdb, Some(&next)) => {
                let low = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3f);
                (arabic_block_folds[low], 2)
            }
            _ => match raw.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (CharFold::of(c), c.len_utf8()),
                None => (CharFold::General, 1),
            },
        };
        match fold {
            CharFold::Same => {}
            CharFold::Into(c) => {
                key.push_str(raw.get(copied..at).unwrap_or(""));
                key.push(c);
                copied = at + width;
            }
            CharFold::Drop => {
                key.push_str(raw.get(copied..at).unwrap_or(""));
                copied = at + width;
            }
            CharFold::General => {
                key.truncate(start);
                return fold_general_into(raw, key);
            }
        }
        at += width;
    }
    key.push_str(raw.get(copied..).unwrap_or(""));
}

/// What [`fold_plain_char`] does to one char, as the byte-level fast path looks it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharFold {
    Same,
    Into(char),
    Drop,
    /// Not a plain char: the whole word takes the general path.
    General,
}

impl CharFold {
    fn of(c: char) -> Self {
        match fold_plain_char(c) {
            Some(Some(folded)) if folded == c => CharFold::Same,
            Some(Some(folded)) => CharFold::Into(folded),
            Some(None) => CharFold::Drop,
            None => CharFold::General,
        }
    }
}

/// [`CharFold`] of each ASCII char.
static ASCII_FOLDS: LazyLock<[CharFold; 128]> =
    LazyLock::new(|| std::array::from_fn(|b| CharFold::of(char::from(b as u8))));

/// [`CharFold`] of each char U+0600..=U+06FF, by its low eight bits.
static ARABIC_BLOCK_FOLDS: LazyLock<[CharFold; 256]> = LazyLock::new(|| {
    std::array::from_fn(|low| {
        char::from_u32(0x0600 + low as u32).map_or(CharFold::General, CharFold::of)
    })
});

/// [`fold_word_into`] for any text: the normalizer's fold, then the marks and joiners keys drop.
fn fold_general_into(raw: &str, key: &mut String) {
    let letters = crate::normalize::fold(raw);
    for c in letters.chars() {
        // Letter variants and digits are already folded by `normalize::fold`.
        if c.is_uppercase() {
            key.extend(c.to_lowercase());
        } else if !is_dropped(c) {
            key.push(c);
        }
    }
}

/// The key char of a char that folds on its own, without NFKC or a neighbour: `Some(None)` drops
/// it, `None` means the general path must decide. Mirrors `normalize::fold` for these chars.
fn fold_plain_char(c: char) -> Option<Option<char>> {
    Some(match c {
        'a'..='z' | '0'..='9' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        ' ' | ZWNJ => None,
        'ي' | 'ى' | 'ئ' => Some('ی'),
        'ك' => Some('ک'),
        'ة' | 'ۀ' => Some('ه'),
        'أ' | 'إ' | 'ٱ' => Some('ا'),
        'ؤ' => Some('و'),
        '\u{06f0}'..='\u{06f9}' => char::from_u32(c as u32 - 0x06f0 + '0' as u32),
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
        '\u{0621}'..='\u{063a}' | '\u{0641}'..='\u{064a}' | '\u{0671}'..='\u{06d3}' => Some(c),
        _ => return None,
    })
}

/// Characters that never change a word's meaning for search: joiners, tatweel, harakat, controls.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        ZWNJ | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | 'ـ' | '\u{064b}'
            ..='\u{065f}' | '\u{0670}'
    ) || c.is_whitespace()
}

/// Whether `c` belongs inside a word: letters, digits and the marks folded away above.
pub fn is_word_char(c: char) -> bool {
    // Fast paths for the chars that make up almost all news text; the rest asks the Unicode tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if matches!(c, '\u{0621}'..='\u{063a}' | '\u{0641}'..='\u{064a}' | '\u{0671}'..='\u{06d3}') {
        return true;
    }
    if c == ZWNJ {
        return false;
    }
    c.is_alphanumeric() || matches!(c, 'ـ' | '\u{064b}'..='\u{065f}' | '\u{0670}')
}

/// Whether `c` is written in the Arabic script (Persian letters included).
pub fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06ff}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_variants_digits_and_joiners_fold_together() {
        assert_eq!(fold_word("برنامه‌ها"), "برنامهها");
        assert_eq!(fold_word("برنامه ها"), "برنامهها");
        assert_eq!(fold_word("كتاب‌هاي"), "کتابهای");
        assert_eq!(fold_word("۱۴۰۲"), "1402");
        assert_eq!(fold_word("١٤٠٢"), "1402");
        assert_eq!(fold_word("مُحَمَّد"), "محمد");
        assert_eq!(fold_word("COVID"), "covid");
        assert_eq!(fold_word("رئيس"), fold_word("ریيس"));
    }

    /// The general path alone: what `fold_word` did before the plain-char fast path.
    fn fold_word_general(raw: &str) -> String {
        let mut key = String::new();
        fold_general_into(raw, &mut key);
        key
    }

    #[test]
    fn plain_chars_fold_like_the_general_path_alone_and_in_pairs() {
        let plain: Vec<char> = (0..=0xffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| fold_plain_char(c).is_some())
            .collect();
        for &a in &plain {
            let expected: String = fold_word_general(&a.to_string());
            let fast: String = fold_plain_char(a).flatten().into_iter().collect();
            assert_eq!(fast, expected, "{:x}", a as u32);
            // Pairs catch any composition the general path's NFKC would do across chars.
            for &b in &plain {
                let pair = format!("{a}{b}");
                assert_eq!(fold_word(&pair), fold_word_general(&pair), "{pair}");
            }
        }
    }

    #[test]
    fn word_char_fast_paths_agree_with_the_unicode_tables() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let tables =
                c.is_alphanumeric() || matches!(c, 'ـ' | '\u{064b}'..='\u{065f}' | '\u{0670}');
            assert_eq!(is_word_char(c), tables, "{:x}", c as u32);
        }
    }

    /// What `fold_word_into` did before its byte-level fast path.
    fn fold_word_by_chars(raw: &str) -> String {
        if raw.chars().any(|c| fold_plain_char(c).is_none()) {
            return fold_word_general(raw);
        }
        raw.chars()
            .filter_map(|c| fold_plain_char(c).flatten())
            .collect()
    }

    #[test]
    fn the_byte_level_fast_path_folds_like_the_char_level_one() {
        let words = [
            "",
            "برنامه‌هاي",
            "كتاب",
            "۱۴۰۲",
            "COVID-19",
            "a b",
            "مُحَمَّد",
            "ﻻ",
            "رئيس",
            "é",
            "ۀ",
            "\u{6ff}\u{600}",
            "x\u{200d}y",
            "سلام😀",
        ];
        for word in words {
            let mut key = "prefix".to_string();
            fold_word_into(word, &mut key);
            assert_eq!(key, format!("prefix{}", fold_word_by_chars(word)), "{word}");
        }
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let word = format!("ب{c}ك");
            assert_eq!(
                fold_word(&word),
                fold_word_by_chars(&word),
                "{:x}",
                c as u32
            );
        }
    }

    #[test]
    fn folding_is_idempotent() {
        for word in ["برنامه‌هاي", "۱۲۳", "مسؤول", "خانهٔ"] {
            let once = fold_word(word);
            assert_eq!(fold_word(&once), once);
        }
    }
}
