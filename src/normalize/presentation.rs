//! Arabic presentation forms and ligatures (ﻻ, ﷲ, ﻙ…) to base letters, by NFKC on those blocks only.

use unicode_normalization::char::decompose_compatible;

/// True for the Arabic presentation-form blocks (A: U+FB50–FDFF, B: U+FE70–FEFE).
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Calls `emit` with each base char of `c`'s compatibility decomposition.
pub(crate) fn decompose(c: char, emit: impl FnMut(char)) {
    decompose_compatible(c, emit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(c: char) -> String {
        let mut s = String::new();
        decompose(c, |d| s.push(d));
        s
    }

    #[test]
    fn ligatures_to_letters() {
        assert_eq!(base('ﻻ'), "لا");
        assert_eq!(base('ﻙ'), "ك");
        assert_eq!(base('ﷲ'), "الله");
        assert!(!is_presentation_form('ک'));
    }
}
