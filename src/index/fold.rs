//! Folding one word to its matching key: the normalizer's letter folding, then the few marks and
//! joiners a search key must never carry (ZWNJ, tatweel, diacritics, bidi controls), digits to ASCII
//! and Latin to lower case. Idempotent, so index and query meet whatever the normalizer already did.

/// Zero-width non-joiner: the Persian half-space.
pub const ZWNJ: char = '\u{200c}';

/// The matching key of one word as written (it may contain ZWNJ or the spaces of a detached affix).
pub fn fold_word(raw: &str) -> String {
    let letters = crate::normalize::fold(raw);
    let mut key = String::with_capacity(letters.len());
    for c in letters.chars() {
        // Letter variants and digits are already folded by `normalize::fold`.
        if c.is_uppercase() {
            key.extend(c.to_lowercase());
        } else if !is_dropped(c) {
            key.push(c);
        }
    }
    key
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

    #[test]
    fn folding_is_idempotent() {
        for word in ["برنامه‌هاي", "۱۲۳", "مسؤول", "خانهٔ"] {
            let once = fold_word(word);
            assert_eq!(fold_word(&once), once);
        }
    }
}
