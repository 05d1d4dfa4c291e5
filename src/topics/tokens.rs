//! Splits normalized text into words and numbers, noting where punctuation cuts a phrase.
//!
//! A word is a run of letters, marks and joiners, so `برنامه‌های` is one word. Plural and comparative
//! endings written as separate words (`برنامه ها`, `بزرگ تر`) are glued back to their word, which
//! makes the ZWNJ/space spelling variants of one phrase look alike.

use super::fold::{fold_into, is_folded};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// One token, borrowing its written form from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The written form; for a glued ending it spans the space (`برنامه ها`).
    pub surface: &'a str,
    pub kind: TokenKind,
    /// Punctuation (or the start of the text) lies between this token and the previous one.
    pub boundary_before: bool,
    /// A separately written ending was glued on: the space inside `surface` stands for a ZWNJ.
    pub glued: bool,
}

/// A letter, fast for the Arabic block and ASCII (the Unicode tables are slow on the hot path).
pub fn is_letter(ch: char) -> bool {
    match ch {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0621}'..='\u{063a}'
        | '\u{0641}'..='\u{064a}'
        | '\u{066e}'..='\u{06d3}'
        | '\u{06d5}' => true,
        '\u{06fa}'..='\u{06fc}' | '\u{06ff}' => true,
        '\u{0000}'..='\u{007f}' | '\u{0600}'..='\u{06ff}' => false,
        _ => ch.is_alphabetic(),
    }
}

/// A digit in any script (ASCII, Arabic-Indic, Persian or other).
pub fn is_digit(ch: char) -> bool {
    match ch {
        '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' => true,
        '\u{0000}'..='\u{007f}' | '\u{0600}'..='\u{06ff}' => false,
        _ => ch.is_numeric(),
    }
}

fn is_word_char(ch: char) -> bool {
    is_letter(ch)
        || is_digit(ch)
        || matches!(
            ch,
            '\u{200c}' | '\u{200d}' | '\u{064b}'..='\u{065f}' | '\u{0670}'
        )
}

/// What one character is to the tokenizer. One bit each, so a run of word characters gathers
/// what it holds with an `or` rather than a branch per character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum CharClass {
    Letter = 1,
    Digit = 2,
    /// A joiner or mark: part of a word, neither letter nor digit.
    WordMark = 4,
    Space = 8,
    /// Punctuation and symbols: they cut phrases.
    Other = 16,
}

/// The classes of word characters, as bits.
const WORD_BITS: u8 = CharClass::Letter as u8 | CharClass::Digit as u8 | CharClass::WordMark as u8;

fn classify(ch: char) -> CharClass {
    if is_digit(ch) {
        CharClass::Digit
    } else if is_letter(ch) {
        CharClass::Letter
    } else if is_word_char(ch) {
        CharClass::WordMark
    } else if ch.is_whitespace() {
        CharClass::Space
    } else {
        CharClass::Other
    }
}

/// [`classify`] of U+0000..U+07FF (every one- and two-byte character): ASCII and the Arabic
/// block, nearly every character of the text (the chain of range tests per character was most
/// of the tokenizer's work).
fn class_table() -> &'static [CharClass; 0x800] {
    static TABLE: std::sync::LazyLock<[CharClass; 0x800]> = std::sync::LazyLock::new(|| {
        let mut table = [CharClass::Other; 0x800];
        for (code, class) in table.iter_mut().enumerate() {
            if let Some(ch) = char::from_u32(code as u32) {
                *class = classify(ch);
            }
        }
        table
    });
    &TABLE
}

/// [`classify`], from the table where it can.
fn class_of(ch: char) -> CharClass {
    match ch {
        // The joiners are in nearly every Persian sentence, past the table.
        '\u{200c}' | '\u{200d}' => CharClass::WordMark,
        _ => class_table()
            .get(ch as usize)
            .copied()
            .unwrap_or_else(|| classify(ch)),
    }
}

/// The class and UTF-8 width of the character at byte `at` of `text` (a char boundary). ASCII,
/// two-byte characters (the Arabic block) and the joiners are read from their bytes: decoding
/// every character was a large part of the tokenizer's work.
#[inline(always)]
fn class_at(text: &str, table: &[CharClass; 0x800], at: usize) -> (CharClass, usize) {
    let bytes = text.as_bytes();
    let Some(&lead) = bytes.get(at) else {
        return (CharClass::Other, 1);
    };
    if lead < 0x80 {
        return (table[usize::from(lead)], 1);
    }
    if lead < 0xE0
        && let Some(&next) = bytes.get(at + 1)
    {
        // A two-byte sequence (valid UTF-8 leads these with C2..DF): U+0080..U+07FF, all in
        // the table.
        let code = (usize::from(lead & 0x1f) << 6) | usize::from(next & 0x3f);
        return (table[code], 2);
    }
    if lead == 0xE2
        && bytes.get(at + 1) == Some(&0x80)
        && matches!(bytes.get(at + 2), Some(0x8C | 0x8D))
    {
        // ZWNJ / ZWJ (E2 80 8C / E2 80 8D).
        return (CharClass::WordMark, 3);
    }
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(ch) => (class_of(ch), ch.len_utf8()),
        None => (CharClass::Other, 1),
    }
}

fn is_word_class(class: CharClass) -> bool {
    class as u8 & WORD_BITS != 0
}

/// Longest UTF-8 length of a detached ending as written (`هایی` with joiners or marks around).
const MAX_ENDING_BYTES: usize = 16;

/// Whether a written word can fold to a detached ending at all: every ending starts with `ه`,
/// `ت` or `ا` (or a letter that folds to one; a leading mark folds away), so most words are ruled
/// out without folding them.
fn may_be_ending(surface: &str) -> bool {
    matches!(
        surface.chars().next(),
        Some('ه' | 'ة' | 'ۀ' | 'ت' | 'ا' | 'أ' | 'إ' | 'ٱ' | '\u{064b}'..='\u{065f}' | '\u{0670}')
    )
}

/// Endings that, written as a separate word, belong to the word before.
fn is_detached_ending(folded: &str, previous: &str) -> bool {
    matches!(folded, "ها" | "های" | "هایی" | "تر" | "ترین")
        || (folded == "ای" && previous.ends_with('ه'))
}

/// Appends the token `text[start..end]`, gluing a detached ending onto the word before.
/// `word` folded into `buffer` (emptied first).
fn folded_into<'b>(word: &str, buffer: &'b mut String) -> &'b str {
    buffer.clear();
    fold_into(word, buffer);
    buffer
}

fn push<'a>(
    tokens: &mut Vec<Token<'a>>,
    text: &'a str,
    span: (usize, usize),
    digit: bool,
    boundary: bool,
    scratch: &mut String,
) {
    let span_text = &text[span.0..span.1];
    let bytes = span_text.as_bytes();
    // A joiner (`E2 80 8C`/`E2 80 8D`) at either end starts with `E2`; most words have none.
    let surface = if bytes.first() == Some(&0xE2) || bytes.iter().rev().nth(2) == Some(&0xE2) {
        span_text.trim_matches(|c| c == '\u{200c}' || c == '\u{200d}')
    } else {
        span_text
    };
    if surface.is_empty() {
        return;
    }
    let kind = if digit {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    if kind == TokenKind::Word
        && !boundary
        && let Some(last) = tokens.last_mut()
        && last.kind == TokenKind::Word
        // The endings are at most four letters: longer words are not folded to find out.
        && surface.len() <= MAX_ENDING_BYTES
        && may_be_ending(surface)
        && is_detached_ending(
            if is_folded(surface) {
                surface
            } else {
                folded_into(surface, scratch)
            },
            last.surface,
        )
    {
        let begin = last.surface.as_ptr() as usize - text.as_ptr() as usize;
        let end = surface.as_ptr() as usize - text.as_ptr() as usize + surface.len();
        last.surface = &text[begin..end];
        last.glued = true;
        return;
    }
    tokens.push(Token {
        surface,
        kind,
        boundary_before: boundary,
        glued: false,
    });
}

/// Tokens of `text` in order.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(text.len() / 8);
    // Reused for every word folded to test for a detached ending.
    let mut scratch = String::new();
    let table = class_table();
    let mut boundary = true;
    let mut i = 0;
    while i < text.len() {
        let (mut class, mut width) = class_at(text, table, i);
        if !is_word_class(class) {
            if class != CharClass::Space {
                boundary = true;
            }
            i += width;
            continue;
        }
        // A run of word characters: a token when it holds a letter or a digit.
        let start = i;
        // The classes the run holds, as bits.
        let mut held = 0u8;
        loop {
            held |= class as u8;
            i += width;
            if i >= text.len() {
                break;
            }
            (class, width) = class_at(text, table, i);
            if !is_word_class(class) {
                break;
            }
        }
        let has_digit = held & CharClass::Digit as u8 != 0;
        if held & (CharClass::Letter as u8 | CharClass::Digit as u8) != 0 {
            push(
                &mut tokens,
                text,
                (start, i),
                has_digit,
                boundary,
                &mut scratch,
            );
            boundary = false;
        }
    }
    tokens
}

/// Whether `text` is exactly one token as written: a single run of word characters holding a
/// letter or digit, with no joiner at either end to trim ([`tokenize`] gives it back whole).
pub fn is_one_whole_token(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&0xE2) || bytes.iter().rev().nth(2) == Some(&0xE2) {
        return false;
    }
    let table = class_table();
    let mut held = 0u8;
    let mut i = 0;
    while i < text.len() {
        let (class, width) = class_at(text, table, i);
        if !is_word_class(class) {
            return false;
        }
        held |= class as u8;
        i += width;
    }
    held & (CharClass::Letter as u8 | CharClass::Digit as u8) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<(&str, bool)> {
        tokenize(text)
            .iter()
            .map(|t| (t.surface, t.boundary_before))
            .collect()
    }

    #[test]
    fn one_whole_token_is_what_tokenize_gives_back_whole() {
        for text in [
            "برنامه‌های",
            "تهران",
            "۱۴۰۲",
            "covid19",
            "\u{200c}تهران",
            "تهران\u{200c}",
            "تهران قم",
            "قم،",
            "\u{064b}",
            "",
        ] {
            let tokens = tokenize(text);
            let whole = tokens.len() == 1 && tokens[0].surface == text && !tokens[0].glued;
            assert_eq!(is_one_whole_token(text), whole, "{text:?}");
        }
    }

    #[test]
    fn words_keep_their_zwnj_and_punctuation_cuts() {
        assert_eq!(
            surfaces("برنامه‌های محله‌محور، در قم"),
            vec![
                ("برنامه‌های", true),
                ("محله‌محور", false),
                ("در", true),
                ("قم", false)
            ]
        );
    }

    #[test]
    fn detached_plural_is_glued_back() {
        let tokens = tokenize("برنامه ها و بازی های سنتی");
        assert_eq!(tokens[0].surface, "برنامه ها");
        assert!(tokens[0].glued);
        assert_eq!(tokens[2].surface, "بازی های");
        assert_eq!(tokens.len(), 4);
    }

    #[test]
    fn only_words_starting_like_an_ending_are_folded_to_check() {
        for ending in ["ها", "های", "هایی", "تر", "ترین", "ای", "اي"] {
            assert!(may_be_ending(ending), "{ending}");
        }
        assert!(!may_be_ending("برنامه"));
        assert!(!may_be_ending("قم"));
    }

    #[test]
    fn the_class_table_agrees_with_the_character_tests() {
        for code in 0..0x800u32 {
            if let Some(ch) = char::from_u32(code) {
                assert_eq!(class_of(ch), classify(ch), "{code:x}");
            }
        }
    }

    #[test]
    fn the_byte_reader_classes_every_character_as_the_decoder_does() {
        let text: String = (0x20..0x800u32)
            .chain([0x200c, 0x200d, 0x2026, 0x200e, 0xfeff, 0x1f600, 0x4e2d])
            .filter_map(char::from_u32)
            .collect();
        let decoded: Vec<(usize, CharClass)> =
            text.char_indices().map(|(i, c)| (i, classify(c))).collect();
        let table = class_table();
        let mut read = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let (class, width) = class_at(&text, table, i);
            read.push((i, class));
            i += width;
        }
        assert_eq!(read, decoded);
    }

    #[test]
    fn numbers_are_their_own_kind() {
        let tokens = tokenize("جام جهانی ۲۰۱۸ روسیه");
        assert_eq!(tokens[2].kind, TokenKind::Number);
        assert_eq!(tokens[3].kind, TokenKind::Word);
    }

    #[test]
    fn punctuation_only_text_gives_nothing() {
        assert!(tokenize("«» - ؟!").is_empty());
        assert!(tokenize("").is_empty());
    }
}
