//! The Persian tokenizer registered with tantivy: words, ZWNJ and detached affixes, folding and
//! stemming in one pass, with offsets into the original text so snippets highlight what was stored.
//!
//! Tantivy has no character filters, so folding happens per token and the token keeps the byte span
//! it came from. A word's parts are the pieces between ZWNJs (`برنامه‌ها`); a detached affix
//! written after a space (`برنامه ها`, `می شود`) joins its word as one more part. The key is built from
//! the parts: clitics that follow a visible joint are dropped, everything else is glued and stemmed,
//! so the ZWNJ, spaced and glued spellings reach the same term.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::{ZWNJ, fold_word, is_arabic_script, is_word_char};
use super::stem::stem;

/// The name the analyzer is registered under in every goftar index.
pub const ANALYZER_NAME: &str = "goftar_fa";

/// Affixes that Persian writers also type after a space; they join the previous word.
const DETACHED_SUFFIXES: [&str; 18] = [
    "ها",
    "های",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "هایمان",
    "هایتان",
    "هایشان",
    "ای",
    "ی",
    "تر",
    "ترین",
    "اند",
    "ام",
    "ایم",
    "اید",
    "اش",
];

/// Verb prefixes typed detached (`می شود`); they join the next word.
const DETACHED_PREFIXES: [&str; 2] = ["می", "نمی"];

/// Suffixes that stay glued to the word before them when written after a ZWNJ.
const GLUED_SUFFIXES: [&str; 7] = ["تر", "ترین", "اند", "ام", "ایم", "اید", "ای"];

/// Clitics that carry no search meaning once a ZWNJ or space shows where the word ends.
const DROPPED_CLITICS: [&str; 16] = [
    "ها",
    "های",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "هایمان",
    "هایتان",
    "هایشان",
    "ای",
    "ی",
    "اش",
    "ام",
    "مان",
    "تان",
    "شان",
];

/// Longest key indexed; longer "words" are noise (URLs, base64) and would bloat the term dictionary.
const MAX_KEY_BYTES: usize = 120;

/// The goftar Persian analyzer as a tantivy tokenizer.
#[derive(Clone, Default)]
pub struct PersianTokenizer {
    tokens: Vec<Token>,
    /// Index side: a compound also yields its glued spelling (see [`word_terms`]).
    glued_compounds: bool,
}

impl PersianTokenizer {
    /// The analyzer documents are indexed with: compounds also indexed glued.
    pub fn for_index() -> Self {
        PersianTokenizer {
            tokens: Vec::new(),
            glued_compounds: true,
        }
    }
}

impl Tokenizer for PersianTokenizer {
    type TokenStream<'a> = PersianTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PersianTokenStream<'a> {
        self.tokens.clear();
        analyze_into(text, &mut self.tokens, self.glued_compounds);
        PersianTokenStream {
            tokens: &mut self.tokens,
            next: 0,
            before_first: Token::default(),
        }
    }
}

/// The tokens of one text, already computed.
pub struct PersianTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
    /// What `token()` shows before the first `advance()`, so no call can index out of bounds.
    before_first: Token,
}

impl TokenStream for PersianTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1) {
            Some(i) => &self.tokens[i],
            None => &self.before_first,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.before_first,
        }
    }
}

/// Analyzes query text into search terms (one term per position; the index also holds the glued
/// spelling of compounds, which a query needs only when typed glued).
pub fn analyze(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    analyze_into(text, &mut tokens, false);
    tokens
}

/// Only the term texts of [`analyze`].
pub fn terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

/// A word as written: its byte span and the spans of its parts (split at ZWNJ or a detached affix).
#[derive(Debug)]
struct Word {
    parts: Vec<(usize, usize)>,
}

impl Word {
    fn start(&self) -> usize {
        self.parts.first().map_or(0, |p| p.0)
    }
    fn end(&self) -> usize {
        self.parts.last().map_or(0, |p| p.1)
    }
}

fn analyze_into(text: &str, out: &mut Vec<Token>, glued_compounds: bool) {
    let words = join_detached_affixes(text, split_words(text));
    let mut position = 0;
    for word in words {
        let (terms, glued) = word_terms(text, &word);
        let first_position = position;
        for (span, key) in terms {
            if key.is_empty() || key.len() > MAX_KEY_BYTES {
                continue;
            }
            out.push(Token {
                offset_from: span.0,
                offset_to: span.1,
                position,
                text: key,
                position_length: 1,
            });
            position += 1;
        }
        if glued_compounds
            && let Some((span, key)) = glued
            && !key.is_empty()
            && key.len() <= MAX_KEY_BYTES
            && position > first_position + 1
        {
            out.push(Token {
                offset_from: span.0,
                offset_to: span.1,
                position: first_position,
                text: key,
                position_length: position - first_position,
            });
        }
    }
}

/// Maximal runs of word characters; a ZWNJ (or ZWJ) between two of them splits parts, not words.
fn split_words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut part_start: Option<usize> = None;
    let mut pending_joint = false;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            match part_start {
                Some(_) => {}
                None => {
                    part_start = Some(i);
                    if !pending_joint {
                        words.push(Word { parts: Vec::new() });
                    }
                }
            }
            pending_joint = false;
        } else {
            if let Some(start) = part_start.take()
                && let Some(word) = words.last_mut()
            {
                word.parts.push((start, i));
                pending_joint = c == ZWNJ || c == '\u{200d}';
                continue;
            }
            // Two joiners in a row still join; anything else ends the word.
            pending_joint = pending_joint && (c == ZWNJ || c == '\u{200d}');
        }
    }
    if let Some(start) = part_start
        && let Some(word) = words.last_mut()
    {
        word.parts.push((start, text.len()));
    }
    words.retain(|w| !w.parts.is_empty());
    words
}

/// Joins `برنامه ها` and `می شود` into one word each, when only spaces separate the pieces.
fn join_detached_affixes(text: &str, words: Vec<Word>) -> Vec<Word> {
    let mut joined: Vec<Word> = Vec::with_capacity(words.len());
    let mut join_next = false;
    for word in words {
        let Some(prev) = joined.last_mut() else {
            join_next = is_detached_prefix(text, &word);
            joined.push(word);
            continue;
        };
        let gap_is_space = text
            .get(prev.end()..word.start())
            .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}' || c == ZWNJ));
        let single = word.parts.len() == 1;
        let attach_suffix = gap_is_space
            && single
            && ends_in_arabic_script(text, prev)
            && is_detached_suffix(text, prev, &word);
        let attach_to_prefix = gap_is_space && join_next && starts_in_arabic_script(text, &word);
        if attach_suffix || attach_to_prefix {
            prev.parts.extend(word.parts);
            join_next = false;
        } else {
            join_next = is_detached_prefix(text, &word);
            joined.push(word);
        }
    }
    joined
}

fn part_text(text: &str, part: (usize, usize)) -> &str {
    text.get(part.0..part.1).unwrap_or("")
}

fn is_detached_prefix(text: &str, word: &Word) -> bool {
    word.parts.len() == 1 && {
        let key = fold_word(part_text(text, word.parts[0]));
        DETACHED_PREFIXES.contains(&key.as_str())
    }
}

fn is_detached_suffix(text: &str, prev: &Word, word: &Word) -> bool {
    let key = fold_word(part_text(text, word.parts[0]));
    if !DETACHED_SUFFIXES.contains(&key.as_str()) {
        return false;
    }
    // A lone `ی` is an ezafe only after a vowel-final word (`خانه ی`).
    key != "ی"
        || text
            .get(..prev.end())
            .and_then(|t| t.chars().last())
            .is_some_and(|c| matches!(c, 'ه' | 'ا' | 'و'))
}

fn ends_in_arabic_script(text: &str, word: &Word) -> bool {
    text.get(..word.end())
        .and_then(|t| t.chars().last())
        .is_some_and(is_arabic_script)
}

fn starts_in_arabic_script(text: &str, word: &Word) -> bool {
    text.get(word.start()..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_arabic_script)
}

/// The search terms of one word with the byte span each covers.
///
/// Trailing clitics after a visible joint are dropped (their span stays with the word, so a snippet
/// highlights `برنامه‌ها` whole). Parts that are affixes (`می‌`, `‌تر`, `‌اند`) are glued to their
/// neighbour; the parts of a compound (`رئیس‌جمهور`, `بین‌المللی`) become separate terms, exactly as
/// if a space had been typed, since writers use the ZWNJ and the space interchangeably there.
///
/// The second value is the whole compound glued (`رئیسجمهور`), for the index: a query typed glued
/// then still finds the ZWNJ spelling.
#[allow(clippy::type_complexity)]
fn word_terms(
    text: &str,
    word: &Word,
) -> (
    Vec<((usize, usize), String)>,
    Option<((usize, usize), String)>,
) {
    let mut parts: Vec<((usize, usize), String)> = word
        .parts
        .iter()
        .map(|&p| (p, fold_word(part_text(text, p))))
        .collect();
    let mut dropped_end = None;
    while parts.len() > 1
        && parts
            .last()
            .is_some_and(|(_, p)| DROPPED_CLITICS.contains(&p.as_str()))
    {
        if let Some(((_, end), _)) = parts.pop() {
            dropped_end.get_or_insert(end);
        }
    }
    let mut groups: Vec<((usize, usize), String)> = Vec::with_capacity(parts.len());
    let mut glue_next = false;
    for (span, key) in parts {
        let glue = glue_next || GLUED_SUFFIXES.contains(&key.as_str());
        glue_next = DETACHED_PREFIXES.contains(&key.as_str());
        match groups.last_mut() {
            Some((group_span, group_key)) if glue => {
                group_span.1 = span.1;
                group_key.push_str(&key);
            }
            _ => groups.push((span, key)),
        }
    }
    let last = groups.len().saturating_sub(1);
    let glued = (groups.len() > 1).then(|| {
        let span = (groups[0].0.0, dropped_end.unwrap_or(groups[last].0.1));
        let whole: String = groups.iter().map(|(_, k)| k.as_str()).collect();
        let key = if dropped_end.is_some() {
            whole
        } else {
            stem(&whole).to_string()
        };
        (span, key)
    });
    let terms = groups
        .into_iter()
        .enumerate()
        .map(|(i, (mut span, key))| {
            let stemmed = stem(&key);
            let key = if i == last
                && let Some(end) = dropped_end
            {
                span.1 = end;
                // The joint already showed the word's end; a second strip would over-stem.
                key
            } else {
                stemmed.to_string()
            };
            (span, key)
        })
        .collect();
    (terms, glued)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        terms(text)
    }

    #[test]
    fn zwnj_spaced_and_glued_plurals_meet() {
        let expected = vec!["برنامه".to_string()];
        assert_eq!(keys("برنامه‌ها"), expected);
        assert_eq!(keys("برنامه ها"), expected);
        assert_eq!(keys("برنامهها"), expected);
        assert_eq!(keys("برنامه‌هاي"), expected);
        assert_eq!(keys("نهنگ‌ها"), keys("نهنگ"));
        assert_eq!(keys("گزارشات"), keys("گزارش"));
        assert_eq!(keys("خانه‌ای"), keys("خانه"));
    }

    #[test]
    fn compounds_split_like_their_spaced_spelling() {
        assert_eq!(keys("رئیس‌جمهور"), keys("رئیس جمهور"));
        assert_eq!(keys("بین‌المللی"), ["بین", "المللی"]);
        assert_eq!(keys("بزرگ‌ترین"), keys("بزرگترین"));
        assert_eq!(keys("گفته‌اند"), keys("گفته اند"));
        assert_eq!(keys("محله‌محور‌ها"), ["محله", "محور"]);
    }

    #[test]
    fn the_index_also_holds_glued_compounds() {
        let mut tokenizer = PersianTokenizer::for_index();
        let mut stream = tokenizer.token_stream("رئیس‌جمهور گفت");
        let mut indexed = Vec::new();
        while let Some(t) = stream.next() {
            indexed.push((t.text.clone(), t.position));
        }
        let expected = [("رییس", 0), ("جمهور", 1), ("رییسجمهور", 0), ("گفت", 2)];
        let expected: Vec<(String, usize)> =
            expected.iter().map(|(k, p)| (fold_word(k), *p)).collect();
        assert_eq!(indexed, expected);
    }

    #[test]
    fn verb_prefix_joins_in_every_spelling() {
        assert_eq!(keys("می شود"), keys("می‌شود"));
        assert_eq!(keys("میشود"), keys("می‌شود"));
        assert_eq!(keys("نمی توان"), keys("نمی‌توان"));
    }

    #[test]
    fn letter_variants_and_digits_meet() {
        assert_eq!(keys("كتاب‌هاي"), keys("کتاب"));
        assert_eq!(keys("سال ۱۴۰۲"), keys("سال 1402"));
        assert_eq!(keys("رييس"), keys("رییس"));
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "وزیر گفت: برنامه ها و نهنگ‌های خلیج فارس";
        for token in analyze(text) {
            let span = &text[token.offset_from..token.offset_to];
            assert!(!span.is_empty());
            assert_eq!(terms(span), vec![token.text.clone()], "span {span}");
        }
        let spans: Vec<&str> = analyze(text)
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(
            spans,
            ["وزیر", "گفت", "برنامه ها", "و", "نهنگ‌های", "خلیج", "فارس"]
        );
    }

    #[test]
    fn positions_count_words() {
        let positions: Vec<usize> = analyze("الف ب‌ها ج").iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "‌",
            "‌‌ها",
            "ـــ",
            " ها",
            "می",
            "a\u{200c}b",
            "۱۲‌۳",
            "\u{64b}",
        ] {
            let _ = analyze(text);
        }
    }
}
