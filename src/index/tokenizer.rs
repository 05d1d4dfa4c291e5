//! The Persian tokenizer registered with tantivy: words, ZWNJ and detached affixes, folding and
//! stemming in one pass, with offsets into the original text so snippets highlight what was stored.
//!
//! Tantivy has no character filters, so folding happens per token and the token keeps the byte span
//! it came from. A word's parts are the pieces between ZWNJs (`برنامه‌ها`); a detached affix
//! written after a space (`برنامه ها`, `می شود`) joins its word as one more part. The key is built from
//! the parts: clitics that follow a visible joint are dropped, everything else is glued and stemmed,
//! so the ZWNJ, spaced and glued spellings reach the same term.

use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::fold::{ZWNJ, fold_word_into, is_arabic_script, is_word_char};
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
    /// Buffers reused from text to text, so indexing allocates per text only when one outgrows them.
    scratch: Scratch,
    /// Index side: a compound also yields its glued spelling (see [`Scratch::emit_word`]).
    glued_compounds: bool,
}

impl PersianTokenizer {
    /// The analyzer documents are indexed with: compounds also indexed glued.
    pub fn for_index() -> Self {
        PersianTokenizer {
            glued_compounds: true,
            ..PersianTokenizer::default()
        }
    }
}

impl Tokenizer for PersianTokenizer {
    type TokenStream<'a> = PersianTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PersianTokenStream<'a> {
        let count = self
            .scratch
            .analyze(text, &mut self.tokens, self.glued_compounds);
        PersianTokenStream {
            tokens: &mut self.tokens[..count],
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
    let count = Scratch::default().analyze(text, &mut tokens, false);
    tokens.truncate(count);
    tokens
}

/// Only the term texts of [`analyze`].
pub fn terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

type Span = (usize, usize);

/// One piece of a word as written, between ZWNJs or a detached affix.
#[derive(Clone, Copy, Debug)]
struct Part {
    /// Byte span in the analyzed text.
    span: Span,
    /// Byte range of the part's folded key in [`Scratch::keys`]. A word's parts are folded in order
    /// into one buffer, so consecutive parts' keys are adjacent and a run of them glued is a slice.
    key: Span,
}

/// A word: the range of its parts in [`Scratch::parts`].
type Word = (usize, usize);

/// The per-text working state of the analyzer.
///
/// Each part is folded (and its groups stemmed) afresh in every text. Remembering parts already
/// seen (a hash map over the vocabulary, or a 512 KiB direct-mapped cache) cut the analyzer's
/// instructions by a quarter but not its time: on 100 MB of news the lookups spent most of theirs
/// waiting on memory, as tantivy's term table keeps churning the CPU cache.
#[derive(Clone, Default)]
struct Scratch {
    parts: Vec<Part>,
    words: Vec<Word>,
    keys: String,
    /// Groups of one word (parts glued by affixes), as ranges of its parts.
    groups: Vec<(usize, usize)>,
}

impl Scratch {
    /// Writes the tokens of `text` to the front of `out`, reusing the tokens (and their text
    /// buffers) already there, and returns how many it wrote; the rest of `out` is stale.
    fn analyze(&mut self, text: &str, out: &mut Vec<Token>, glued_compounds: bool) -> usize {
        self.split_words(text);
        self.fold_parts(text);
        self.join_detached_affixes(text);
        let mut sink = TokenSink { out, len: 0 };
        let mut position = 0;
        for w in 0..self.words.len() {
            let word = self.words[w];
            self.emit_word(word, &mut position, &mut sink, glued_compounds);
        }
        sink.len
    }

    /// Maximal runs of word characters; a ZWNJ (or ZWJ) between two of them splits parts, not words.
    fn split_words(&mut self, text: &str) {
        self.parts.clear();
        self.words.clear();
        let mut part_start: Option<usize> = None;
        let mut pending_joint = false;
        for (i, class) in char_classes(text) {
            if class == CharClass::Word {
                if part_start.is_none() {
                    part_start = Some(i);
                    if !pending_joint {
                        self.words.push((self.parts.len(), self.parts.len()));
                    }
                }
                pending_joint = false;
            } else {
                if let Some(start) = part_start.take() {
                    self.push_part((start, i));
                    pending_joint = class == CharClass::Joiner;
                    continue;
                }
                // Two joiners in a row still join; anything else ends the word.
                pending_joint = pending_joint && class == CharClass::Joiner;
            }
        }
        if let Some(start) = part_start {
            self.push_part((start, text.len()));
        }
    }

    /// Adds a part to the last word (there always is one once a part has started).
    fn push_part(&mut self, span: Span) {
        if let Some(word) = self.words.last_mut() {
            self.parts.push(Part { span, key: (0, 0) });
            word.1 = self.parts.len();
        }
    }

    /// Folds every part once, in order, into `keys`.
    fn fold_parts(&mut self, text: &str) {
        self.keys.clear();
        for part in &mut self.parts {
            let start = self.keys.len();
            fold_word_into(span_text(text, part.span), &mut self.keys);
            part.key = (start, self.keys.len());
        }
    }

    fn key(&self, part: usize) -> &str {
        let (start, end) = self.parts[part].key;
        self.keys.get(start..end).unwrap_or("")
    }

    /// The glued keys of parts `first..last` (inclusive), adjacent in `keys`.
    fn key_run(&self, first: usize, last: usize) -> &str {
        let (start, end) = (self.parts[first].key.0, self.parts[last].key.1);
        self.keys.get(start..end).unwrap_or("")
    }

    fn word_start(&self, word: Word) -> usize {
        self.parts[word.0].span.0
    }

    fn word_end(&self, word: Word) -> usize {
        self.parts[word.1 - 1].span.1
    }

    /// Joins `برنامه ها` and `می شود` into one word each, when only spaces separate the pieces.
    fn join_detached_affixes(&mut self, text: &str) {
        let mut joined = 0;
        let mut join_next = false;
        for w in 0..self.words.len() {
            let word = self.words[w];
            if joined == 0 {
                join_next = self.is_detached_prefix(word);
                self.words[0] = word;
                joined = 1;
                continue;
            }
            let prev = self.words[joined - 1];
            let gap_is_space = text
                .get(self.word_end(prev)..self.word_start(word))
                .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\u{a0}' || c == ZWNJ));
            let single = word.1 - word.0 == 1;
            let attach_suffix = gap_is_space
                && single
                && self.ends_in_arabic_script(text, prev)
                && self.is_detached_suffix(text, prev, word);
            let attach_to_prefix =
                gap_is_space && join_next && self.starts_in_arabic_script(text, word);
            if attach_suffix || attach_to_prefix {
                // Words are in text order, so the parts of `prev` and `word` are adjacent.
                self.words[joined - 1].1 = word.1;
                join_next = false;
            } else {
                join_next = self.is_detached_prefix(word);
                self.words[joined] = word;
                joined += 1;
            }
        }
        self.words.truncate(joined);
    }

    fn is_detached_prefix(&self, word: Word) -> bool {
        word.1 - word.0 == 1 && DETACHED_PREFIXES.contains(&self.key(word.0))
    }

    fn is_detached_suffix(&self, text: &str, prev: Word, word: Word) -> bool {
        let key = self.key(word.0);
        if !DETACHED_SUFFIXES.contains(&key) {
            return false;
        }
        // A lone `ی` is an ezafe only after a vowel-final word (`خانه ی`).
        key != "ی"
            || text
                .get(..self.word_end(prev))
                .and_then(|t| t.chars().next_back())
                .is_some_and(|c| matches!(c, 'ه' | 'ا' | 'و'))
    }

    fn ends_in_arabic_script(&self, text: &str, word: Word) -> bool {
        text.get(..self.word_end(word))
            .and_then(|t| t.chars().next_back())
            .is_some_and(is_arabic_script)
    }

    fn starts_in_arabic_script(&self, text: &str, word: Word) -> bool {
        text.get(self.word_start(word)..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_arabic_script)
    }

    /// Emits the search terms of one word, each with the byte span it covers.
    ///
    /// Trailing clitics after a visible joint are dropped (their span stays with the word, so a
    /// snippet highlights `برنامه‌ها` whole). Parts that are affixes (`می‌`, `‌تر`, `‌اند`) are glued
    /// to their neighbour; the parts of a compound (`رئیس‌جمهور`, `بین‌المللی`) become separate
    /// terms, exactly as if a space had been typed, since writers use the ZWNJ and the space
    /// interchangeably there.
    ///
    /// With `glued_compounds`, the whole compound glued (`رئیسجمهور`) follows, spanning all its
    /// positions: a query typed glued then still finds the ZWNJ spelling.
    fn emit_word(
        &mut self,
        (first, mut end): Word,
        position: &mut usize,
        sink: &mut TokenSink<'_>,
        glued_compounds: bool,
    ) {
        let mut dropped_end = None;
        while end - first > 1 && DROPPED_CLITICS.contains(&self.key(end - 1)) {
            end -= 1;
            dropped_end.get_or_insert(self.parts[end].span.1);
        }
        self.groups.clear();
        let mut glue_next = false;
        for p in first..end {
            let key = self.key(p);
            let glue = glue_next || GLUED_SUFFIXES.contains(&key);
            glue_next = DETACHED_PREFIXES.contains(&key);
            match self.groups.last_mut() {
                Some(group) if glue => group.1 = p,
                _ => self.groups.push((p, p)),
            }
        }
        let last = self.groups.len().saturating_sub(1);
        let first_position = *position;
        for (i, &(from, to)) in self.groups.iter().enumerate() {
            let key = self.key_run(from, to);
            let mut span = (self.parts[from].span.0, self.parts[to].span.1);
            let key = if i == last
                && let Some(end) = dropped_end
            {
                span.1 = end;
                // The joint already showed the word's end; a second strip would over-stem.
                key
            } else {
                stem(key)
            };
            if key.is_empty() || key.len() > MAX_KEY_BYTES {
                continue;
            }
            sink.push(span, *position, 1, key);
            *position += 1;
        }
        if glued_compounds && self.groups.len() > 1 && *position > first_position + 1 {
            let whole = self.key_run(first, end - 1);
            let key = if dropped_end.is_some() {
                whole
            } else {
                stem(whole)
            };
            if !key.is_empty() && key.len() <= MAX_KEY_BYTES {
                let span = (
                    self.parts[first].span.0,
                    dropped_end.unwrap_or(self.parts[end - 1].span.1),
                );
                sink.push(span, first_position, *position - first_position, key);
            }
        }
    }
}

/// What a char is to [`Scratch::split_words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// [`is_word_char`].
    Word,
    /// ZWNJ or ZWJ: joins the parts of a word.
    Joiner,
    Other,
}

impl CharClass {
    fn of(c: char) -> Self {
        if is_word_char(c) {
            CharClass::Word
        } else if c == ZWNJ || c == '\u{200d}' {
            CharClass::Joiner
        } else {
            CharClass::Other
        }
    }
}

/// [`CharClass`] of each char U+0600..=U+06FF, by its low eight bits.
static ARABIC_BLOCK_CLASSES: LazyLock<[CharClass; 256]> = LazyLock::new(|| {
    std::array::from_fn(|low| {
        char::from_u32(0x0600 + low as u32).map_or(CharClass::Other, CharClass::of)
    })
});

/// Each char's byte offset and class. Reads ASCII and the two-byte Arabic block (nearly all of
/// Persian news) from their bytes, decoding only the other chars.
fn char_classes(text: &str) -> impl Iterator<Item = (usize, CharClass)> + '_ {
    let bytes = text.as_bytes();
    // Once per text: each `LazyLock` access checks its initialization.
    let arabic_block_classes = &*ARABIC_BLOCK_CLASSES;
    let mut at = 0;
    std::iter::from_fn(move || {
        let &lead = bytes.get(at)?;
        let start = at;
        let class = match (lead, bytes.get(at + 1)) {
            (0..=0x7f, _) => {
                at += 1;
                if lead.is_ascii_alphanumeric() {
                    CharClass::Word
                } else {
                    CharClass::Other
                }
            }
            // A valid `str`: a lead byte 0xD8..=0xDB starts a two-byte char of U+0600..=U+06FF.
            (0xd8..=0xdb, Some(&next)) => {
                at += 2;
                arabic_block_classes[(usize::from(lead & 0x03) << 6) | usize::from(next & 0x3f)]
            }
            _ => {
                let c = text.get(at..).and_then(|rest| rest.chars().next())?;
                at += c.len_utf8();
                CharClass::of(c)
            }
        };
        Some((start, class))
    })
}

/// Writes tokens over the front of a vector, reusing each token's text buffer.
struct TokenSink<'a> {
    out: &'a mut Vec<Token>,
    len: usize,
}

impl TokenSink<'_> {
    fn push(&mut self, span: Span, position: usize, position_length: usize, key: &str) {
        if self.len == self.out.len() {
            self.out.push(Token::default());
        }
        let token = &mut self.out[self.len];
        token.offset_from = span.0;
        token.offset_to = span.1;
        token.position = position;
        token.position_length = position_length;
        token.text.clear();
        token.text.push_str(key);
        self.len += 1;
    }
}

fn span_text(text: &str, span: Span) -> &str {
    text.get(span.0..span.1).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::fold::fold_word;

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

    fn indexed(tokenizer: &mut PersianTokenizer, text: &str) -> Vec<(String, usize, usize, Span)> {
        let mut stream = tokenizer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push((
                t.text.clone(),
                t.position,
                t.position_length,
                (t.offset_from, t.offset_to),
            ));
        }
        tokens
    }

    #[test]
    fn a_reused_tokenizer_matches_a_fresh_one() {
        let texts = [
            "رئیس‌جمهور گفت برنامه ها و نهنگ‌های خلیج فارس می شود",
            "سال ۱۴۰۲",
            "",
            "بین‌المللی COVID كتاب‌هاي",
        ];
        let mut reused = PersianTokenizer::for_index();
        for text in texts {
            let expected = indexed(&mut PersianTokenizer::for_index(), text);
            assert_eq!(indexed(&mut reused, text), expected, "{text}");
        }
    }

    #[test]
    fn char_classes_match_decoded_chars() {
        let text: String = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|c| *c != '\0')
            .collect();
        let expected: Vec<(usize, CharClass)> = text
            .char_indices()
            .map(|(i, c)| (i, CharClass::of(c)))
            .collect();
        assert_eq!(char_classes(&text).collect::<Vec<_>>(), expected);
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
