//! Per-paragraph fingerprints: a few dozen bytes that stand in for the text in every later
//! comparison. Computed per article in parallel; pure.

use xxhash_rust::xxh3::xxh3_64;

use std::cell::RefCell;

use super::furniture;
use super::minhash::{self, Signature};
use super::scan::FoldedWords;
use super::text;
use super::token_set::KnownTokens;
use super::word_facts::{WordFacts, WordMemo};
use crate::model::Document;

/// Paragraphs with fewer tokens are compared by exact match only.
pub const MIN_NEAR_WORDS: u32 = 8;

/// What de-duplication knows about one paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphPrint {
    /// Input index of the paragraph this describes.
    pub index: usize,
    /// Hash of the folded letters and digits, spacing and punctuation ignored.
    pub exact: u64,
    /// Word tokens (bound morphemes glued).
    pub words: u32,
    /// Distinct word tokens: bounds the Jaccard similarity to any other paragraph.
    pub distinct: u32,
    /// Bloom-style mask of the numbers stated (two bits each).
    pub numbers: u64,
    /// How many numbers are stated, and a hash of their sequence.
    pub number_count: u32,
    pub number_sequence: u32,
    /// Negation tokens: their count and a one-bit-each mask.
    pub negations: u32,
    pub negation_mask: u32,
    /// MinHash of the token set, for paragraphs long enough to be near duplicates.
    pub signature: Option<Signature>,
    /// Distinct token hashes (kept only while the article is decided, never stored).
    pub token_hashes: Vec<u64>,
    /// Tokens of the ZWNJ-separated pieces of compounds that are not tokens themselves (only while
    /// deciding; they join the stored word set).
    pub piece_hashes: Vec<u64>,
    /// Counting key when the line is short enough to be page furniture.
    pub line_key: Option<u64>,
    /// Matches a known furniture pattern.
    pub known_furniture: bool,
}

/// Per-article fingerprints: computed in parallel, consumed in input order by
/// [`Deduper::decide`](super::Deduper::decide).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fingerprints {
    /// Hash of the article's source (furniture is learned per source).
    pub source: u64,
    /// One per paragraph of the document, in the same order.
    pub paragraphs: Vec<ParagraphPrint>,
}

/// Computes an article's fingerprints (pure, thread-safe).
pub fn fingerprint(doc: &Document) -> Fingerprints {
    Fingerprints {
        source: furniture::source_key(doc.source.as_deref()),
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| paragraph_print(p.index, &p.text))
            .collect(),
    }
}

/// Two bits of a 64-bit mask chosen by `hash`.
fn mask_bits(hash: u64) -> u64 {
    (1u64 << (hash & 63)) | (1u64 << ((hash >> 6) & 63))
}

/// Fingerprints one paragraph of normalized text.
pub fn paragraph_print(index: usize, text: &str) -> ParagraphPrint {
    thread_local! {
        static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    }
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => scratch.print(index, text),
        Err(_) => Scratch::default().print(index, text),
    })
}

/// Buffers fingerprinting reuses from paragraph to paragraph (one set per thread): a paragraph
/// costs the allocation of what its print keeps, nothing more.
#[derive(Default)]
struct Scratch {
    folded: FoldedWords,
    pieces: FoldedWords,
    memo: WordMemo,
    tokens: TokenHashes,
    hashes: Vec<u64>,
    /// The numbers stated, each followed by a space.
    sequence: Vec<u8>,
    /// The facts of each word of the paragraph, in order.
    facts: Vec<WordFacts>,
}

impl Scratch {
    /// One pass folds the text into words; one walk over the words classifies each once and
    /// collects its token, numbers and negation. The words' facts are fetched from the memo in
    /// a walk of their own first: with nothing else in the loop, the memo's cache misses (most
    /// of a lookup's cost) overlap instead of waiting one per word.
    fn print(&mut self, index: usize, text: &str) -> ParagraphPrint {
        let Scratch {
            folded,
            pieces,
            memo,
            tokens,
            hashes,
            sequence,
            facts: word_facts,
        } = self;
        folded.fold(text);
        word_facts.clear();
        word_facts.extend(folded.words().map(|word| memo.facts(word)));
        tokens.clear();
        hashes.clear();
        sequence.clear();
        let mut numbers = 0u64;
        let mut number_count = 0u32;
        let mut add_number = |number: &[u8]| {
            numbers |= mask_bits(xxh3_64(number));
            number_count += 1;
            sequence.extend_from_slice(number);
            sequence.push(b' ');
        };
        let mut negations = 0u32;
        let mut negation_mask = 0u32;
        let mut words = 0u32;
        // A number word is no number when it opens a compound with the next word (`سه شنبه`).
        let mut number_word: Option<&str> = None;
        for (word, &facts) in folded.words().zip(word_facts.iter()) {
            if let Some(pending) = number_word.take()
                && !text::is_compound(pending, word)
            {
                add_number(pending.as_bytes());
            }
            if word.bytes().any(|b| b.is_ascii_digit()) {
                for run in word.as_bytes().split(|b| !b.is_ascii_digit()) {
                    if run.is_empty() {
                        continue;
                    }
                    let first = run.iter().position(|&b| b != b'0');
                    add_number(first.and_then(|at| run.get(at..)).unwrap_or(b"0"));
                }
            } else if facts.class & text::NUMBER != 0 {
                number_word = Some(word);
            }
            // Words, not tokens: stemming may cut a negated verb short (`ندارد`); `نمی` alone and
            // `نمی‌شود` both count once.
            if let Some(bit) = facts.negation_bit {
                negations += 1;
                negation_mask |= 1 << bit;
            }
            if let Some(hash) = tokens.push(word, &facts) {
                hashes.push(hash);
                words += 1;
            }
        }
        if let Some(pending) = number_word {
            add_number(pending.as_bytes());
        }
        if let Some(hash) = tokens.finish() {
            hashes.push(hash);
            words += 1;
        }
        hashes.sort_unstable();
        hashes.dedup();
        let distinct = hashes.len() as u32;
        let near = words >= MIN_NEAR_WORDS;
        // The pieces of ZWNJ compounds join the stored word set only (not the MinHash set): a copy
        // that split `این‌صورت` and dropped `این` shows no new word.
        let mut piece_hashes = Vec::new();
        if near && folded.has_compounds(text) {
            folded.fold_pieces_into(text, pieces);
            tokens.clear();
            for word in pieces.words() {
                if let Some(hash) = tokens.push(word, &memo.facts(word)) {
                    piece_hashes.push(hash);
                }
            }
            piece_hashes.extend(tokens.finish());
            piece_hashes.retain(|h| hashes.binary_search(h).is_err());
        }
        ParagraphPrint {
            index,
            exact: xxh3_64(folded.letters().as_bytes()),
            words,
            distinct,
            numbers,
            number_count,
            number_sequence: xxh3_64(sequence) as u32,
            negations,
            negation_mask,
            signature: if near {
                content_signature(hashes)
            } else {
                None
            },
            token_hashes: if near { hashes.clone() } else { Vec::new() },
            piece_hashes,
            line_key: furniture::line_key_of(folded),
            known_furniture: furniture::is_known_folded(folded),
        }
    }
}

/// Token hashes as [`text::tokens`] cuts the tokens, fed a word at a time: prefixes glued to the
/// next word, a bound suffix standing alone dropped, bound suffixes cut off.
#[derive(Default)]
struct TokenHashes {
    /// Prefixes waiting for the word they belong to.
    glued: String,
}

impl TokenHashes {
    fn clear(&mut self) {
        self.glued.clear();
    }

    /// The hash of the token `word` (with `facts`) completes, if any.
    fn push(&mut self, word: &str, facts: &WordFacts) -> Option<u64> {
        if facts.class & text::PREFIX != 0 {
            self.glued.push_str(word);
            return None;
        }
        if !self.glued.is_empty() {
            self.glued.push_str(word);
            let hash = minhash::token_hash(text::stem(&self.glued));
            self.glued.clear();
            return Some(hash);
        }
        (facts.class & text::SUFFIX == 0).then_some(facts.stem_hash)
    }

    /// The hash of prefixes left waiting at the end (unstemmed), if any.
    fn finish(&mut self) -> Option<u64> {
        let hash = (!self.glued.is_empty()).then(|| minhash::token_hash(&self.glued));
        self.glued.clear();
        hash
    }
}

/// The words of a paragraph in order, for the few checks a candidate pair needs beyond its
/// fingerprint (computed only then, from the paragraph's text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParagraphWords {
    /// The match form.
    form: String,
    /// The tokens in order, to tell a re-typed compound from a new word.
    tokens: text::Tokens,
}

/// Tokens of a later paragraph that an earlier one lacks, by kind (see [`ParagraphWords::novelty`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Novelty {
    /// Missing tokens that re-typing explains (a compound split or joined, a lost space).
    pub explained: usize,
    /// Of those, explained only as a verb prefix left behind (`می` + a dropped verb) or a prefix
    /// lost (`می دهند` → `دهند`): the shapes a negated verb turned positive (`نمی‌شود` →
    /// `می‌شود`, `نمی شود` → `شود`) takes.
    pub explained_by_prefix: usize,
    /// Particles the earlier paragraph lacks ([`text::is_function_word`]).
    pub function_words: usize,
    /// Other words it lacks that add no fact: pronouns, auxiliaries, connectives
    /// ([`text::adds_no_fact`]).
    pub light_words: usize,
    /// Words the earlier paragraph lacks and nothing explains: a new name, verb or figure.
    pub new_words: usize,
}

/// The MinHash signature of a paragraph's words without its particles: `و`, `در`, `به` are in every
/// paragraph, and minima they supply would file unrelated paragraphs under the same LSH buckets.
/// (A paragraph of particles only keeps them.) `hashes` are sorted.
fn content_signature(hashes: &[u64]) -> Option<minhash::Signature> {
    static PARTICLES: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        let mut particles: Vec<u64> = text::FUNCTION_WORDS
            .iter()
            .map(|w| minhash::token_hash(w))
            .collect();
        particles.sort_unstable();
        particles
    });
    // Both lists are sorted: one merge leaves the particles out.
    let mut particles = PARTICLES.iter().peekable();
    let content = hashes.iter().copied().filter(move |&hash| {
        while particles.next_if(|&&p| p < hash).is_some() {}
        particles.peek() != Some(&&hash)
    });
    minhash::signature_of(content).or_else(|| minhash::signature_of_hashes(hashes))
}

/// A positive verb of a paragraph and what it would be if negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NegatedForm {
    /// Token hash of the verb as written, unless it is no token of its own (a bound tail such as
    /// `شود`) or only a prefix (`می‌شود` tokenizes as `می`).
    pub positive: Option<u64>,
    /// Token hash of the verb with `ن` or `نمی` in front.
    pub negated: u64,
}

/// The positive verbs of `form` in their negated forms, tokenized as [`text::tokens`] would;
/// forms the paragraph itself uses (`میدهند` beside `نمیدهند`) are left out.
fn negated_forms(form: &str, own_tokens: &[u64]) -> Vec<NegatedForm> {
    let mut forms = Vec::new();
    let mut negated = String::new();
    let mut after_negation = false;
    for word in form.split_ascii_whitespace() {
        // The tail of a negated verb written apart (`نمی شود`) is no positive verb.
        let negates = text::negation_key(word).is_some();
        let skip = negates || after_negation || !text::may_be_positive_verb(word);
        after_negation = negates;
        if skip {
            continue;
        }
        let stem = text::stem(word);
        let positive =
            (!text::is_suffix(word) && !text::is_prefix(stem)).then(|| minhash::token_hash(stem));
        for prefix in ["ن", "نمی"] {
            negated.clear();
            negated.push_str(prefix);
            negated.push_str(word);
            let hash = minhash::token_hash(text::stem(&negated));
            if own_tokens.binary_search(&hash).is_err() {
                forms.push(NegatedForm {
                    positive,
                    negated: hash,
                });
            }
        }
    }
    forms
}

/// The numbers a paragraph states, as far as comparisons need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFacts {
    pub mask: u64,
    pub count: u32,
    pub sequence: u32,
}

impl NumberFacts {
    /// Could a copy that states `self` have been made from a paragraph stating `earlier` without
    /// changing a figure? Either the same numbers in the same order, or fewer numbers all found in
    /// `earlier` (a copy may drop words, a number among them, but not introduce one).
    pub fn consistent_with(&self, earlier: &NumberFacts) -> bool {
        if self.count == earlier.count {
            self.sequence == earlier.sequence
        } else {
            self.count < earlier.count && self.mask & !earlier.mask == 0
        }
    }
}

impl ParagraphWords {
    /// The words of a paragraph of normalized text.
    pub fn of(text: &str) -> Self {
        let form = text::match_form(text);
        let tokens = text::tokens(&form);
        ParagraphWords { form, tokens }
    }

    /// What this paragraph says that an earlier one lacks: tokens the earlier paragraph does not
    /// have, sorted into those re-typing explains, function words, and the rest (new words). A
    /// missing token is explained when, joined to a neighbour that is missing too, it is a token of
    /// the earlier paragraph (`دانش آموزان` against `دانش‌آموزان`), or when it splits into two of
    /// its tokens or a prefix and one of its tokens. A function word (`که`, `خود`), a pronoun or an
    /// auxiliary (`وی`, `است`) adds no fact.
    pub fn novelty(&self, earlier: &impl KnownTokens) -> Novelty {
        let missing: Vec<bool> = self
            .tokens
            .iter()
            .map(|t| !earlier.may_contain(minhash::token_hash(t)))
            .collect();
        let is_missing = |i: usize| missing.get(i).copied().unwrap_or(false);
        let known = |token: &str| earlier.may_contain(minhash::token_hash(text::stem(token)));
        let mut joined = String::new();
        let mut known_joined = |first: &str, second: &str| {
            joined.clear();
            joined.push_str(first);
            joined.push_str(second);
            known(&joined)
        };
        let token_at = |i: usize| self.tokens.get(i);
        let mut novelty = Novelty::default();
        for (i, token) in self.tokens.iter().enumerate() {
            if !is_missing(i) {
                continue;
            }
            if text::is_function_word(token) {
                novelty.function_words += 1;
                continue;
            }
            if text::adds_no_fact(token) {
                novelty.light_words += 1;
                continue;
            }
            // A compound split by a space leaves two pieces the earlier paragraph lacks side by
            // side; a word put in for another sits between words it has.
            let joined_before = i.checked_sub(1).is_some_and(|j| {
                is_missing(j) && token_at(j).is_some_and(|b| known_joined(b, token))
            });
            let joined_after =
                is_missing(i + 1) && token_at(i + 1).is_some_and(|a| known_joined(token, a));
            // A lost space after punctuation or a dropped word between joins two words
            // (`فارس،در`, `انجامنشده`).
            let mut split_after_prefix = false;
            let split_in_two = token.char_indices().skip(2).any(|(at, _)| {
                let (Some(head), Some(tail)) = (token.get(..at), token.get(at..)) else {
                    return false;
                };
                if tail.chars().nth(1).is_none() || !known(tail) {
                    return false;
                }
                // A bound tail on its own (`دهد`) is no token, so it is never known.
                if known(head) || text::is_suffix(head) {
                    return true;
                }
                // A prefix left without its verb (`می` + dropped word) glues onto the next word.
                split_after_prefix |= text::is_prefix(head);
                false
            });
            // A `می` glued onto a particle when its verb was dropped (`حمایت می و` → `میو`).
            let stranded_prefix = token.strip_prefix("می").is_some_and(text::is_function_word);
            // A prefix written as a word of its own and dropped (`می دهند` → `دهند`).
            let lost_prefix = text::DETACHABLE_PREFIXES
                .iter()
                .any(|prefix| known_joined(prefix, token));
            if joined_before || joined_after || split_in_two {
                novelty.explained += 1;
            } else if split_after_prefix || stranded_prefix || lost_prefix {
                novelty.explained += 1;
                novelty.explained_by_prefix += 1;
            } else {
                novelty.new_words += 1;
            }
        }
        novelty
    }

    /// Does this paragraph (whose fingerprint is `print`) state in the positive a verb `earlier`
    /// negates (`شود` where it said `نمی شود`)?
    pub fn turns_a_negation_positive(
        &self,
        print: &ParagraphPrint,
        earlier: &impl KnownTokens,
    ) -> bool {
        // A positive verb the earlier paragraph also states is that one, not a turned negation.
        negated_forms(&self.form, &print.token_hashes)
            .iter()
            .any(|form| {
                earlier.may_contain(form.negated)
                    && !form.positive.is_some_and(|p| earlier.may_contain(p))
            })
    }
}

impl ParagraphPrint {
    /// The paragraph's numbers.
    pub fn number_facts(&self) -> NumberFacts {
        NumberFacts {
            mask: self.numbers,
            count: self.number_count,
            sequence: self.number_sequence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::token_set::TokenArena;

    #[test]
    fn retyped_copies_share_the_exact_hash() {
        let a = paragraph_print(0, "وی افزود: برنامه‌های شهری با رویکرد محله‌محور اجرا می‌شود.");
        let b = paragraph_print(
            3,
            "وي افزود  برنامه هاي شهري با رويكرد محلهمحور اجرا مي شود",
        );
        assert_eq!(a.exact, b.exact);
        assert_eq!(b.index, 3);
    }

    #[test]
    fn a_prefix_stranded_on_a_particle_is_no_new_word() {
        let earlier = paragraph_print(
            0,
            "هواداران در لیگ قهرمانان به گونه ای دیگر از ما حمایت می‌کنند و فردا برابر سیتی نیز به تشویق نیازمندیم",
        );
        let later = ParagraphWords::of(
            "هواداران در لیگ قهرمانان به گونه ای دیگر از ما حمایت می و فردا برابر سیتی نیز به تشویق نیازمندیم",
        );
        let mut arena = TokenArena::default();
        let stored = arena.push(&earlier.token_hashes, &[]);
        let novelty = later.novelty(&arena.get(stored));
        assert_eq!(novelty.new_words, 0);
        assert_eq!(novelty.explained_by_prefix, 1);
        let changed = ParagraphWords::of(
            "هواداران در لیگ قهرمانان به گونه ای دیگر از ما حمایت می‌کنند و فردا برابر بایرن نیز به تشویق نیازمندیم",
        );
        assert_eq!(changed.novelty(&arena.get(stored)).new_words, 1);
    }

    /// The print computed the straightforward way: the match form, then each field from it.
    fn reference_print(text: &str) -> ParagraphPrint {
        let form = text::match_form(text);
        let tokens = text::tokens(&form);
        let mut print = ParagraphPrint {
            index: 0,
            exact: text::spaceless_hash(&form),
            words: tokens.len() as u32,
            distinct: 0,
            numbers: 0,
            number_count: 0,
            number_sequence: 0,
            negations: 0,
            negation_mask: 0,
            signature: None,
            token_hashes: Vec::new(),
            piece_hashes: Vec::new(),
            line_key: furniture::line_key(&form),
            known_furniture: furniture::is_known(&form),
        };
        let mut sequence = Vec::new();
        for number in text::numbers(&form) {
            print.numbers |= mask_bits(xxh3_64(number.as_bytes()));
            print.number_count += 1;
            sequence.extend_from_slice(number.as_bytes());
            sequence.push(b' ');
        }
        print.number_sequence = xxh3_64(&sequence) as u32;
        for key in form.split_ascii_whitespace().filter_map(text::negation_key) {
            print.negations += 1;
            print.negation_mask |= 1 << (xxh3_64(key.as_bytes()) & 31);
        }
        let mut hashes: Vec<u64> = tokens.iter().map(minhash::token_hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        print.distinct = hashes.len() as u32;
        if print.words >= MIN_NEAR_WORDS {
            if text::has_zwnj(text) {
                let split = text::zwnj_pieces(text);
                print.piece_hashes = text::tokens(&split)
                    .iter()
                    .map(minhash::token_hash)
                    .filter(|h| hashes.binary_search(h).is_err())
                    .collect();
            }
            print.signature = content_signature(&hashes);
            print.token_hashes = hashes;
        }
        print
    }

    #[test]
    fn one_pass_prints_like_the_reference() {
        for text in [
            "",
            "نظر شما",
            "کد خبر: ۱۲۳۴",
            "اشتراک گذاری تلگرام واتساپ",
            "قم- شهردار قم گفت: برنامه‌های شهری با رویکرد محله‌محور در سال ۱۴۰۲ اجرا می‌شود.",
            "روز سه شنبه سه نفر از ۰۰۷ بازیکن و دو هزار تماشاگر در ورزشگاه نبودند و نمی آیند",
            "او گفت این طرح اجرا نمی‌شود و هیچ بودجه‌ای ندارد، اما می",
            "های شهری می می‌ تصمیم‌گیری‌ها بین‌المللی 12ها ABC-def ﻻ ﺏ",
            "در غیر این‌صورت دانش‌آموزان (می‌توانند) «بین‌المللی» را نمی‌پذیرند و سه‌شنبه می‌آیند.",
        ] {
            assert_eq!(paragraph_print(0, text), reference_print(text), "{text}");
        }
    }

    #[test]
    fn changed_number_is_not_within() {
        let a = paragraph_print(
            0,
            "در سال ۱۴۰۲ تعداد ۱۲۰ مدرسه ساخته شد و ۳۰ مدرسه دیگر در دست ساخت است",
        );
        let b = paragraph_print(
            1,
            "در سال ۱۴۰۲ تعداد ۱۲۷ مدرسه ساخته شد و ۳۰ مدرسه دیگر در دست ساخت است",
        );
        let c = paragraph_print(
            2,
            "در سال ۱۴۰۲ تعداد ۱۲۰ مدرسه ساخته شد و مدرسه دیگر در دست ساخت است",
        );
        let d = paragraph_print(
            3,
            "در سال ۱۴۰۲ تعداد ۳۰ مدرسه ساخته شد و ۳۰ مدرسه دیگر در دست ساخت است",
        );
        assert!(!b.number_facts().consistent_with(&a.number_facts()));
        assert!(c.number_facts().consistent_with(&a.number_facts()));
        assert!(!d.number_facts().consistent_with(&a.number_facts()));
        assert!(a.number_facts().consistent_with(&a.number_facts()));
    }

    #[test]
    fn short_paragraphs_have_no_signature() {
        assert!(paragraph_print(0, "نظر شما").signature.is_none());
        assert!(paragraph_print(0, "نظر شما").known_furniture);
        let long = paragraph_print(
            0,
            "این یک پاراگراف به اندازه کافی بلند برای مقایسه تقریبی است",
        );
        assert!(long.signature.is_some());
    }

    #[test]
    fn negations_are_counted() {
        let p = paragraph_print(0, "او گفت این طرح اجرا نمی‌شود و هیچ بودجه‌ای ندارد");
        assert_eq!(p.negations, 3);
    }
}
