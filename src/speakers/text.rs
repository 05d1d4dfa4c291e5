//! Text helpers shared by the extractor: folding for comparisons, word tokens with byte offsets,
//! and the punctuation that bounds sentences and clauses.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Zero-width non-joiner: Persian's in-word joint.
pub(crate) const ZWNJ: char = '\u{200c}';

/// Folds a word for comparison: Arabic letter variants to Persian, ZWNJ, tatweel and diacritics
/// removed. Spelling habits (`وي`/`وی`, `خدائي`/`خدایی`, `فلاح‌جلودار`/`فلاحجلودار`) compare equal.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    out.extend(word.chars().filter_map(fold_char));
    out
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

/// What [`tokens`] needs to know of a char: whether it is a word char, and whether folding
/// keeps it as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharInfo {
    word: bool,
    folds_to_itself: bool,
}

impl CharInfo {
    fn of(c: char) -> Self {
        CharInfo {
            word: is_word_char(c),
            folds_to_itself: fold_char(c) == Some(c),
        }
    }
}

/// [`CharInfo`] of each char U+0600..=U+06FF, by its low eight bits.
static ARABIC_BLOCK_INFO: LazyLock<[CharInfo; 256]> = LazyLock::new(|| {
    std::array::from_fn(|low| {
        char::from_u32(0x0600 + low as u32).map_or(
            CharInfo {
                word: false,
                folds_to_itself: false,
            },
            CharInfo::of,
        )
    })
});

/// The words of `text[from..to]` with absolute byte offsets. Reads ASCII and the two-byte Arabic
/// block from their bytes through tables, decoding only other chars; a word's key is folded only
/// when one of its chars changes.
pub(crate) fn tokens(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let Some(slice) = text.get(from..to) else {
        return out;
    };
    let bytes = slice.as_bytes();
    let mut start: Option<usize> = None;
    let mut needs_fold = false;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (info, width) = match (lead, bytes.get(at + 1)) {
            (0..=0x7f, _) => (
                CharInfo {
                    word: lead.is_ascii_alphanumeric(),
                    folds_to_itself: !lead.is_ascii_uppercase(),
                },
                1,
            ),
            // A valid `str`: a lead byte 0xD8..=0xDB starts a two-byte char of U+0600..=U+06FF.
            (0xd8..=0xdb, Some(&next)) => (
                ARABIC_BLOCK_INFO[(usize::from(lead & 0x03) << 6) | usize::from(next & 0x3f)],
                2,
            ),
            _ => match slice.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (CharInfo::of(c), c.len_utf8()),
                None => break,
            },
        };
        if info.word {
            if start.is_none() {
                start = Some(at);
                needs_fold = false;
            }
            needs_fold |= !info.folds_to_itself;
        } else if let Some(s) = start.take() {
            push_token(&mut out, slice, from, (s, at), needs_fold);
        }
        at += width;
    }
    if let Some(s) = start {
        push_token(&mut out, slice, from, (s, slice.len()), needs_fold);
    }
    out
}

fn push_token<'a>(
    out: &mut Vec<Token<'a>>,
    slice: &'a str,
    base: usize,
    (s, e): (usize, usize),
    needs_fold: bool,
) {
    let word = slice.get(s..e).unwrap_or("");
    let key = if needs_fold {
        Cow::Owned(fold(word))
    } else {
        Cow::Borrowed(word)
    };
    // A word that only holds joiners (a stray ZWNJ) is no word.
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
///
/// Looks for the terminators' bytes with memchr (a SIMD scan) instead of decoding every char:
/// the ASCII ones are whole chars, and `؟` (U+061F) is the only terminator ending in 0x9F, which
/// is a `؟` exactly when the byte before is 0xD8 (a lead byte, so the pair is that char).
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    let Some(slice) = text.get(pos..) else {
        return text.len();
    };
    let bytes = slice.as_bytes();
    let search = |from: usize, find: fn(&[u8]) -> Option<usize>| {
        bytes.get(from..).and_then(find).map(|at| from + at)
    };
    let find_ascii = |rest: &[u8]| memchr::memchr3(b'.', b'!', b'?', rest);
    let find_other = |rest: &[u8]| memchr::memchr2(b'\n', 0x9f, rest);
    // The next hit of each search, searched again only once passed: a decimal point or a
    // stray 0x9F then costs one search, not two.
    let mut next_ascii = search(0, find_ascii);
    let mut next_other = search(0, find_other);
    while let Some(i) = next_ascii.into_iter().chain(next_other).min() {
        let end = match bytes[i] {
            b'.' => (!is_decimal_point(text, pos + i)).then_some(i),
            0x9f => (i > 0 && bytes[i - 1] == 0xd8).then(|| i - 1),
            _ => Some(i),
        };
        if let Some(end) = end {
            return pos + end;
        }
        if next_ascii == Some(i) {
            next_ascii = search(i + 1, find_ascii);
        } else {
            next_other = search(i + 1, find_other);
        }
    }
    text.len()
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

    /// [`fold`], borrowing the word when folding leaves it as it is.
    fn fold_key(word: &str) -> Cow<'_, str> {
        if word.chars().all(|c| fold_char(c) == Some(c)) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(fold(word))
        }
    }

    /// What `tokens` did before its byte-level fast path.
    fn tokens_by_chars(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut push = |s: usize, e: usize| {
            let key = fold_key(&text[s..e]);
            if !key.is_empty() {
                out.push(Token {
                    start: s,
                    end: e,
                    key,
                });
            }
        };
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                push(s, i);
            }
        }
        if let Some(s) = start {
            push(s, text.len());
        }
        out
    }

    #[test]
    fn byte_level_tokens_match_char_level_ones() {
        let texts = [
            "وی گفت: «سلام»",
            "رئيس‌جمهور PACS، ۱۴۰۲ و مُحَمَّد‌ها",
            "\u{200c} ‌ ـــ x\u{200d}y Ünïcode 😀 ك",
            "",
        ];
        for text in texts {
            assert_eq!(tokens(text, 0, text.len()), tokens_by_chars(text), "{text}");
        }
        let every: String = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'ب'])
            .collect();
        assert_eq!(tokens(&every, 0, every.len()), tokens_by_chars(&every));
        // Offsets stay absolute for a slice.
        let text = "الف ب ج";
        let t = tokens(text, 4, text.len());
        assert_eq!(t[0].start, 4);
    }

    #[test]
    fn sentence_ends_are_found_as_by_chars() {
        fn by_chars(text: &str, pos: usize) -> usize {
            let Some(slice) = text.get(pos..) else {
                return text.len();
            };
            slice
                .char_indices()
                .find(|&(i, c)| is_sentence_end(text, pos + i, c))
                .map_or(text.len(), |(i, _)| pos + i)
        }
        let every: String = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|c| !matches!(c, '.' | '!' | '?' | '\n' | '؟'))
            .collect();
        let texts = [
            "وی گفت؟ بله. رشد 2.5 درصد! آری?\nپایان",
            "ٟ ڟ ۟ ‟ 1.2.3 ؟",
            ".",
            "",
        ];
        for text in texts {
            for pos in 0..=text.len() {
                assert_eq!(
                    sentence_end(text, pos),
                    by_chars(text, pos),
                    "{pos} in {text}"
                );
            }
        }
        // Every other char between two terminators: none of them ends the sentence.
        let long = format!("a.{every}؟ x");
        for pos in [0, 2, long.len() - 4] {
            assert_eq!(sentence_end(&long, pos), by_chars(&long, pos), "{pos}");
        }
        assert_eq!(sentence_end(&long, 2), 2 + every.len());
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
