//! Character classes of the Arabic script as Persian uses it.

/// Zero-width non-joiner: the Persian half-space.
pub const ZWNJ: char = '\u{200C}';
/// The UTF-8 bytes of [`ZWNJ`].
pub const ZWNJ_STR: &str = "\u{200C}";

/// True for letters of the Arabic script (base block), the letters Persian words are made of.
pub const fn is_arabic_letter(c: char) -> bool {
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

/// True when `text` holds a ZWNJ (E2 80 8C). A search for its rare lead byte: `str::contains`
/// with a char pattern searches for its last byte, which the ZWNJ shares with `ی`, so it stops at
/// nearly every word, and a substring searcher costs more to set up than short words take.
#[inline]
pub fn has_zwnj(text: &str) -> bool {
    let bytes = text.as_bytes();
    let tail = &ZWNJ_STR.as_bytes()[1..];
    if bytes.len() < SHORT_TEXT {
        // A word: setting up the vector search would cost more than looking at every byte.
        let lead = ZWNJ_STR.as_bytes()[0];
        let mut at = 0;
        while let Some(window) = bytes.get(at..at + 3) {
            if window[0] == lead && window[1..] == *tail {
                return true;
            }
            at += 1;
        }
        return false;
    }
    memchr::memchr_iter(ZWNJ_STR.as_bytes()[0], bytes)
        .any(|at| bytes.get(at + 1..at + 3) == Some(tail))
}

/// Texts shorter than this are searched byte by byte.
const SHORT_TEXT: usize = 48;

/// The runs of Arabic letters ([`is_arabic_letter`]) in `text`, without ZWNJs: what
/// `text.split(|c: char| !is_arabic_letter(c))` gives less its empty pieces, found by byte pairs
/// without decoding.
pub(crate) fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(i) {
            if letter_at(bytes, i) {
                let start = i;
                i += 2;
                while letter_at(bytes, i) {
                    i += 2;
                }
                return text.get(start..i);
            }
            i += utf8_len(b);
        }
        None
    })
}

/// The length of the word char ([`is_word_char`]) that starts at byte `i` (0 if none).
#[inline]
pub(crate) fn word_char_len_at(bytes: &[u8], i: usize) -> usize {
    if letter_at(bytes, i) {
        2
    } else if bytes.get(i..i + 3) == Some(ZWNJ_STR.as_bytes()) {
        3
    } else {
        0
    }
}

/// The word (letters and ZWNJ) that ends at byte `end` of `text`.
pub fn word_before(text: &str, end: usize) -> &str {
    let bytes = text.as_bytes();
    let mut start = end.min(bytes.len());
    loop {
        if start >= 2 && letter_at(bytes, start - 2) {
            start -= 2;
        } else if start >= 3 && bytes.get(start - 3..start) == Some(ZWNJ_STR.as_bytes()) {
            start -= 3;
        } else {
            break;
        }
    }
    text.get(start..end).unwrap_or("")
}

/// The word (letters and ZWNJ) that starts at byte `start` of `text`.
pub fn word_after(text: &str, start: usize) -> &str {
    let bytes = text.as_bytes();
    let mut end = start;
    loop {
        let len = word_char_len_at(bytes, end);
        if len == 0 {
            break;
        }
        end += len;
    }
    text.get(start..end).unwrap_or("")
}

/// `s` without the chars that are no word chars ([`is_word_char`]) at either end: what
/// `s.trim_matches(|c| !is_word_char(c))` gives, found by byte pairs without decoding.
pub(crate) fn trim_to_word(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut start = 0;
    while start < bytes.len() && word_char_len_at(bytes, start) == 0 {
        start += utf8_len(bytes[start]);
    }
    let mut end = bytes.len();
    while end > start {
        let word_char_ends_here = (end - start >= 2 && letter_at(bytes, end - 2))
            || (end - start >= 3 && bytes.get(end - 3..end) == Some(ZWNJ_STR.as_bytes()));
        if word_char_ends_here {
            break;
        }
        end -= 1;
        while end > start && bytes[end] & 0xC0 == 0x80 {
            end -= 1;
        }
    }
    s.get(start.min(end)..end).unwrap_or("")
}

/// The last char of `s`, if any.
pub fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// The length of the UTF-8 sequence that `lead` starts (byte scans step char by char with it).
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xE0 => 1 + usize::from(lead >= 0xC0),
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// True when an Arabic letter ([`is_arabic_letter`]) starts at byte `i`: every one is a
/// two-byte sequence, so this is one lookup of the byte pair, without decoding.
#[inline]
fn letter_at(bytes: &[u8], i: usize) -> bool {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&lead), Some(&second)) => LETTER_PAIRS[usize::from(lead) | usize::from(second) << 8],
        _ => false,
    }
}

/// `LETTER_PAIRS[lead | second << 8]`: the two bytes are an Arabic letter (the index a
/// little-endian 16-bit load of the pair gives).
static LETTER_PAIRS: [bool; 1 << 16] = {
    let mut pairs = [false; 1 << 16];
    let mut code = 0x600u32;
    while code < 0x700 {
        if let Some(c) = char::from_u32(code)
            && is_arabic_letter(c)
        {
            let lead = 0xC0 | (code >> 6) as usize;
            let second = 0x80 | (code & 0x3F) as usize;
            pairs[lead | second << 8] = true;
        }
        code += 1;
    }
    pairs
};

/// A run of letters and ZWNJs that starts with a letter, as bytes `start..end` of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    /// First byte.
    pub start: usize,
    /// Past the last byte (a trailing ZWNJ included).
    pub end: usize,
    /// The run holds a ZWNJ.
    pub has_zwnj: bool,
}

/// The first word (a letter, then letters and ZWNJs) at or after byte `from` of `text`.
#[inline]
pub fn next_word(text: &str, from: usize) -> Option<WordSpan> {
    let bytes = text.as_bytes();
    let mut i = from;
    // Each step reads a byte pair with one bounds check: a letter is a pair, and a lone last
    // byte is none.
    loop {
        let pair = bytes.get(i..i + 2)?;
        if is_letter_pair(pair[0], pair[1]) {
            break;
        }
        i += utf8_len(pair[0]);
    }
    let start = i;
    let mut end = i + 2;
    let mut has_zwnj = false;
    while let Some(pair) = bytes.get(end..end + 2) {
        if is_letter_pair(pair[0], pair[1]) {
            end += 2;
        } else if pair == &ZWNJ_STR.as_bytes()[..2]
            && bytes.get(end + 2) == Some(&ZWNJ_STR.as_bytes()[2])
        {
            has_zwnj = true;
            end += 3;
        } else {
            break;
        }
    }
    Some(WordSpan {
        start,
        end,
        has_zwnj,
    })
}

/// True when the bytes `lead second` are an Arabic letter (see [`LETTER_PAIRS`]).
#[inline]
fn is_letter_pair(lead: u8, second: u8) -> bool {
    LETTER_PAIRS[usize::from(lead) | usize::from(second) << 8]
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

    #[test]
    fn letter_bytes_agree_with_chars() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let mut utf8 = [0u8; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            assert_eq!(letter_at(bytes, 0), is_arabic_letter(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn trimming_matches_the_char_trim() {
        for s in [
            "",
            " ",
            "«کتاب\u{200C}ها»،",
            "\u{200C}می\u{200C}",
            "a",
            "۱۲",
            "x🙂ب،ب🙂x",
            "(ها)",
            "ـبـ",
            "ك؟",
            "é",
        ] {
            assert_eq!(
                trim_to_word(s),
                s.trim_matches(|c: char| !is_word_char(c)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn word_before_and_after() {
        let text = "a کتاب\u{200C}ها، و";
        assert_eq!(word_before(text, 17), "کتاب\u{200C}ها");
        assert_eq!(word_before(text, 1), "");
        assert_eq!(word_after(text, 2), "کتاب\u{200C}ها");
        assert_eq!(word_after(text, 17), "");
        assert!(has_zwnj(text) && !has_zwnj("ی ی"));
        let long = format!("{}\u{200C}", "ی ".repeat(40));
        assert!(has_zwnj(&long) && !has_zwnj(&long[..long.len() - 3]));
        assert!(has_zwnj("\u{200C}") && !has_zwnj("\u{200D}") && !has_zwnj(""));
    }

    #[test]
    fn letter_runs_match_the_char_split() {
        for s in [
            "",
            "a کتاب\u{200C}ها، ۱۲ و\u{200C}",
            "میشود«ی»\u{200D}ـبـ🙂x",
            "ك؟ي",
        ] {
            let by_chars: Vec<&str> = s
                .split(|c: char| !is_arabic_letter(c))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(letter_runs(s).collect::<Vec<_>>(), by_chars, "{s:?}");
        }
    }

    #[test]
    fn words_are_found_by_bytes() {
        let text = "a کتاب\u{200C}ها، ۱۲ و\u{200C}";
        let first = next_word(text, 0);
        assert_eq!(
            first,
            Some(WordSpan {
                start: 2,
                end: 2 + 8 + 3 + 4,
                has_zwnj: true
            })
        );
        let second = next_word(text, 17).map(|w| &text[w.start..w.end]);
        assert_eq!(second, Some("و\u{200C}"));
    }
}
