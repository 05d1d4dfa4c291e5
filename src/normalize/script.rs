//! Character classes of the Arabic script as Persian uses it.

/// Zero-width non-joiner: the Persian half-space.
pub const ZWNJ: char = '\u{200C}';
/// The UTF-8 bytes of [`ZWNJ`].
pub const ZWNJ_STR: &str = "\u{200C}";

/// True for letters of the Arabic script (base block), the letters Persian words are made of.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}')
}

/// True for letters that never join the following letter, so a ZWNJ after them is redundant.
pub fn is_non_joining(c: char) -> bool {
    matches!(
        c,
        'ا' | 'آ' | 'أ' | 'إ' | 'ٱ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ۀ' | 'ء'
    )
}

/// True for Arabic-script letters that join the following letter (where a ZWNJ can matter).
pub fn is_joining_letter(c: char) -> bool {
    is_arabic_letter(c) && !is_non_joining(c)
}

/// True for Persian, Arabic-Indic and ASCII digits.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}')
}

/// True for the characters that make up a Persian word: letters and the ZWNJ between them.
pub fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || c == ZWNJ
}

/// The last char of `s`, if any.
/// The word (letters and ZWNJ) that ends at byte `end` of `text`.
pub fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word (letters and ZWNJ) that starts at byte `start` of `text`.
pub fn word_after(text: &str, start: usize) -> &str {
    let tail = &text[start..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

pub fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_classes() {
        assert!(is_joining_letter('ه'));
        assert!(is_joining_letter('ی'));
        assert!(!is_joining_letter('ر'));
        assert!(!is_joining_letter('a'));
        assert!(is_digit('۳') && is_digit('٣') && is_digit('3'));
    }
}
