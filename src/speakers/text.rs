//! Text helpers shared by the extractor: folding for comparisons, word tokens with byte offsets,
//! and the punctuation that bounds sentences and clauses.

use std::borrow::Cow;

/// Zero-width non-joiner: Persian's in-word joint.
pub(crate) const ZWNJ: char = '\u{200c}';

/// Folds a word for comparison: Arabic letter variants to Persian, ZWNJ, tatweel and diacritics
/// removed. Spelling habits (`وي`/`وی`, `خدائي`/`خدایی`, `فلاح‌جلودار`/`فلاحجلودار`) compare equal.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    out.extend(word.chars().filter_map(fold_char));
    out
}

/// [`fold`], borrowing the word when folding leaves it as it is (most words of normalized text).
pub(crate) fn fold_key(word: &str) -> Cow<'_, str> {
    if word.chars().all(|c| fold_char(c) == Some(c)) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// What [`fold`] makes of one character (`None`: dropped).
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' => 'ه',
        'أ' | 'إ' | 'ٱ' | 'آ' => 'ا',
        'ؤ' => 'و',
        ZWNJ | '\u{200d}' | '\u{200e}' | '\u{200f}' | 'ـ' => return None,
        '\u{064b}'..='\u{065f}' | '\u{0670}' => return None,
        // Persian has no case; only Latin words (`PACS`) need lowering.
        _ => c.to_ascii_lowercase(),
    })
}

/// True for characters that belong inside a word (letters, digits, marks, ZWNJ).
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        // Fast paths for the scripts news is written in: Arabic-script letters, digits, marks.
        '\u{0621}'..='\u{063a}' | '\u{0640}'..='\u{0669}' | '\u{066e}'..='\u{06d3}' => true,
        '\u{06f0}'..='\u{06f9}' | ZWNJ => true,
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' | '،' | '؛' | '؟' | '«' | '»' => false,
        _ => c.is_alphanumeric() || matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}'),
    }
}

/// A word of the paragraph: byte span and folded key (borrowed from the text when folding
/// changes nothing: a paragraph's words are tokenized once, without an allocation each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub key: Cow<'a, str>,
}

/// The words of `text[from..to]` with absolute byte offsets.
pub(crate) fn tokens(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let Some(slice) = text.get(from..to) else {
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_token(&mut out, slice, from, s, i);
        }
    }
    if let Some(s) = start {
        push_token(&mut out, slice, from, s, slice.len());
    }
    out
}

fn push_token<'a>(out: &mut Vec<Token<'a>>, slice: &'a str, base: usize, s: usize, e: usize) {
    // A word that only holds joiners (a stray ZWNJ) is no word.
    let key = fold_key(&slice[s..e]);
    if !key.is_empty() {
        out.push(Token {
            start: base + s,
            end: base + e,
            key,
        });
    }
}

/// A paragraph with its words, tokenized once: every step slices the same word list.
pub(crate) struct Para<'a> {
    pub text: &'a str,
    words: Vec<Token<'a>>,
}

impl<'a> Para<'a> {
    pub fn new(text: &'a str) -> Self {
        Para {
            text,
            words: tokens(text, 0, text.len()),
        }
    }

    /// The words lying wholly inside `text[from..to]`.
    pub fn words(&self, from: usize, to: usize) -> &[Token<'a>] {
        let lo = self.words.partition_point(|t| t.start < from);
        let hi = self.words.partition_point(|t| t.end <= to);
        self.words.get(lo..hi).unwrap_or(&[])
    }
}

/// Punctuation that closes a clause for the purpose of finding a speaker: a subject never reaches
/// back across it.
pub(crate) fn is_hard_boundary(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '؟' | ':' | '؛' | ';' | '*' | '\n' | '•' => true,
        '.' => !is_decimal_point(text, i),
        _ => false,
    }
}

/// A sentence end for indirect statements: `.`, `!`, `?`, `؟` (a decimal point is not one).
pub(crate) fn is_sentence_end(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '؟' | '\n' => true,
        '.' => !is_decimal_point(text, i),
        _ => false,
    }
}

fn is_decimal_point(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text.get(i + 1..).and_then(|s| s.chars().next());
    matches!((before, after), (Some(b), Some(a)) if b.is_numeric() && a.is_numeric())
}

/// Byte offset just after the last hard boundary in `text[floor..pos]` (or `floor`).
pub(crate) fn clause_floor(text: &str, floor: usize, pos: usize) -> usize {
    let Some(slice) = text.get(floor..pos) else {
        return floor;
    };
    slice
        .char_indices()
        .rev()
        .find(|&(i, c)| is_hard_boundary(text, floor + i, c))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// Byte offset of the end of the sentence that contains `pos` (the terminator excluded), or the
/// end of the text.
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    let Some(slice) = text.get(pos..) else {
        return text.len();
    };
    slice
        .char_indices()
        .find(|&(i, c)| is_sentence_end(text, pos + i, c))
        .map_or(text.len(), |(i, _)| pos + i)
}

/// `(start, end)` of `text[start..end]` with surrounding whitespace and the given punctuation
/// removed from both ends.
pub(crate) fn trim_span(text: &str, start: usize, end: usize, punct: &[char]) -> (usize, usize) {
    let Some(slice) = text.get(start..end) else {
        return (start, start);
    };
    let strip = |c: char| c.is_whitespace() || c == ZWNJ || punct.contains(&c);
    let lead = slice.len() - slice.trim_start_matches(strip).len();
    let trimmed = slice.trim_start_matches(strip).trim_end_matches(strip);
    (start + lead, start + lead + trimmed.len())
}

/// The text between two tokens' outer edges contains `c` (e.g. a comma between words).
pub(crate) fn gap_has(text: &str, from: usize, to: usize, c: char) -> bool {
    text.get(from..to).is_some_and(|g| g.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letter_variants_and_joints() {
        assert_eq!(fold("وي"), fold("وی"));
        assert_eq!(fold("خدائي"), fold("خدایی"));
        assert_eq!(fold("فلاح‌جلودار"), "فلاحجلودار");
        assert_eq!(fold("تأکید"), fold("تاكيد"));
    }

    #[test]
    fn tokens_carry_offsets() {
        let text = "وی گفت: «سلام»";
        let t = tokens(text, 0, text.len());
        assert_eq!(t.len(), 3);
        assert_eq!(&text[t[1].start..t[1].end], "گفت");
    }

    #[test]
    fn decimal_point_is_not_a_sentence_end() {
        let text = "رشد 2.5 درصد بود. بعد";
        let end = sentence_end(text, 0);
        assert_eq!(&text[..end], "رشد 2.5 درصد بود");
    }

    #[test]
    fn clause_floor_stops_at_colon() {
        let text = "مهر نوشت: وی افزود";
        let f = clause_floor(text, 0, text.len());
        assert_eq!(&text[f..], " وی افزود");
    }

    #[test]
    fn trims_spaces_and_commas() {
        let text = " ، متن ، ";
        let (s, e) = trim_span(text, 0, text.len(), &['،']);
        assert_eq!(&text[s..e], "متن");
    }
}
