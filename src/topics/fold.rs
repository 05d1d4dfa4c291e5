//! Folding of one word to the key that phrase statistics and merging use: Arabic letter variants,
//! digits, diacritics and joiners folded, so `برنامه‌ها`, `برنامهها` and `برنامه‌ها` share one key.

/// What folding does to one character.
enum CharFold {
    Keep,
    Drop,
    Into(char),
}

fn fold_char(ch: char) -> CharFold {
    match ch {
        'ي' | 'ى' | 'ئ' => CharFold::Into('ی'),
        'ك' => CharFold::Into('ک'),
        'ة' | 'ۀ' => CharFold::Into('ه'),
        'أ' | 'إ' | 'ٱ' => CharFold::Into('ا'),
        'ؤ' => CharFold::Into('و'),
        '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | 'ـ' => CharFold::Drop,
        '\u{064b}'..='\u{065f}' | '\u{0670}' => CharFold::Drop,
        '۰'..='۹' => CharFold::Into(char::from(b'0' + (ch as u32 - '۰' as u32) as u8)),
        '٠'..='٩' => CharFold::Into(char::from(b'0' + (ch as u32 - '٠' as u32) as u8)),
        c if c.is_ascii_uppercase() => CharFold::Into(c.to_ascii_lowercase()),
        _ => CharFold::Keep,
    }
}

/// Appends the folded form of `word` to `out`. ZWNJ and other joiners are dropped, which makes the
/// key blind to the normalizer's ZWNJ restoration (present or not, the key is the same).
///
/// Normalized text is mostly folded already, so unchanged stretches are copied whole.
pub fn fold_into(word: &str, out: &mut String) {
    let mut rest = word;
    loop {
        let change = rest.char_indices().find_map(|(i, ch)| match fold_char(ch) {
            CharFold::Keep => None,
            other => Some((i, ch, other)),
        });
        let Some((i, ch, folded)) = change else {
            out.push_str(rest);
            return;
        };
        out.push_str(&rest[..i]);
        if let CharFold::Into(c) = folded {
            out.push(c);
        }
        rest = &rest[i + ch.len_utf8()..];
    }
}

/// The folded form of one word.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Plural endings that do not change what a phrase is about. Longest first.
const PLURALS: [&str; 3] = ["هایی", "های", "ها"];

/// The merge key of one written word: plural `ها/های` and a written ezafe `ی` are dropped so the
/// variants of one phrase merge (`برنامه‌ها`, `برنامه‌های`, `برنامه` → `برنامه`).
///
/// After a ZWNJ the ending is unambiguous. Written solid (`برنامههای`, the ZWNJ lost) it could also
/// be the adjective `‌ای` (`هسته‌ای` written `هستهای`), so a solid ending is only dropped when the
/// whole word is unknown and the stem is a known word.
pub fn lemma_key(surface: &str, is_known: impl Fn(&str) -> bool) -> String {
    lemma_key_of(surface, fold(surface), is_known)
}

/// [`lemma_key`] given the word's [`fold`] already (the hot path folds each word once).
pub fn lemma_key_of(surface: &str, folded: String, is_known: impl Fn(&str) -> bool) -> String {
    if let Some((stem, ending)) = surface.rsplit_once('\u{200c}') {
        let ending = fold(ending);
        if PLURALS.contains(&ending.as_str()) || ending == "ی" {
            let stem = fold(stem);
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    for ending in PLURALS {
        if let Some(stem) = folded.strip_suffix(ending)
            && stem.chars().count() >= 2
            && !is_known(&folded)
            && is_known(stem)
        {
            return stem.to_string();
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letter_variants_digits_and_joiners() {
        assert_eq!(fold("برنامه‌هاي"), "برنامههای");
        assert_eq!(fold("۱۴۰۲"), "1402");
        assert_eq!(fold("ICT"), "ict");
        assert_eq!(fold("مُدیریت"), "مدیریت");
    }

    #[test]
    fn strips_plural_only_where_it_is_a_suffix() {
        let known = |w: &str| ["برنامه", "هسته", "هستهای"].contains(&w);
        assert_eq!(lemma_key("برنامه‌ها", known), "برنامه");
        assert_eq!(lemma_key("برنامههای", known), "برنامه");
        assert_eq!(lemma_key("هسته‌ای", known), "هستهای");
        assert_eq!(lemma_key("هستهای", known), "هستهای");
        assert_eq!(lemma_key("تنها", known), "تنها");
        assert_eq!(lemma_key("خانه‌ی", known), "خانه");
    }
}
