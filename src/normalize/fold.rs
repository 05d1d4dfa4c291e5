//! The comparison key: text folded so that spelling habits do not decide equality. Mirrors
//! `fold_letters` of `../shared/eval/fa_fold.py` (NFKC, letter variants, digits to ASCII, marks
//! and invisible controls removed), then collapses whitespace. No ZWNJ restoration.

use unicode_normalization::UnicodeNormalization;

use super::marks::is_diacritic;

/// True when NFKC may change `c` or its neighbours: outside ASCII and the plain Arabic letters.
fn needs_nfkc(c: char) -> bool {
    !(c.is_ascii()
        || matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{200C}' | '\u{00A0}' | '\u{0640}' | '\u{00AB}' | '\u{00BB}'))
}

/// Folds one char (after NFKC): `None` drops it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        '\u{200F}' | '\u{200E}' | '\u{200D}' | '\u{FEFF}' | 'ـ' => return None,
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32)?,
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32)?,
        _ if is_diacritic(c) => return None,
        _ => c,
    })
}

/// Folds `input` to its comparison key: Arabic-script letter variants (ي ى ئ → ی, ك → ک,
/// ة ۀ → ه, أ إ ٱ → ا, ؤ → و), Persian and Arabic-Indic digits to ASCII, diacritics, tatweel and
/// invisible controls removed (ZWNJ kept, as in `fa_fold.fold_letters`), whitespace runs
/// collapsed to one space and the ends trimmed. Fast: one pass, NFKC only when a char needs it.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        let Some(f) = fold_char(c) else { return };
        if f.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(f);
        }
    };
    if input.chars().any(needs_nfkc) {
        for c in input.nfkc() {
            push(c, &mut out);
        }
    } else {
        for c in input.chars() {
            push(c, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_scorer() {
        assert_eq!(fold("  علي   كتاب\u{00A0}ها "), "علی کتاب ها");
        assert_eq!(fold("۱۴۰۳/۰۲/۱۲"), "1403/02/12");
        assert_eq!(fold("مسئله‌ٔ"), "مسیله\u{200C}");
        assert_eq!(fold("ﻻ"), "لا");
        assert_eq!(fold("سـلام\u{200F}"), "سلام");
        assert_eq!(fold("میشود"), "میشود");
    }
}
