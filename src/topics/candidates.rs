//! Candidate phrases: word n-grams (1–4) inside runs of content words. Stopwords, verb forms,
//! function words, numbers and punctuation cut the runs; a phrase never starts with a bare
//! adjective. Occurrences of one phrase merge under its key (folded, plural/ezafe dropped), whatever
//! its ZWNJ/space spelling.

use super::boilerplate::holds_attribution_word;
use super::fold::{PLURALS, fold, fold_into, lemma_key_into};
use super::hashing::FxBuild;
use super::phrases::Phrases;
use super::running::key_hash;
use super::table::{Lexicon, flags};
use super::tokens::{TokenKind, is_one_whole_token, tokenize};
use super::word_memo::{WordClass, WordMemo};
use std::cell::RefCell;
use std::hash::BuildHasher;
use std::ops::Range;

/// Longest phrase considered, in words.
pub const MAX_WORDS: usize = 4;

/// One content word of a run.
#[derive(Debug, Clone)]
pub struct Word {
    /// Where its key is in [`Runs::keys`].
    key: (u32, u32),
    /// Byte range of the written word in its segment.
    span: (u32, u32),
    pub adjective_only: bool,
    /// Written with a plural ending (`برنامه‌ها`, `برنامه ها`) that its key dropped.
    pub plural: bool,
    /// Its key holds a word of attribution lines (see [`holds_attribution_word`]).
    pub attribution: bool,
}

/// What is known of one phrase in one text.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub words: usize,
    /// Occurrences.
    pub count: u32,
    /// Word ordinal of the first occurrence in the whole text.
    pub first_position: u32,
    /// Segment (0 = title when there is one) of the first occurrence.
    pub first_segment: u32,
    pub in_title: bool,
    /// A word of the phrase is a word of attribution lines (see [`holds_attribution_word`]).
    pub attribution: bool,
    /// Number of segments holding the phrase.
    pub segments: u32,
    /// Last segment seen (to count segments).
    last_segment: Option<u32>,
    /// Written forms seen, with counts, in first-seen order.
    pub surfaces: Surfaces,
}

/// The written forms of a phrase. Nearly every phrase has one, kept inline: a `Vec` per phrase
/// was one allocation per distinct n-gram.
#[derive(Debug, Clone, Default)]
pub struct Surfaces {
    first: Option<SurfaceRef>,
    more: Vec<SurfaceRef>,
}

impl Surfaces {
    /// All forms, in first-seen order.
    pub fn iter(&self) -> impl Iterator<Item = &SurfaceRef> {
        self.first.iter().chain(self.more.iter())
    }

    /// Counts one more occurrence of the form `surface` (matched by hash).
    fn add(&mut self, surface: SurfaceRef) {
        let Some(first) = &mut self.first else {
            self.first = Some(surface);
            return;
        };
        if first.hash == surface.hash {
            first.count += 1;
        } else if let Some(s) = self.more.iter_mut().find(|s| s.hash == surface.hash) {
            s.count += 1;
        } else {
            self.more.push(surface);
        }
    }
}

/// Where one written form of a phrase first appears, and how often it is written so. Only the
/// winning form is ever turned into a string, which keeps allocation off the hot path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurfaceRef {
    /// Hash of the written bytes (tells forms apart).
    pub hash: u64,
    pub segment: u32,
    pub start: u32,
    pub end: u32,
    pub count: u32,
    /// A word of this form carries a plural ending.
    pub plural: bool,
}

impl SurfaceRef {
    /// The phrase as written, from the segment texts the collector was given (indexed by
    /// segment); empty when the texts do not match.
    pub fn text(&self, segments: &[&str]) -> String {
        segments
            .get(self.segment as usize)
            .and_then(|t| t.get(self.start as usize..self.end as usize))
            .map(written_form)
            .unwrap_or_default()
    }
}

impl Candidate {
    /// The written form to show: editors write a topic in the singular (`دانشگاه`, not
    /// `دانشگاه‌ها`), so a singular form the text holds wins; among those, the most frequent, and
    /// the earliest on ties.
    pub fn best_surface(&self) -> Option<SurfaceRef> {
        let mut best: Option<SurfaceRef> = None;
        for s in self.surfaces.iter() {
            if best.is_none_or(|b| (!s.plural, s.count) > (!b.plural, b.count)) {
                best = Some(*s);
            }
        }
        best
    }
}

/// A phrase's proper written form: words separated by single spaces, glued endings joined to
/// their word with a ZWNJ (`برنامه ها` → `برنامه‌ها`).
pub fn written_form(span: &str) -> String {
    // Most shown phrases are one word, written as it stands: nothing to split or rejoin.
    if is_one_whole_token(span) {
        let mut out = span.to_string();
        drop_final_ezafe(&mut out);
        return out;
    }
    let mut out = String::with_capacity(span.len());
    for (i, token) in tokenize(span).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if token.glued {
            for (j, part) in token.surface.split_whitespace().enumerate() {
                if j > 0 {
                    out.push('\u{200c}');
                }
                out.push_str(part);
            }
        } else {
            out.push_str(token.surface);
        }
    }
    drop_final_ezafe(&mut out);
    out
}

/// Drops a phrase-final ezafe, which links to a word the phrase does not hold: a topic is
/// `کانال‌ها`, not `کانال‌های` (as cut from `کانال‌های متعارف`), nor `خانه‌ی`.
fn drop_final_ezafe(phrase: &mut String) {
    const ZWNJ_EZAFE: &str = "\u{200c}ی";
    let last_word = phrase.rsplit(' ').next().unwrap_or("");
    let letters = last_word.chars().count();
    if last_word.ends_with("\u{200c}های") || (letters >= 5 && last_word.ends_with("های")) {
        phrase.pop(); // the ezafe `ی`: `‌های` → `‌ها`
    } else if letters > 2 && last_word.ends_with(ZWNJ_EZAFE) {
        phrase.truncate(phrase.len() - ZWNJ_EZAFE.len());
    }
}

/// Nouns that measure or frame rather than name: quantities (`درصد`, `میلیارد ریالی`) and the
/// frozen adverbials `به عنوانِ`, `به مراتبِ`. A phrase through them (`عنوان مشاور`,
/// `درصد زرشک جهان`) is a fragment, so they cut runs like stopwords (folded spellings).
const FRAMING_NOUNS: [&str; 8] = [
    "عنوان",
    "مراتب",
    "درصد",
    "میلیارد",
    "میلیون",
    "هزار",
    "ریالی",
    "تومانی",
];

/// Nouns that work as prepositions or frozen adverbials (`مقابلِ`, `به دنبالِ`, `به خاطرِ`,
/// `بر اساسِ`, `برای دومین مرتبه`, `در جهتِ`) and that hazm's stopword list misses: a phrase
/// through them (`مقابل ونزوئلا`, `دنبال سانچو`) is a fragment of a clause.
const RELATIONAL_NOUNS: [&str; 6] = ["مقابل", "دنبال", "خاطر", "اساس", "مرتبه", "جهت"];

/// Number words that take the ordinal ending `مین` (`دومین`, `سومین`, `بیستمین`); `نخستین` and
/// `اولین` are stopwords already. `سی` is left out: `سیمین` is a name (`سی‌امین` the ordinal).
const ORDINAL_STEMS: [&str; 27] = [
    "یک",
    "دو",
    "سو",
    "چهار",
    "پنج",
    "شش",
    "هفت",
    "هشت",
    "نه",
    "ده",
    "یازده",
    "دوازده",
    "سیزده",
    "چهارده",
    "پانزده",
    "شانزده",
    "هفده",
    "هجده",
    "نوزده",
    "بیست",
    "چهل",
    "پنجاه",
    "شصت",
    "هفتاد",
    "هشتاد",
    "نود",
    "صد",
];

/// An ordinal written before its noun (`دومین دوره`): a count, never part of a name. The forms
/// after the noun (`دور دوم`, `هفته نخست`) stay: editors tag those.
fn is_prenominal_ordinal(folded: &str) -> bool {
    folded
        .strip_suffix("مین")
        .is_some_and(|stem| ORDINAL_STEMS.contains(&stem))
}

/// Whether a word cuts phrases, from its table entry and spelling.
fn is_boundary(folded: &str, surface: &str, entry_flags: u8) -> bool {
    if entry_flags & (flags::STOP | flags::VERB | flags::FUNCTION) != 0 {
        return true;
    }
    if FRAMING_NOUNS.contains(&folded)
        || RELATIONAL_NOUNS.contains(&folded)
        || is_prenominal_ordinal(folded)
    {
        return true;
    }
    // One char is at most four bytes: longer words skip the count.
    if folded.len() <= 4 && folded.chars().count() < 2 {
        return true;
    }
    // `می‌`/`نمی‌` + stem is a present or past continuous verb, whatever the stem.
    surface.starts_with("می\u{200c}") || surface.starts_with("نمی\u{200c}")
}

/// The runs of content words of one text segment, with all word keys in one buffer (a
/// `String` per word was two allocations per word). Owned (words are byte ranges of the
/// segment), so an article's runs can be kept for its statements (see [`Runs::words_within`]).
#[derive(Debug, Default)]
pub struct Runs {
    keys: String,
    words: Vec<Word>,
    /// End (index into `words`) of each run.
    ends: Vec<usize>,
    /// Every token of the segment, in order: where a slice of the segment may be cut.
    tokens: Vec<TokenSpan>,
}

/// Where one token (word or number, glued ending included) is in its segment.
#[derive(Debug, Clone, Copy)]
struct TokenSpan {
    start: u32,
    end: u32,
    /// The verb prefix `می`/`نمی` written apart, which takes the word after it out of the runs.
    prefix: bool,
}

impl Runs {
    /// The runs, each a slice of its words.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &[Word]> {
        self.iter_within(0..self.words.len())
    }

    /// The runs cut to the words `words` (indices into all the words), empty ones left out.
    fn iter_within(&self, words: Range<usize>) -> impl Iterator<Item = &[Word]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .filter_map(move |(start, end)| {
                let (start, end) = (start.max(words.start), end.min(words.end));
                self.words.get(start..end).filter(|run| !run.is_empty())
            })
    }

    /// A word's key (folded, plural ending dropped).
    pub fn key(&self, word: &Word) -> &str {
        self.keys
            .get(word.key.0 as usize..word.key.1 as usize)
            .unwrap_or("")
    }

    /// The words (indices into all the words) that the slice `window` of the segment has as its
    /// own runs, were it collected alone; `None` when collecting it alone could differ: the slice
    /// cuts through a token (a word, or a word and the detached ending glued to it), or it starts
    /// right after a verb prefix, which took its first word out of the segment's runs. Inside
    /// the slice the tokens, their classes and the cuts between them are the segment's: a token
    /// is made of its own characters and the punctuation and token before it.
    pub fn words_within(&self, window: Range<usize>) -> Option<Range<usize>> {
        let from = u32::try_from(window.start).ok()?;
        let to = u32::try_from(window.end).ok()?;
        let cut_through = |at: u32| {
            let next = self.tokens.partition_point(|t| t.end <= at);
            (self.tokens.get(next).is_some_and(|t| t.start < at), next)
        };
        let (start_cuts, first) = cut_through(from);
        let (end_cuts, _) = cut_through(to);
        let after_prefix = first
            .checked_sub(1)
            .and_then(|before| self.tokens.get(before))
            .is_some_and(|t| t.prefix);
        if start_cuts || end_cuts || after_prefix || from > to {
            return None;
        }
        Some(
            self.words.partition_point(|w| w.span.0 < from)
                ..self.words.partition_point(|w| w.span.1 <= to),
        )
    }

    fn end_run(&mut self) {
        if self.ends.last().copied().unwrap_or(0) < self.words.len() {
            self.ends.push(self.words.len());
        }
    }
}

/// What the written word `surface` is to the runs (`glued`: a detached ending glued on, see
/// [`Token`]); a content word's key is appended to `key`.
///
/// [`Token`]: super::tokens::Token
fn word_class<L: Lexicon + ?Sized>(
    surface: &str,
    glued: bool,
    lexicon: &L,
    key: &mut String,
    buffers: &mut (String, String),
) -> WordClass {
    let (folded_buffer, ending_buffer) = buffers;
    folded_buffer.clear();
    // Folding keeps about the length: one allocation rather than growing letter by letter.
    folded_buffer.reserve(surface.len());
    fold_into(surface, folded_buffer);
    let folded = folded_buffer.as_str();
    let entry = lexicon.word_entry(folded);
    if folded == "می" || folded == "نمی" {
        return WordClass::Prefix;
    }
    if is_boundary(folded, surface, entry.flags) {
        return WordClass::Boundary;
    }
    let start = key.len();
    let plural = if glued {
        // A detached ending glued back: the key is the word before it, unless the ending is
        // the adjective `ای`.
        let (stem, ending) = surface.rsplit_once(' ').unwrap_or((surface, ""));
        let ending = fold(ending);
        if ending == "ای" || ending == "تر" || ending == "ترین" {
            key.push_str(folded);
            false
        } else {
            fold_into(stem, key);
            PLURALS.contains(&ending.as_str())
        }
    } else {
        lemma_key_into(
            surface,
            folded,
            |w| lexicon.word_entry(w).has(flags::KNOWN),
            key,
            ending_buffer,
        );
        let key_len = key.len() - start;
        // The key is the folded word minus a plural ending (not an ezafe `ی`).
        key_len < folded.len() && PLURALS.iter().any(|p| key_len + p.len() == folded.len())
    };
    WordClass::Content {
        adjective_only: entry.has(flags::ADJECTIVE) && !entry.has(flags::NOUN),
        plural,
        attribution: holds_attribution_word(key.get(start..).unwrap_or("")),
    }
}

thread_local! {
    static WORD_MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

/// The runs of content words of one text segment, with its tokens' places when `with_tokens`
/// (for [`Runs::words_within`]).
pub fn runs<L: Lexicon + ?Sized>(text: &str, lexicon: &L, with_tokens: bool) -> Runs {
    // Sized for the text so the buffers do not grow step by step: keys are at most about as
    // long as the words they fold, and stopwords cut a run every few words.
    let mut runs = Runs {
        keys: String::with_capacity(text.len()),
        words: Vec::with_capacity(text.len() / BYTES_PER_WORD),
        ends: Vec::with_capacity(text.len() / (2 * BYTES_PER_WORD) + 1),
        tokens: Vec::with_capacity(if with_tokens {
            text.len() / BYTES_PER_WORD + 1
        } else {
            0
        }),
    };
    let memo_id = lexicon.memo_id();
    let tokens = tokenize(text);
    // Allocated on the first word the memo does not know (most texts of news have none).
    let mut buffers = (String::new(), String::new());
    WORD_MEMO.with_borrow_mut(|memo| {
        let mut after_prefix = false;
        for token in tokens {
            let start = offset(text, token.surface) as u32;
            let span = (start, start + token.surface.len() as u32);
            let mut cut = token.boundary_before || token.kind == TokenKind::Number;
            let mut word = None;
            if token.kind == TokenKind::Word {
                let key_start = runs.keys.len();
                let class = memo.class_of(memo_id, token.surface, &mut runs.keys, |key| {
                    word_class(token.surface, token.glued, lexicon, key, &mut buffers)
                });
                match class {
                    WordClass::Content {
                        adjective_only,
                        plural,
                        attribution,
                    } if !after_prefix => {
                        word = Some(Word {
                            key: (key_start as u32, runs.keys.len() as u32),
                            span,
                            adjective_only,
                            plural,
                            attribution,
                        });
                    }
                    _ => {
                        runs.keys.truncate(key_start);
                        cut = true;
                    }
                }
                after_prefix = class == WordClass::Prefix;
            } else {
                after_prefix = false;
            }
            if with_tokens {
                runs.tokens.push(TokenSpan {
                    start: span.0,
                    end: span.1,
                    prefix: after_prefix,
                });
            }
            if cut {
                runs.end_run();
            }
            if let Some(w) = word {
                runs.words.push(w);
            }
        }
    });
    runs.end_run();
    runs
}

/// Bytes per word of Persian news, about (to size buffers).
const BYTES_PER_WORD: usize = 10;

/// Persian news averages about ten bytes a word and a little over one distinct phrase per word.
const BYTES_PER_CANDIDATE: usize = 8;

/// Byte offset of `part` (a slice of `text`) in `text`.
fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// Collects candidate phrases of a sequence of segments into `out`.
#[derive(Debug, Default)]
pub struct Collector {
    pub candidates: Phrases,
    /// Word positions used so far (a text's length in words, plus one per run).
    pub position: u32,
    /// Segments added so far.
    pub segments: u32,
    /// Keep written forms (needed to output topics, not to count frequencies).
    pub keep_surfaces: bool,
    /// The runs of the segments added with [`Collector::add_keeping_runs`] (indexed by segment;
    /// `None` for the others), for [`Collector::add_slice`].
    segment_runs: Vec<Option<Runs>>,
    /// The n-gram key being built, kept so its buffer serves every segment of the text.
    key: String,
}

impl Collector {
    pub fn new(keep_surfaces: bool) -> Self {
        Collector {
            keep_surfaces,
            ..Collector::default()
        }
    }

    /// A collector sized for texts of `bytes` bytes in all, so its map does not grow step by
    /// step (rehashing every phrase each time).
    pub fn for_text_bytes(keep_surfaces: bool, bytes: usize) -> Self {
        Collector {
            candidates: Phrases::with_capacity(bytes / BYTES_PER_CANDIDATE),
            ..Collector::new(keep_surfaces)
        }
    }

    /// Adds one segment (`segment` 0 is the title when `is_title`).
    pub fn add<L: Lexicon + ?Sized>(
        &mut self,
        text: &str,
        segment: u32,
        is_title: bool,
        lexicon: &L,
    ) {
        let runs = runs(text, lexicon, false);
        self.add_runs(&runs, 0..runs.words.len(), text, 0, segment, is_title);
    }

    /// [`Collector::add`], keeping the segment's runs: slices of it are then collected from
    /// them (see [`Collector::add_slice`]).
    pub fn add_keeping_runs<L: Lexicon + ?Sized>(
        &mut self,
        text: &str,
        segment: u32,
        is_title: bool,
        lexicon: &L,
    ) {
        let runs = runs(text, lexicon, true);
        self.add_runs(&runs, 0..runs.words.len(), text, 0, segment, is_title);
        let at = segment as usize;
        if self.segment_runs.len() <= at {
            self.segment_runs.resize_with(at + 1, || None);
        }
        self.segment_runs[at] = Some(runs);
    }

    /// Adds `segment_text[window]` as segment `segment`, exactly as [`Collector::add`] would,
    /// from the runs `source` kept of `segment_text`, its segment `source_segment` (see
    /// [`Collector::add_keeping_runs`]): a statement is a slice of its paragraph, whose words the
    /// article's collection already found. False (nothing added) when the runs were not kept or
    /// the slice cannot be taken from them (see [`Runs::words_within`]); then `add` the slice.
    pub fn add_slice(
        &mut self,
        source: &Collector,
        source_segment: u32,
        segment_text: &str,
        window: Range<usize>,
        segment: u32,
    ) -> bool {
        let Some(Some(runs)) = source.segment_runs.get(source_segment as usize) else {
            return false;
        };
        let (Some(text), Some(words)) = (
            segment_text.get(window.clone()),
            runs.words_within(window.clone()),
        ) else {
            return false;
        };
        self.add_runs(runs, words, text, window.start as u32, segment, false);
        true
    }

    /// Adds the runs `runs` cut to the words `words`, whose written words are at their span less
    /// `base` in `text`.
    fn add_runs(
        &mut self,
        runs: &Runs,
        words: Range<usize>,
        text: &str,
        base: u32,
        segment: u32,
        is_title: bool,
    ) {
        let mut key = std::mem::take(&mut self.key);
        // Room for a four-word key of long words, so it does not grow step by step.
        key.reserve(128);
        self.segments += 1;
        for run in runs.iter_within(words) {
            for start in 0..run.len() {
                if run[start].adjective_only {
                    continue;
                }
                key.clear();
                let mut attribution = false;
                // A word of the phrase so far carries a plural ending.
                let mut plural = false;
                for len in 1..=MAX_WORDS.min(run.len() - start) {
                    let word = &run[start + len - 1];
                    if len > 1 {
                        key.push(' ');
                    }
                    key.push_str(runs.key(word));
                    attribution |= word.attribution;
                    plural |= word.plural;
                    if len == 1 && word.adjective_only {
                        continue;
                    }
                    let position = self.position + start as u32;
                    let candidate =
                        self.candidates
                            .get_or_insert_with(&key, key_hash(&key), || Candidate {
                                words: len,
                                first_position: position,
                                first_segment: segment,
                                attribution,
                                ..Candidate::default()
                            });
                    candidate.count += 1;
                    candidate.in_title |= is_title;
                    if candidate.last_segment != Some(segment) {
                        candidate.last_segment = Some(segment);
                        candidate.segments += 1;
                    }
                    if self.keep_surfaces {
                        let begin = run[start].span.0 - base;
                        let end = word.span.1 - base;
                        let written = text.as_bytes().get(begin as usize..end as usize);
                        candidate.surfaces.add(SurfaceRef {
                            hash: FxBuild::default().hash_one(written.unwrap_or_default()),
                            segment,
                            start: begin,
                            end,
                            count: 1,
                            plural,
                        });
                    }
                }
            }
            self.position += run.len() as u32 + 1;
        }
        self.key = key;
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::Entry;
    use super::*;

    struct Tiny;
    impl Lexicon for Tiny {
        fn entry(&self, key: &str) -> Entry {
            let flags = match key {
                "و" | "در" | "از" | "به" | "که" | "این" => flags::STOP,
                "گفت" | "است" | "کرد" => flags::VERB,
                "شهری" | "بزرگ" => flags::ADJECTIVE | flags::KNOWN,
                "برنامه" | "مدیریت" | "قم" => flags::NOUN | flags::KNOWN,
                _ => 0,
            };
            Entry {
                flags,
                ..Entry::default()
            }
        }
    }

    fn written<'t>(text: &'t str, word: &Word) -> &'t str {
        &text[word.span.0 as usize..word.span.1 as usize]
    }

    fn keys(text: &str) -> Vec<String> {
        let mut c = Collector::new(true);
        c.add(text, 0, false, &Tiny);
        let mut k: Vec<String> = c.candidates.keys().map(String::from).collect();
        k.sort();
        k
    }

    #[test]
    fn runs_are_cut_by_stopwords_verbs_numbers_and_punctuation() {
        let text = "شهردار قم گفت: مدیریت شهری در ۳ محله";
        let r = runs(text, &Tiny, false);
        let words: Vec<Vec<&str>> = r
            .iter()
            .map(|r| r.iter().map(|w| written(text, w)).collect())
            .collect();
        assert_eq!(
            words,
            vec![vec!["شهردار", "قم"], vec!["مدیریت", "شهری"], vec!["محله"]]
        );
    }

    #[test]
    fn adjectives_do_not_start_or_stand_alone() {
        assert_eq!(keys("مدیریت شهری"), vec!["مدیریت", "مدیریت شهری"]);
    }

    #[test]
    fn spelling_variants_merge_and_keep_the_common_form() {
        let mut c = Collector::new(true);
        c.add("برنامه‌های محله‌محور. برنامه ها. برنامههای", 1, false, &Tiny);
        let cand = &c.candidates["برنامه"];
        assert_eq!(cand.count, 3);
        assert_eq!(cand.surfaces.iter().count(), 3);
        assert!(c.candidates.contains_key("محلهمحور"));
        assert!(c.candidates.contains_key("برنامه محلهمحور"));
    }

    #[test]
    fn written_form_joins_detached_endings_with_zwnj() {
        assert_eq!(
            written_form("برنامه ها  محله‌محور"),
            "برنامه\u{200c}ها محله‌محور"
        );
        let mut c = Collector::new(true);
        let text = "مدیریت شهری در قم";
        c.add(text, 1, false, &Tiny);
        let s = c.candidates["مدیریت شهری"].best_surface().expect("surface");
        assert_eq!(s.text(&["", text]), "مدیریت شهری");
        assert_eq!(s.text(&[]), "");
    }

    #[test]
    fn a_singular_form_in_the_text_is_shown_over_a_commoner_plural() {
        let mut c = Collector::new(true);
        let text = "دانشگاه‌ها و دانشگاه‌ها و دانشگاه";
        c.add(text, 1, false, &Tiny);
        let s = c.candidates["دانشگاه"].best_surface().expect("surface");
        assert_eq!(s.text(&["", text]), "دانشگاه");
        let mut c = Collector::new(true);
        let text = "برنامه‌ها و برنامه ها";
        c.add(text, 1, false, &Tiny);
        let s = c.candidates["برنامه"].best_surface().expect("surface");
        assert!(s.plural);
        assert_eq!(s.text(&["", text]), "برنامه\u{200c}ها");
    }

    #[test]
    fn written_form_drops_a_final_ezafe_only() {
        assert_eq!(written_form("کانال‌های"), "کانال‌ها");
        assert_eq!(written_form("شهرهای"), "شهرها");
        assert_eq!(written_form("خانه‌ی"), "خانه");
        assert_eq!(written_form("هسته‌ای"), "هسته‌ای");
        assert_eq!(written_form("چای"), "چای");
        assert_eq!(written_form("برنامه‌های دولت"), "برنامه‌های دولت");
    }

    #[test]
    fn quantities_and_frozen_adverbials_cut_phrases() {
        assert!(is_boundary("درصد", "درصد", 0));
        assert!(is_boundary("عنوان", "عنوان", 0));
        assert!(!is_boundary("مشاور", "مشاور", 0));
    }

    #[test]
    fn prepositional_nouns_and_ordinals_before_a_noun_cut_phrases() {
        assert!(is_boundary("مقابل", "مقابل", 0));
        assert!(is_boundary("دومین", "دومین", 0));
        assert!(is_boundary("بیستمین", "بیستمین", 0));
        assert!(!is_boundary("دوم", "دوم", 0));
        assert!(!is_boundary("سیمین", "سیمین", 0), "a name, not `سی‌امین`");
        assert!(!is_boundary("تامین", "تأمین", 0));
    }

    #[test]
    fn phrases_carry_whether_a_word_is_one_of_attribution_lines() {
        let mut c = Collector::new(false);
        c.add("گزارش خبرنگار فارس از قم. برنامه گزارش ها", 1, false, &Tiny);
        assert!(c.candidates.len() > 4);
        for (key, candidate) in c.candidates.iter() {
            assert_eq!(candidate.attribution, holds_attribution_word(key), "{key}");
        }
        assert!(c.candidates["خبرنگار فارس"].attribution);
        assert!(!c.candidates["فارس"].attribution);
    }

    #[test]
    fn verb_prefix_cuts_even_when_written_apart() {
        assert_eq!(keys("مدیریت می شود قم"), vec!["قم", "مدیریت"]);
    }

    /// Everything a collection holds, to compare two.
    fn collected(c: &Collector) -> String {
        format!(
            "{:?} {} {}",
            c.candidates.iter().collect::<Vec<_>>(),
            c.position,
            c.segments
        )
    }

    const SEGMENT: &str = "شهردار قم گفت: برنامه ها و مدیریت شهری می شود قم، \
        بازی های سنتی ۳ محله‌محور بزرگ تر برنامه‌های دولت";

    fn kept(text: &str) -> Collector {
        let mut c = Collector::new(true);
        c.add_keeping_runs(text, 2, false, &Tiny);
        c
    }

    /// Byte range of the first `part` in `SEGMENT`.
    fn range_of(part: &str) -> Range<usize> {
        let start = SEGMENT.find(part).expect("part of the segment");
        start..start + part.len()
    }

    #[test]
    fn every_slice_taken_from_kept_runs_collects_as_the_slice_alone() {
        let source = kept(SEGMENT);
        let bounds: Vec<usize> = (0..=SEGMENT.len())
            .filter(|&i| SEGMENT.is_char_boundary(i))
            .collect();
        let mut taken = 0;
        for (i, &from) in bounds.iter().enumerate() {
            for &to in &bounds[i..] {
                let mut sliced = Collector::new(true);
                if !sliced.add_slice(&source, 2, SEGMENT, from..to, 1) {
                    assert_eq!(collected(&sliced), collected(&Collector::new(true)));
                    continue;
                }
                taken += 1;
                let mut alone = Collector::new(true);
                alone.add(&SEGMENT[from..to], 1, false, &Tiny);
                assert_eq!(collected(&sliced), collected(&alone), "{from}..{to}");
            }
        }
        // Slices between words (with their spaces and punctuation) are most of them.
        assert!(
            taken > bounds.len() * 4,
            "{taken} of {} bounds",
            bounds.len()
        );
    }

    #[test]
    fn a_slice_between_words_is_taken_from_the_runs() {
        let source = kept(SEGMENT);
        for part in [
            "مدیریت شهری",
            " قم، بازی های سنتی ۳ ",
            "برنامه ها و",
            "شهردار",
        ] {
            let mut sliced = Collector::new(true);
            assert!(
                sliced.add_slice(&source, 2, SEGMENT, range_of(part), 1),
                "{part}"
            );
            assert!(sliced.candidates.len() > 0, "{part}");
        }
    }

    #[test]
    fn a_slice_cutting_a_word_or_its_glued_ending_is_collected_alone() {
        let source = kept(SEGMENT);
        let mut sliced = Collector::new(true);
        let word = range_of("مدیریت");
        for window in [
            word.start..word.start + 4,
            word.start + 2..word.end,
            range_of("برنامه"),
            range_of("ها و مدیریت"),
            range_of("سنتی ۳ محله"),
            range_of("بزرگ"),
        ] {
            assert!(
                !sliced.add_slice(&source, 2, SEGMENT, window.clone(), 1),
                "{window:?}"
            );
        }
        assert_eq!(sliced.candidates.len(), 0);
    }

    #[test]
    fn a_slice_right_after_a_verb_prefix_is_collected_alone() {
        let source = kept(SEGMENT);
        let mut sliced = Collector::new(true);
        // In the segment `می` takes `شود` out of the runs; alone, the slice has it.
        assert!(!sliced.add_slice(&source, 2, SEGMENT, range_of("شود قم"), 1));
        assert!(!sliced.add_slice(&source, 2, SEGMENT, range_of(" شود قم"), 1));
        assert!(sliced.add_slice(&source, 2, SEGMENT, range_of("می شود قم"), 1));
    }

    #[test]
    fn runs_are_taken_only_from_a_segment_that_kept_them() {
        let mut source = Collector::new(true);
        source.add(SEGMENT, 2, false, &Tiny);
        let mut sliced = Collector::new(true);
        assert!(!sliced.add_slice(&source, 2, SEGMENT, range_of("مدیریت شهری"), 1));
        let source = kept(SEGMENT);
        assert!(!sliced.add_slice(&source, 1, SEGMENT, range_of("مدیریت شهری"), 1));
        assert!(!sliced.add_slice(&source, 2, SEGMENT, 3..SEGMENT.len() + 1, 1));
    }
}
