//! Canonical ZWNJ placement for spaced affixes and compounds: `می شود` → `می‌شود`,
//! `کتاب ها` → `کتاب‌ها`, `رفته اند` → `رفته‌اند`, `بزرگ ترین` → `بزرگ‌ترین`. Auxiliaries
//! (`خواهد بود`, `شده است`), `از`, vocatives and pairs of real words stay apart.

use super::buffer::Buf;
use super::config::Config;
use super::lexicon::{COMPOUND_TAIL, Entry, LISTED, SPACED_JOIN, STOPWORD, lexicon, word_hash};
use super::lexicon_table::pair_hash;
use super::scan::byte_hits;
use super::script::{
    ZWNJ, ZWNJ_STR, has_zwnj, is_arabic_letter, is_joining_letter, last_char, letter_runs,
    trim_to_word, word_after, word_before, word_char_len_at,
};
use super::step::{Context, Step, finish};
use super::word_set::WordSet;

/// Joins a spaced affix to its word.
pub(crate) struct AffixJoin;

/// The verbal prefixes written apart from the verb with a ZWNJ.
pub(crate) const VERB_PREFIXES: [&str; 2] = ["نمی", "می"];

/// Plural suffixes (with possessive and copula endings).
pub(crate) const PLURAL_SUFFIXES: [&str; 12] = [
    "هایشان",
    "هایتان",
    "هایمان",
    "هایش",
    "هایت",
    "هایم",
    "هایی",
    "هاست",
    "های",
    "هاش",
    "هام",
    "ها",
];

/// Comparative and superlative suffixes.
pub(crate) const DEGREE_SUFFIXES: [&str; 4] = ["ترین", "تری", "ترها", "تر"];

/// Enclitics written after a final heh with ZWNJ (`خانه‌ای`, `رفته‌اند`, `نامه‌ام`).
pub(crate) const HEH_ENCLITICS: [&str; 9] =
    ["ایم", "اید", "اند", "ای", "ام", "ات", "اش", "ی", "ایی"];

/// Words that are never the verb after a spaced `می`.
const NOT_VERBS: [&str; 16] = [
    "از", "به", "در", "با", "بر", "که", "و", "را", "تا", "این", "آن", "هم", "یا", "نه", "هر",
    "برای",
];

/// Persian spellings of Latin letter names of two letters, the parts of spelled-out acronyms.
const LATIN_LETTER_NAMES: [&str; 12] = [
    "بی", "پی", "تی", "سی", "دی", "جی", "وی", "کی", "اس", "اف", "ام", "ان",
];

/// Words that never join a spaced neighbour: auxiliaries, prepositions, determiners.
const NEVER_JOINED: [&str; 23] = [
    "از",
    "است",
    "بود",
    "بودند",
    "باشد",
    "باشند",
    "شد",
    "شده",
    "شدند",
    "شود",
    "خواهد",
    "خواهند",
    "کرد",
    "کرده",
    "هست",
    "نیست",
    "به",
    "که",
    "یک",
    "هیچ",
    "این",
    "آن",
    "همان",
];

/// True when `word` is a suffix that [`is_canonical_affix`] may attach to the word before it:
/// without one, only a left word ending in yeh (`می`, `نمی`, `بی`) can start a join.
fn is_suffix_word(word: &str) -> bool {
    starts_like_suffix(word) && SUFFIX_WORDS.contains(word)
}

/// True when `word` starts with a first letter of the [`SUFFIX_WORDS`] (`ه ا ی ت ش م`): two
/// byte tests turn most words away before the set is read.
#[inline]
fn starts_like_suffix(word: &str) -> bool {
    starts_like_suffix_bytes(word.as_bytes())
}

/// [`starts_like_suffix`] for bytes: the first letter is one of `ه م ا ت ش ی`.
#[inline]
fn starts_like_suffix_bytes(bytes: &[u8]) -> bool {
    // The first two bytes as one number: a few compares rather than a slice pattern's chain.
    match *bytes {
        [lead, second, ..] => matches!(
            u16::from_be_bytes([lead, second]),
            0xD987 | 0xD985 | 0xD8A7 | 0xD8AA | 0xD8B4 | 0xDB8C
        ),
        _ => false,
    }
}

/// Whether the text after a space, `bytes`, may start a [`SUFFIX_WORDS`] member: its first
/// three letters are those of a longer one, or its first two those of a two-letter one that
/// ends there, or it is a lone `ی`. Stronger than [`starts_like_suffix_bytes`], so that in text
/// typing ZWNJs most words after a space are turned away before they are read whole (the
/// common `این`, `از`, `است`, `می` start like suffixes).
#[inline]
fn may_start_suffix_word(bytes: &[u8]) -> bool {
    let starts_like = |filter: &[u64; 4], n: usize| {
        bytes.get(..n).is_some_and(|start| {
            let bit = prefix_bit(start, n);
            filter[bit >> 6] >> (bit & 63) & 1 != 0
        })
    };
    starts_like(&SUFFIX_STARTS, 6)
        || (starts_like(&TWO_LETTER_SUFFIXES, 4) && word_char_len_at(bytes, 4) == 0)
        || (bytes.starts_with("ی".as_bytes()) && word_char_len_at(bytes, 2) == 0)
}

/// The filter bit of the first `n` (at most 8) bytes of `bytes`.
#[inline]
const fn prefix_bit(bytes: &[u8], n: usize) -> usize {
    let mut packed = 0u64;
    let mut k = 0;
    while k < n {
        packed |= (bytes[k] as u64) << (8 * k);
        k += 1;
    }
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// A bit filter over the first `n` bytes of the [`SUFFIX_WORDS`] members that have that many
/// (`exact`: exactly that many).
const fn suffix_prefix_filter(n: usize, exact: bool) -> [u64; 4] {
    let words = SUFFIX_WORDS.words;
    let mut filter = [0u64; 4];
    let mut k = 0;
    while k < words.len() {
        let bytes = words[k].as_bytes();
        if bytes.len() == n || (!exact && bytes.len() > n) {
            let bit = prefix_bit(bytes, n);
            filter[bit >> 6] |= 1 << (bit & 63);
        }
        k += 1;
    }
    filter
}

/// The first three letters of the [`SUFFIX_WORDS`] members that have three or more.
const SUFFIX_STARTS: [u64; 4] = suffix_prefix_filter(6, false);
/// The [`SUFFIX_WORDS`] members of two letters.
const TWO_LETTER_SUFFIXES: [u64; 4] = suffix_prefix_filter(4, true);

/// True when `bytes` end in `می` or `بی`, as every verbal and privative prefix does.
#[inline]
fn ends_like_prefix(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [.., 0xD9, 0x85, 0xDB, 0x8C] | [.., 0xD8, 0xA8, 0xDB, 0x8C]
    )
}

/// Whether the word that ends where `bytes` end may be one of the prefixes [`is_canonical_affix`]
/// attaches: `بی` alone, or `می` alone or after `ن` (`نمی`) or after the last letter of a
/// preverb (`ز` `و` `ا` `ر`: `بازمی`, `فرونمی`, `برمی`; see [`is_preverb_mi`]). Judged by the
/// letter before the ending, not the whole word: stronger than [`ends_like_prefix`], so that in
/// text typing ZWNJs the common adjectives in `می` / `بی` (`رسمی`, `علمی`, `عربی`) are turned
/// away at the space before their next word is read.
#[inline]
fn may_end_prefix_word(bytes: &[u8]) -> bool {
    if !ends_like_prefix(bytes) {
        return false;
    }
    let Some(before) = bytes.len().checked_sub(6) else {
        return true;
    };
    // A letter is two bytes that start with a lead byte, so a continuation byte here (a ZWNJ
    // before the ending) is no letter, and such a word is let through to the exact rules.
    if word_char_len_at(bytes, before) != 2 {
        return true;
    }
    let ends_in_mi = bytes.ends_with("می".as_bytes());
    ends_in_mi
        && matches!(
            bytes[before..before + 2],
            [0xD9, 0x86] | [0xD8, 0xB2] | [0xD9, 0x88] | [0xD8, 0xA7] | [0xD8, 0xB1]
        )
}

/// False only when [`is_canonical_affix`] is false: every rule there needs a `left` ending in
/// `می` or `بی` (the verbal prefixes and `بی`) or a suffix word on the right. (The suffix words
/// are asked rather than their first letters: most words end in `ی` or start with one of those
/// letters, and would go on to the rules.)
#[inline]
fn may_be_canonical_affix(left: &str, right: &str) -> bool {
    ends_like_prefix(left.as_bytes()) || is_suffix_word(right)
}

/// The words of [`PLURAL_SUFFIXES`], [`HEH_ENCLITICS`], the possessives and
/// [`DEGREE_SUFFIXES`]: the suffixes [`is_canonical_affix`] may attach.
const SUFFIX_WORDS: WordSet<28> = WordSet::new([
    "هایشان",
    "هایتان",
    "هایمان",
    "هایش",
    "هایت",
    "هایم",
    "هایی",
    "هاست",
    "های",
    "هاش",
    "هام",
    "ها",
    "ایم",
    "اید",
    "اند",
    "ای",
    "ام",
    "ات",
    "اش",
    "ی",
    "ایی",
    "شان",
    "تان",
    "مان",
    "ترین",
    "تری",
    "ترها",
    "تر",
]);
const PLURAL_SET: WordSet<12> = WordSet::new(PLURAL_SUFFIXES);
const NOT_VERB_SET: WordSet<16> = WordSet::new(NOT_VERBS);
const NEVER_JOINED_SET: WordSet<23> = WordSet::new(NEVER_JOINED);
const DEGREE_TAIL_SET: WordSet<6> = WordSet::new(DEGREE_TAILS);
const VERBAL_CONTEXT_SET: WordSet<34> = WordSet::new(VERBAL_CONTEXT);

/// True when `right` is an affix that always attaches to `left` (rules that hold in every text).
fn is_canonical_affix(left: &str, right: &str) -> bool {
    // Whole words only (ZWNJ pieces would let a second run see pairs the first did not).
    let letters = |w: &str| w.chars().filter(|&c| c != ZWNJ).count();
    if left == "بی" {
        // A Latin letter's name makes `بی` one too, in an acronym (`بی بی سی`), and `بی بی` is
        // a noun (lady): no privative prefix.
        return letters(right) >= 2
            && !NOT_VERB_SET.contains(right)
            && !LATIN_LETTER_NAMES.contains(&right);
    }
    // Every verbal prefix ends in `می`: that test first spares the lists at most spaces.
    if left.ends_with("می") && (VERB_PREFIXES.contains(&left) || is_preverb_mi(left)) {
        // `می` is also the month of May (`ماه می سال گذشته`): join only a verb (a frequent
        // word after `می` must be a known verb form).
        let mut buf = [0u8; 128];
        let lexicon_verb = concat(&mut buf, left, right)
            .and_then(|joined| lexicon().get_bytes(joined))
            .is_some_and(|e| e.zwnj_mask() == 1 << letters(left) && e.zwnj_bucket() >= 48)
            && lexicon().get(right).is_none_or(|e| e.frequency() < 72);
        return letters(right) >= 2
            && !right.contains(ZWNJ)
            && !NOT_VERB_SET.contains(right)
            && (lexicon_verb
                || super::restore::looks_like_verb(right)
                || rare_with_person_ending(right));
    }
    // Every rule below attaches a suffix word: one test spares the lists at most spaces.
    if !is_suffix_word(right) {
        return false;
    }
    if PLURAL_SET.contains(right) {
        return true;
    }
    if HEH_ENCLITICS.contains(&right) {
        // After heh every enclitic; after yeh the alef-initial ones (`ایمنی‌ام`, `انسانی‌اند`).
        let after_yeh = left.ends_with('ی') && right.starts_with('ا');
        return (left.ends_with('ه') || after_yeh) && letters(last_piece(left)) >= 3;
    }
    if ["شان", "تان", "مان"].contains(&right) {
        return (left.ends_with('ه') || left.ends_with('ی')) && letters(last_piece(left)) >= 3;
    }
    if DEGREE_SUFFIXES.contains(&right) && !left.contains(ZWNJ) {
        let mut buf = [0u8; 128];
        return concat(&mut buf, left, right)
            .and_then(|joined| lexicon().get_bytes(joined))
            .is_some_and(|e| e.frequency() >= 40);
    }
    false
}

/// A word the lexicon hardly knows that ends like a conjugated verb (`فشانید`, `نکوهیم`):
/// after `می` it is a verb whose stem the lexicon lacks.
fn rare_with_person_ending(word: &str) -> bool {
    ["ند", "ید", "یم", "م", "ی", "د"]
        .iter()
        .any(|e| word.ends_with(e))
        && lexicon().get(word).is_none_or(|e| e.frequency() < 40)
}

/// The part of `word` after its last ZWNJ.
fn last_piece(word: &str) -> &str {
    word.rsplit(ZWNJ).next().unwrap_or(word)
}

/// `a` and `b` written together into `buf`, without allocating (`None` when too long).
/// (Bytes: two strings make a valid one, so there is nothing to check.)
fn concat<'a>(buf: &'a mut [u8; 128], a: &str, b: &str) -> Option<&'a [u8]> {
    let len = a.len() + b.len();
    let out = buf.get_mut(..len)?;
    out[..a.len()].copy_from_slice(a.as_bytes());
    out[a.len()..].copy_from_slice(b.as_bytes());
    Some(out)
}

/// Preverb + `می`/`نمی` (`برمی`, `فرومی`, `درنمی`): the verb follows.
pub(crate) fn is_preverb_mi(word: &str) -> bool {
    const PREVERBS: [&str; 7] = ["باز", "فرو", "فرا", "در", "بر", "ور", "وا"];
    PREVERBS.iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| VERB_PREFIXES.contains(&rest))
    })
}

/// A word of a spaced pair with its [`word_hash`], computed when a rule first needs it and
/// kept while the word moves from the right of one space to the left of the next: the pair
/// filters combine the two words' hashes instead of hashing the pair again.
#[derive(Clone)]
struct Token<'a> {
    text: &'a str,
    hash: std::cell::Cell<Option<u64>>,
    has_zwnj: std::cell::Cell<Option<bool>>,
    class: std::cell::Cell<Option<u8>>,
}

/// [`Token::class`] bits: one of [`NEVER_JOINED`].
const NEVER_JOINED_WORD: u8 = 1;
/// One of [`VERB_PREFIXES`].
const VERB_PREFIX_WORD: u8 = 2;
/// At most one char.
const ONE_LETTER_WORD: u8 = 4;

impl<'a> Token<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            hash: std::cell::Cell::new(None),
            has_zwnj: std::cell::Cell::new(None),
            class: std::cell::Cell::new(None),
        }
    }

    /// A word of a text that [`has_zwnj`] or not: in a text without any, the word's own test
    /// is answered without reading it.
    fn in_text(text: &'a str, text_has_zwnj: bool) -> Self {
        let token = Self::new(text);
        if !text_has_zwnj {
            token.has_zwnj.set(Some(false));
        }
        token
    }

    /// What the compound rules ask of a word at both of its spaces, found once: which of
    /// the word lists hold it, and whether it is a single letter.
    #[inline]
    fn class(&self) -> u8 {
        match self.class.get() {
            Some(class) => class,
            None => {
                let word = self.text;
                let mut class = 0;
                if NEVER_JOINED_SET.contains(word) {
                    class |= NEVER_JOINED_WORD;
                }
                if VERB_PREFIXES.contains(&word) {
                    class |= VERB_PREFIX_WORD;
                }
                // (Five bytes hold two chars at least: the decoding is for the short words.)
                if word.len() < 5 && word.chars().nth(1).is_none() {
                    class |= ONE_LETTER_WORD;
                }
                self.class.set(Some(class));
                class
            }
        }
    }

    /// Whether the word holds a ZWNJ. A word is letters (two bytes, led by D8 to DB) and ZWNJs
    /// (E2 80 8C), so one byte value tells, tested without branches.
    #[inline]
    fn has_zwnj(&self) -> bool {
        match self.has_zwnj.get() {
            Some(has) => has,
            None => {
                let has = self.text.bytes().fold(false, |seen, b| seen | (b == 0xE2));
                self.has_zwnj.set(Some(has));
                has
            }
        }
    }

    #[inline]
    fn hash(&self) -> u64 {
        match self.hash.get() {
            Some(hash) => hash,
            None => {
                let hash = word_hash(self.text.as_bytes());
                self.hash.set(Some(hash));
                hash
            }
        }
    }
}

/// The lexicon's entry for `left right` when it spells them as one word with a ZWNJ exactly
/// between them (and more often so than glued).
fn joined_entry(left: &str, right: &str) -> Option<Entry> {
    joined_entry_of(&Token::new(left), &Token::new(right))
}

/// [`joined_entry`] for tokens: the pair filter on their hashes first, which turns most pairs
/// away before their concatenation is copied and hashed.
fn joined_entry_of(left: &Token, right: &Token) -> Option<Entry> {
    let (left_token, right_token) = (left, right);
    let (left, right) = (left.text, right.text);
    // The most common words never join (`از`, `به`, `است`): their set's bit filter is cheaper
    // than the lexicon probe, whose own filter then turns most other pairs away.
    if (left_token.class() | right_token.class()) & NEVER_JOINED_WORD != 0 {
        return None;
    }
    if !lexicon().may_join_with_zwnj(pair_hash(left_token.hash(), right_token.hash())) {
        return None;
    }
    let mut buf = [0u8; 128];
    let entry = concat(&mut buf, left, right).and_then(|joined| lexicon().zwnj_spelled(joined))?;
    if left_token.has_zwnj() || right_token.has_zwnj() {
        return None;
    }
    let boundary = left.chars().count();
    (boundary < 31 && entry.zwnj_mask() == 1 << boundary).then_some(entry)
}

/// True when the lexicon's preferred spelling of `left right` has one ZWNJ, between them
/// (unlike [`joined_entry`], whatever the words).
fn zwnj_between(left: &str, right: &str) -> bool {
    let mut buf = [0u8; 128];
    let boundary = left.chars().count();
    boundary < 31
        && concat(&mut buf, left, right)
            .and_then(|joined| lexicon().zwnj_spelled(joined))
            .is_some_and(|entry| entry.zwnj_mask() == 1 << boundary)
}

/// True when the lexicon spells `left right` as one word with a ZWNJ exactly between them.
fn lexicon_joins(left: &str, right: &str) -> bool {
    joined_entry(left, right).is_some()
}

/// Whether a no-break space between `left` and `right` stands for a ZWNJ (else a space).
pub(crate) fn no_break_means_zwnj(left: &str, right: &str) -> bool {
    is_canonical_affix(left, right) || lexicon_joins(left, right)
}

/// Whether the space between `left` and `right` should become a joint. `stripped` tells
/// whether the text's glued words show stripped ZWNJs.
fn should_join(
    left: &Token,
    right: &Token,
    next: &str,
    context: &Context,
    stripped: &mut StrippedWords,
) -> bool {
    if may_be_canonical_affix(left.text, right.text) && is_canonical_affix(left.text, right.text) {
        return true;
    }
    if context.writer_uses_zwnj {
        return false;
    }
    let spaced_writer = context.writer_spaces_affixes;
    // A stripped word already read spares the compound rules at every later space.
    if !spaced_writer && stripped.seen_in(right) {
        return false;
    }
    // Nearly every pair is turned away by a few filter probes that each compound rule needs
    // passed (same answers without them): the rules' word lists and lookups cost more.
    let compound = (may_be_spaced_compound(left, right, spaced_writer)
        && spaced_compound(left, right, next, spaced_writer))
        || (lexicon().may_join_with_zwnj(pair_hash(left.hash(), right.hash()))
            && compound_join(left, right, context));
    // Without a sign of the writer's habit, compounds are joined only if the text's other words
    // do not show stripped ZWNJs (then every space is a true one). Asked last: the paragraph's
    // words are read for it only when one of its pairs would join, which few paragraphs have.
    compound && (spaced_writer || !stripped.in_text())
}

/// Words after which [`spaced_compound`] may join without asking the tables: the attributive
/// participles and the degree tails.
const COMPOUND_END_SET: WordSet<10> = WordSet::union(ATTRIBUTIVE_PARTICIPLES, DEGREE_TAILS);

/// False only when [`spaced_compound`] is false: each of its joins needs `right` to be an
/// [`ATTRIBUTIVE_PARTICIPLES`] or [`DEGREE_TAILS`] member or a bound tail, or `left` to head
/// a compound of the compound table with `right` or with `right`'s stem before an inflection
/// (probed by the table's pair filter). ([`compound_join`] needs the lexicon's pair filter.)
#[inline]
fn may_be_spaced_compound(left: &Token, right: &Token, spaced_writer: bool) -> bool {
    COMPOUND_END_SET.contains(right.text)
        || (super::compounds::may_head_compound_hashed(left.hash())
            && (super::compounds::may_be_pair(pair_hash(left.hash(), right.hash()))
                || inflected_stems(right.text).any(|stem| {
                    super::compounds::may_be_pair(pair_hash(
                        left.hash(),
                        word_hash(stem.as_bytes()),
                    ))
                })))
        || super::compounds::is_bound_tail_hashed(right.text, right.hash(), spaced_writer)
}

/// The stems of `word` before the [`inflections_ending_like`] it (of two letters at least):
/// the second parts of the compounds that `word` may inflect.
#[inline]
fn inflected_stems(word: &str) -> impl Iterator<Item = &str> {
    inflections_ending_like(word)
        .iter()
        .filter_map(move |ending| {
            strip_ending(word, ending).filter(|stem| stem.chars().nth(1).is_some())
        })
}

/// A glued word counts as stripped when its ZWNJ spelling is this much more common
/// (2^(16/8) = 4×): `میشود`, `کتابها`, but not `آنها`, which is written both ways.
const STRIPPED_WORD_MARGIN: i32 = 16;

/// True when some word of `text` is glued where news writes a ZWNJ far more often (`میشود`):
/// its ZWNJs were stripped, so a space between two words is a true space.
#[inline(never)] // read for few paragraphs (see [`StrippedWords`])
fn shows_stripped_words(text: &str) -> bool {
    letter_runs(text).any(|w| is_stripped_word(w.as_bytes(), word_hash(w.as_bytes())))
}

/// Whether the letter run `word`, with this [`word_hash`], is one that makes
/// [`shows_stripped_words`] true.
#[inline]
fn is_stripped_word(word: &[u8], hash: u64) -> bool {
    word.len() >= 6
        && lexicon().zwnj_spelled_hashed(word, hash).is_some_and(|e| {
            i32::from(e.zwnj_bucket()) - i32::from(e.glued_bucket()) >= STRIPPED_WORD_MARGIN
        })
}

/// [`shows_stripped_words`] of a paragraph, asked while its spaces are read: known as soon as
/// a word read after a space shows stripped ZWNJs, else found by reading the whole paragraph
/// only when a pair would join on its answer (few paragraphs have one).
struct StrippedWords<'a> {
    text: &'a str,
    known: Option<bool>,
}

impl<'a> StrippedWords<'a> {
    /// Nothing known yet of `text`.
    fn of(text: &'a str) -> Self {
        Self { text, known: None }
    }

    /// A text already known to show stripped words (`true`) or not.
    #[cfg(test)]
    fn known(shows: bool) -> Self {
        Self {
            text: "",
            known: Some(shows),
        }
    }

    /// Notes `word`, a letter run of the text (in text without ZWNJs every word read after a
    /// space is one), and tells whether a word noted so far showed stripped ZWNJs.
    #[inline]
    fn seen_in(&mut self, word: &Token) -> bool {
        if self.known.is_none() && is_stripped_word(word.text.as_bytes(), word.hash()) {
            self.known = Some(true);
        }
        self.known == Some(true)
    }

    /// [`shows_stripped_words`] of the text.
    fn in_text(&mut self) -> bool {
        let text = self.text;
        *self.known.get_or_insert_with(|| shows_stripped_words(text))
    }
}

/// The lexicon's compounds: joined where the writer spaces affixes by looser evidence, else
/// only those news writers join far more often than they space.
fn compound_join(left_token: &Token, right_token: &Token, context: &Context) -> bool {
    let (left, right) = (left_token.text, right_token.text);
    // Single letters (`و`) and verbal prefixes first: byte tests, cheaper than the lexicon probe.
    if (left_token.class() | right_token.class()) & ONE_LETTER_WORD != 0
        || left_token.class() & VERB_PREFIX_WORD != 0
    {
        return false;
    }
    let Some(joined) = joined_entry_of(left_token, right_token) else {
        return false;
    };
    if !context.writer_spaces_affixes {
        // No sign of how the writer marks joints: only the compounds that news writers join
        // far more often than they space (`جمع آوری`, `اصلاح طلبان`).
        return joined.has(SPACED_JOIN);
    }
    if is_verbal_noun(right) && !joined.has(SPACED_JOIN) {
        return false; // a compound verb (`گوش دادن`, `لب بسته`)
    }
    if super::compounds::news_spaces(left, right) {
        return false;
    }
    // News writers join it; or the lexicon spells it joined and one part is no word of its own
    // (`بین المللی`, `باستان شناسی`): two real words (`امام جمعه`, `نشان داده`) stay apart.
    let bound_part = |w: &str| lexicon().get(w).is_none_or(|e| e.frequency() < BOUND_PART);
    // A productive compound tail (`شناسی`, `نامه`) joins a compound hazm lists, unless it is a
    // light verb (`نشان داده`, `مشخص شدن`).
    let tail = |w: &str| {
        lexicon().get(w).is_some_and(|e| e.has(COMPOUND_TAIL))
            && ![
                "داد", "داده", "شد", "شده", "شدن", "کرد", "کردن", "کرده", "بار", "حاضر",
            ]
            .contains(&w)
    };
    Some(joined).is_some_and(|e| {
        e.has(SPACED_JOIN)
            || bound_part(left)
            || bound_part(right)
            || (e.has(LISTED) && tail(right))
            || (e.has(LISTED)
                && e.zwnj_bucket() >= LISTED_JOIN_SEEN
                && !super::restore::looks_like_verb(right)
                && i32::from(e.zwnj_bucket()) - i32::from(e.glued_bucket()) >= LISTED_JOIN_MARGIN)
    })
}

/// Degree suffixes, with the person endings the comparative takes (`بالغ تریم`).
const DEGREE_TAILS: [&str; 6] = ["ترین", "تر", "تری", "تریم", "ترند", "ترید"];

/// In text that does not type ZWNJs: a content word followed by a degree suffix or a bound
/// compound tail (`شریف ترین`, `مرمت گران`), or a pair the compound table joins.
fn spaced_compound(
    left_token: &Token,
    right_token: &Token,
    next: &str,
    spaced_writer: bool,
) -> bool {
    let (left, right) = (left_token.text, right_token.text);
    if left_token.has_zwnj() || right_token.has_zwnj() {
        return false;
    }
    if attributive_participle(left, right, next) {
        return true;
    }
    if (left_token.class() | right_token.class()) & (NEVER_JOINED_WORD | ONE_LETTER_WORD) != 0
        || left_token.class() & VERB_PREFIX_WORD != 0
    {
        return false;
    }
    // A degree suffix or a bound tail after any word but a function word.
    let content_left = || {
        lexicon()
            .get_hashed(left, left_token.hash())
            .is_none_or(|e| !e.has(STOPWORD))
    };
    let suffix_like = DEGREE_TAIL_SET.contains(right)
        || (!is_suffix_word(right)
            && super::compounds::is_bound_tail_hashed(right, right_token.hash(), spaced_writer));
    if suffix_like && content_left() {
        return true;
    }
    // An infinitive or participle after a noun is a compound verb (`گوش دادن`, `لب بسته`),
    // written apart.
    // (Most words start no compound: one filter probe spares the lookups of the pair and of
    // every stem.)
    let may_head = super::compounds::may_head_compound_hashed(left_token.hash());
    let pair = (left_token.hash(), right_token.hash());
    if may_head && super::compounds::is_spaced_compound_hashed(left, right, pair, spaced_writer) {
        return !is_verbal_noun(right);
    }
    // An inflected compound (`کاسب کارها`, `قبیله سالاران`): the compound with its ending.
    // (Only the endings that share the word's last letter are tried.)
    may_head
        && inflected_stems(right).any(|stem| {
            let stem_pair = (left_token.hash(), word_hash(stem.as_bytes()));
            super::compounds::is_spaced_compound_hashed(left, stem, stem_pair, spaced_writer)
                && !is_verbal_noun(stem)
        })
}

/// Participles that make compound adjectives with the word before them (`انجام‌شده`,
/// `وحشت‌زده`, `صدمه‌دیده`, `خاک‌خورده`). Other light verbs' participles (`کرده`, `داده`,
/// `گرفته`, `آمده`) are almost always verbs in running text.
const ATTRIBUTIVE_PARTICIPLES: [&str; 4] = ["شده", "زده", "دیده", "خورده"];

/// Words after a participle that show it is a verb (`انجام شده است`, `… شده و`) or that end
/// its phrase: auxiliaries, verb prefixes, another participle, clause-joining words.
const VERBAL_CONTEXT: [&str; 34] = [
    "است",
    "بود",
    "بودند",
    "بوده",
    "بودم",
    "بودیم",
    "باشد",
    "باشند",
    "باشی",
    "باشید",
    "باشیم",
    "باشم",
    "اند",
    "ایم",
    "اید",
    "ام",
    "هست",
    "شد",
    "شده",
    "شود",
    "شوند",
    "شدند",
    "می",
    "نمی",
    "و",
    "که",
    "تا",
    "این",
    "آن",
    "نیز",
    "هم",
    "یا",
    "اما",
    "ولی",
];

/// True when `left right` is a compound adjective: a content word and an
/// [`ATTRIBUTIVE_PARTICIPLES`] member used as an adjective, which the Academy's orthography
/// joins with a ZWNJ (`مواد استخراج‌شده در`), not as a compound verb (`استخراج شده است`).
/// The use shows in the `next` word: one follows in the same clause and it is not
/// [`VERBAL_CONTEXT`] nor a spaced suffix of the participle itself (`شده ای`). The pair must be
/// one the lexicon spells with a ZWNJ, or follow a bound compound tail (`اندازه گیری شده`): news
/// drops the auxiliary of verbs (`باعث شده امروزه …`), and those pairs are never written as one.
fn attributive_participle(left: &str, right: &str, next: &str) -> bool {
    ATTRIBUTIVE_PARTICIPLES.contains(&right)
        && !next.is_empty()
        && !VERBAL_CONTEXT_SET.contains(next)
        && !next.contains(ZWNJ)
        && !is_suffix_word(next)
        && left.chars().nth(1).is_some()
        && !has_zwnj(left)
        && !NEVER_JOINED_SET.contains(left)
        && !VERB_PREFIXES.contains(&left)
        && (super::compounds::is_bound_tail(left, true)
            || (lexicon().get(left).is_none_or(|e| !e.has(STOPWORD)) && zwnj_between(left, right)))
}

/// Endings a compound takes after its second part: plural, degree, adjective/indefinite `ی`,
/// as [`inflections_ending_like`] picks them by their last letter.
#[cfg(test)]
const INFLECTIONS: [&str; 7] = ["هایی", "های", "ها", "ترین", "تر", "ان", "ی"];

/// `word` without `ending` (`str::strip_suffix`, compared from the last byte, where endings
/// differ, without a call to compare memory).
#[inline]
fn strip_ending<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    let cut = word.len().checked_sub(ending.len())?;
    let same = word.as_bytes()[cut..]
        .iter()
        .rev()
        .zip(ending.as_bytes().iter().rev())
        .all(|(a, b)| a == b);
    if same { word.get(..cut) } else { None }
}

/// The endings a compound takes after its second part (plural, degree, adjective/indefinite
/// `ی`) that end in the last letter of `word` (`ی ا ن ر`, else none): one
/// test of that letter picks the endings worth stripping, where trying all seven costs a
/// comparison each at every word after a compound head.
#[inline]
fn inflections_ending_like(word: &str) -> &'static [&'static str] {
    match word.as_bytes() {
        [.., 0xDB, 0x8C] => &["هایی", "های", "ی"],
        [.., 0xD8, 0xA7] => &["ها"],
        [.., 0xD9, 0x86] => &["ترین", "ان"],
        [.., 0xD8, 0xB1] => &["تر"],
        _ => &[],
    }
}

/// A past stem + `ن` or `ه`: an infinitive (`زدن`) or a past participle (`بسته`).
fn is_verbal_noun(word: &str) -> bool {
    word.strip_suffix(['ن', 'ه'])
        .and_then(|stem| lexicon().get(stem))
        .is_some_and(|e| e.has(super::lexicon::PAST_STEM))
}

/// A compound hazm lists is joined in spaced text when news writes it with ZWNJ this much more
/// often than glued (2^(24/8) = 8×) and at least [`LISTED_JOIN_SEEN`] times: an established
/// compound, not two words that happen to meet (`سال گذشته`) nor a compound verb (`پیش آمد`).
const LISTED_JOIN_MARGIN: i32 = 24;
/// Bucket 48: the ZWNJ spelling seen about 64 times.
const LISTED_JOIN_SEEN: u8 = 48;

/// A part seen less often than this (bucket 72 ≈ 500 times) is not taken as a word of its own.
const BOUND_PART: u8 = 72;

/// True when the text writes a verbal prefix or a plural suffix apart (`می شود`, `کتاب ها`)
/// and has no ZWNJ: its writer types spaces for ZWNJs, so spaced compounds are joined too.
pub(crate) fn writes_affixes_apart(text: &str) -> bool {
    /// [`is_arabic_letter`] for U+0600–U+06FF, by the low bits of the two UTF-8 bytes.
    static LETTERS: [bool; 256] = {
        let mut letters = [false; 256];
        let mut k = 0;
        while k < 256 {
            letters[k] = match char::from_u32(0x600 + k as u32) {
                Some(c) => is_arabic_letter(c),
                None => false,
            };
            k += 1;
        }
        letters
    };
    /// Whether `lead`, `second` is a letter that [`trim_to_word`] keeps at a word's edge.
    #[inline]
    fn is_letter(lead: u8, second: u8) -> bool {
        lead & 0xFC == 0xD8 && LETTERS[usize::from(lead & 0x03) << 6 | usize::from(second & 0x3F)]
    }
    let bytes = text.as_bytes();
    let mut previous = "";
    let mut start = 0;
    // The pieces `text.split(' ')` gives, cut at the spaces a word-wide byte scan finds.
    let ends = byte_hits(bytes, b' ').chain(std::iter::once(text.len()));
    for end in ends {
        let piece = text.get(start..end).unwrap_or("");
        // A piece with a letter at both ends is its own word: only the others are trimmed.
        let word = match *piece.as_bytes() {
            [a, b, .., y, z] if is_letter(a, b) && is_letter(y, z) => piece,
            _ => trim_to_word(piece),
        };
        start = end + 1;
        // Every verbal prefix ends in `می`, every suffix word starts with `ه م ا ت ش ی`:
        // most pairs are turned away by these byte tests before any rule is read.
        if !(ends_like_mi(previous.as_bytes()) || starts_like_suffix_bytes(word.as_bytes())) {
            previous = word;
            continue;
        }
        let after_prefix = previous.ends_with("می")
            && (VERB_PREFIXES.contains(&previous) || is_preverb_mi(previous))
            && is_canonical_affix(previous, word);
        // Other suffixes typed apart (`خانه ای`, `بزرگ ترین`, `زندگی شان`): first letters
        // of the suffix words before the lists are read.
        let spaced_suffix = matches!(word.chars().next(), Some('ا' | 'ی' | 'ت' | 'ش' | 'م'))
            && !previous.is_empty()
            && is_suffix_word(word)
            && is_canonical_affix(previous, word);
        if after_prefix
            || (word.starts_with('ه') && PLURAL_SET.contains(word) && !previous.is_empty())
            || spaced_suffix
        {
            return true;
        }
        previous = word;
    }
    false
}

/// True when `bytes` end in `می`.
#[inline]
fn ends_like_mi(bytes: &[u8]) -> bool {
    matches!(bytes, [.., 0xD9, 0x85, 0xDB, 0x8C])
}

impl Step for AffixJoin {
    fn enabled(&self, config: &Config) -> bool {
        config.join_affixes
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        text.contains(' ')
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        let mut stripped = StrippedWords::of(text);
        // The compound rules, which ask every pair whether a word holds a ZWNJ, only run on
        // text without any: one search of the text answers for all its words.
        let text_has_zwnj = has_zwnj(text);
        // The last word read after a space, by its start: the next space's left word is the
        // previous space's right word, and its right word the previous `next`, so each word is
        // scanned once rather than three times.
        let mut read_right: (usize, Token) = (usize::MAX, Token::new(""));
        let mut read_next: (usize, &str) = (usize::MAX, "");
        let bytes = text.as_bytes();
        // The next space when reading a word has shown it (the byte after the word is one):
        // most words end at a space, and this spares the search for it.
        let mut space_after_word: Option<usize> = None;
        // In text typing ZWNJs most words are skipped unread, so the spaces are found a chunk
        // at a time (the next one is a bit of a mask found already, not a search per space).
        // Elsewhere most words are read, and the space after one is seen then.
        let mut spaces = byte_hits(bytes, b' ');
        let mut from = 0;
        loop {
            let i = match space_after_word.take() {
                Some(i) => i,
                None => match spaces.next_from(from) {
                    Some(i) => i,
                    None => break,
                },
            };
            from = i + 1;
            // Cheap look at the letters around the space before reading whole words: outside
            // spaced-writing text only a prefix (`می`, `نمی`, `برمی`, `بی`: all end in `می`
            // or `بی`) or a suffix word (plural, degree, enclitic) can start a join.
            // (Compared as bytes: decoding the chars at every space costs more.)
            if i == 0 || i + 1 >= text.len() {
                continue;
            }
            // Text that types ZWNJs gets only the affixes.
            let affixes_only = context.writer_uses_zwnj;
            let may_follow_prefix = affixes_only && may_end_prefix_word(&bytes[..i]);
            if affixes_only && !may_follow_prefix && !may_start_suffix_word(&bytes[i + 1..]) {
                continue;
            }
            let right = if read_next.0 == i + 1 {
                read_next.1
            } else {
                word_after(text, i + 1)
            };
            let after_right = i + 1 + right.len();
            if bytes.get(after_right) == Some(&b' ') {
                space_after_word = Some(after_right);
            } else {
                from = after_right;
            }
            let previous_right = std::mem::replace(
                &mut read_right,
                (i + 1, Token::in_text(right, text_has_zwnj)),
            );
            if affixes_only && !may_follow_prefix && !is_suffix_word(right) {
                continue;
            }
            // A word read after a space ends where this space is: it is the word before it.
            let left_token = if previous_right.0 != usize::MAX
                && previous_right.0 + previous_right.1.text.len() == i
            {
                previous_right.1
            } else {
                Token::in_text(word_before(text, i), text_has_zwnj)
            };
            let left = left_token.text;
            // Both words are letters and ZWNJs only: a letter on each side of the space means
            // neither is empty nor has a ZWNJ at that side (bytes, not decoded chars).
            if left.is_empty()
                || right.is_empty()
                || left.as_bytes().ends_with(ZWNJ_STR.as_bytes())
                || right.as_bytes().starts_with(ZWNJ_STR.as_bytes())
            {
                continue;
            }
            let next = match bytes.get(after_right) {
                Some(b' ') if read_next.0 == after_right + 1 => read_next.1,
                Some(b' ') => {
                    let next = word_after(text, after_right + 1);
                    read_next = (after_right + 1, next);
                    next
                }
                _ => "",
            };
            if !should_join(&left_token, &read_right.1, next, context, &mut stripped) {
                continue;
            }
            output.copy_range(input, copied, i);
            copied = i + 1;
            // After a non-joining letter the ZWNJ is invisible but keeps the morpheme boundary
            // (and tells a second run that this text types ZWNJs).
            if last_char(left).is_some_and(is_joining_letter) || config.zwnj_after_non_joining {
                output.push_from(ZWNJ, input.origin(i, context.input_len));
            }
        }
        finish(input, output, copied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_words_are_the_suffix_lists() {
        let lists = PLURAL_SUFFIXES
            .iter()
            .chain(&HEH_ENCLITICS)
            .chain(&["شان", "تان", "مان"])
            .chain(&DEGREE_SUFFIXES);
        let mut listed: Vec<&str> = lists.copied().collect();
        let mut set = SUFFIX_WORDS.words.to_vec();
        listed.sort_unstable();
        set.sort_unstable();
        assert_eq!(listed, set);
    }

    #[test]
    fn suffix_words_start_like_suffixes() {
        for word in SUFFIX_WORDS.words {
            assert!(starts_like_suffix(word), "{word}");
        }
        for word in ["کتاب", "بود", "و", "", "a"] {
            assert!(!starts_like_suffix(word), "{word}");
        }
    }

    #[test]
    fn suffix_words_start_like_suffix_words() {
        for word in SUFFIX_WORDS.words {
            for after in ["", " و", "، "] {
                let text = format!("{word}{after}");
                assert!(may_start_suffix_word(text.as_bytes()), "{text}");
            }
        }
        // The common words that start with a suffix's letter are turned away.
        for text in [
            "این کار",
            "از",
            "است.",
            "یک",
            "ما",
            "یا",
            "تا",
            "می شود",
            "تهران",
        ] {
            let word = word_after(text, 0);
            let may = may_start_suffix_word(text.as_bytes());
            assert!(may || !is_suffix_word(word), "{text}");
        }
        for text in [
            "این کار",
            "از",
            "است.",
            "یک",
            "یا",
            "می شود",
            "تهران",
            "اینها",
        ] {
            assert!(!may_start_suffix_word(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn prefix_word_ends_by_bytes() {
        // Every prefix the rules attach passes, whatever precedes it.
        let preverbs = ["", "باز", "فرو", "فرا", "در", "بر", "ور", "وا"];
        let prefixes = preverbs
            .iter()
            .flat_map(|p| VERB_PREFIXES.iter().map(move |v| format!("{p}{v}")))
            .chain(["بی".to_string()]);
        for prefix in prefixes {
            assert!(
                is_canonical_affix(&prefix, "شود") || prefix == "بی",
                "{prefix}"
            );
            for before in ["", "او ", "«", "کتاب\u{200c}"] {
                let text = format!("{before}{prefix}");
                assert!(may_end_prefix_word(text.as_bytes()), "{text}");
            }
        }
        // Words in `می` / `بی` whose letter before the ending no prefix has.
        for word in ["رسمی", "علمی", "عربی", "خوبی", "غربی", "ممی", "ما", "کتاب"]
        {
            assert!(!may_end_prefix_word(word.as_bytes()), "{word}");
            assert!(!is_canonical_affix(word, "شود"), "{word}");
        }
    }

    #[test]
    fn prefix_and_suffix_letters_by_bytes() {
        for (text, prefix) in [("می", true), ("او بی", true), ("نمی", true), ("ما", false)]
        {
            assert_eq!(ends_like_prefix(text.as_bytes()), prefix, "{text}");
            let chars = text.ends_with("می") || text.ends_with("بی");
            assert_eq!(chars, prefix, "{text}");
        }
        for text in ["پی", "دی", "ی", "", "ممی"] {
            assert_eq!(
                ends_like_prefix(text.as_bytes()),
                text.ends_with("می") || text.ends_with("بی"),
                "{text}"
            );
        }
        for first in ["ه", "ت", "ا", "ی", "ش", "م"] {
            assert!(starts_like_suffix_bytes(format!("{first}ب").as_bytes()));
        }
        // The canonical rules need a final yeh on the left or a suffix word on the right.
        for (left, right) in [("می", "شود"), ("کتاب", "ها"), ("بی", "جا"), ("رفته", "اند")]
        {
            assert!(is_canonical_affix(left, right) && may_be_canonical_affix(left, right));
        }
        assert!(!may_be_canonical_affix("کتاب", "خوب"));
    }

    #[test]
    fn endings_strip_like_strip_suffix() {
        for word in ["کارها", "ها", "کتاب", "", "های", "سالاران", "a"] {
            for ending in INFLECTIONS {
                assert_eq!(
                    strip_ending(word, ending),
                    word.strip_suffix(ending),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn inflections_are_picked_by_the_last_letter() {
        let words = INFLECTIONS
            .iter()
            .map(|ending| format!("کار{ending}"))
            .chain(["کتاب", "شد", "", "a", "کاری", "سالاران"].map(String::from));
        for word in words {
            let picked = inflections_ending_like(&word);
            assert!(picked.iter().all(|ending| INFLECTIONS.contains(ending)));
            for ending in INFLECTIONS {
                // Every ending the word has is tried; the others share at most its last letter.
                let shares_last_letter = word.chars().next_back() == ending.chars().next_back();
                assert!(
                    !word.ends_with(ending) || picked.contains(&ending),
                    "{word}"
                );
                assert_eq!(
                    picked.contains(&ending),
                    shares_last_letter,
                    "{word} {ending}"
                );
            }
        }
    }

    #[test]
    fn tokens_know_their_class() {
        for word in ["از", "می", "نمی", "و", "کتاب", "", "است"] {
            let class = Token::new(word).class();
            assert_eq!(
                class & NEVER_JOINED_WORD != 0,
                NEVER_JOINED_SET.contains(word)
            );
            assert_eq!(class & VERB_PREFIX_WORD != 0, VERB_PREFIXES.contains(&word));
            assert_eq!(class & ONE_LETTER_WORD != 0, word.chars().count() <= 1);
        }
    }

    #[test]
    fn tokens_see_their_zwnj() {
        for word in [
            "کتاب\u{200C}ها",
            "\u{200C}",
            "کتاب",
            "",
            "می\u{200C}شود\u{200C}ها",
        ] {
            assert_eq!(Token::new(word).has_zwnj(), has_zwnj(word), "{word}");
            let in_text = Token::in_text(word, has_zwnj(word)).has_zwnj();
            assert_eq!(in_text, has_zwnj(word), "{word}");
            assert_eq!(Token::new(word).hash(), word_hash(word.as_bytes()));
        }
    }

    #[test]
    fn canonical_affixes() {
        assert!(is_canonical_affix("می", "شود"));
        assert!(!is_canonical_affix("می", "از"));
        assert!(!is_canonical_affix("می", "سال"));
        assert!(is_canonical_affix("برمی", "گردد"));
        assert!(is_canonical_affix("زندگی", "شان"));
        assert!(is_canonical_affix("کتاب", "ها"));
        assert!(is_canonical_affix("رفته", "اند"));
        assert!(!is_canonical_affix("که", "ای"));
        assert!(!is_canonical_affix("خواهد", "بود"));
        assert!(!lexicon_joins("شده", "است"));
        assert!(is_canonical_affix("بی", "جا"));
        assert!(!is_canonical_affix("بی", "بی"));
        assert!(!is_canonical_affix("بی", "سی"));
    }

    fn joins(left: &str, right: &str, context: &Context) -> bool {
        should_join(
            &Token::new(left),
            &Token::new(right),
            "",
            context,
            &mut StrippedWords::known(false),
        )
    }

    fn joins_in_stripped_text(left: &str, right: &str, context: &Context) -> bool {
        should_join(
            &Token::new(left),
            &Token::new(right),
            "",
            context,
            &mut StrippedWords::known(true),
        )
    }

    /// The three writers the joining rules tell apart: one who types affixes after a space, one
    /// whose text shows no habit, one who types ZWNJs.
    fn writing_habits() -> (Context, Context, Context) {
        let spaced = Context {
            writer_spaces_affixes: true,
            ..Context::default()
        };
        let typed = Context {
            writer_uses_zwnj: true,
            ..Context::default()
        };
        (spaced, Context::default(), typed)
    }

    #[test]
    fn stripped_words_are_seen() {
        assert!(shows_stripped_words("او گفت این کار انجام میشود"));
        assert!(shows_stripped_words("کتابها را خواند"));
        assert!(!shows_stripped_words("او گفت این کار انجام می شود"));
        assert!(!shows_stripped_words("آنها رفتند"));
    }

    #[test]
    fn stripped_words_noted_while_reading() {
        for text in [
            "او گفت این کار انجام میشود",
            "کتابها را خواند",
            "او گفت این کار انجام می شود",
            "آنها رفتند",
            "گفت «میشود» و رفت",
            "گفت:کتابها را خواند",
            "میشود",
        ] {
            let shows = shows_stripped_words(text);
            let mut stripped = StrippedWords::of(text);
            let mut seen = false;
            for (space, _) in text.match_indices(' ') {
                seen |= stripped.seen_in(&Token::new(word_after(text, space + 1)));
            }
            // A word read after a space is a letter run: seeing one is the paragraph's answer.
            assert!(!seen || shows, "{text}");
            assert_eq!(stripped.in_text(), shows, "{text}");
        }
        let text = "او گفت میشود";
        assert!(StrippedWords::of(text).seen_in(&Token::new("میشود")));
        assert!(!StrippedWords::of(text).seen_in(&Token::new("گفت")));
        assert!(!StrippedWords::known(false).seen_in(&Token::new("میشود")));
    }

    #[test]
    fn compounds_by_writing_habit() {
        let (spaced, unmarked, typed) = writing_habits();
        // Joined far more often than spaced: in any text without ZWNJs.
        assert!(joins("جمع", "آوری", &unmarked));
        assert!(joins("جمع", "آوری", &spaced));
        assert!(!joins("جمع", "آوری", &typed));
        // An established compound: where the writer spaces affixes, or where the text shows no
        // stripped ZWNJs.
        assert!(joins("ذوب", "آهن", &spaced));
        assert!(joins_in_stripped_text("ذوب", "آهن", &spaced));
        assert!(joins("ذوب", "آهن", &unmarked));
        assert!(!joins_in_stripped_text("ذوب", "آهن", &unmarked));
        assert!(joins_in_stripped_text("کتاب", "ها", &unmarked));
        assert!(!joins("ذوب", "آهن", &typed));
        // A content word before a bound tail or a degree suffix.
        assert!(joins("تصمیم", "گیری", &spaced));
        assert!(joins("شریف", "ترین", &spaced));
        assert!(!joins("این", "ترین", &spaced));
        // Two words that meet, and a compound verb, stay apart.
        assert!(!joins("سال", "گذشته", &spaced));
        assert!(!joins("پیش", "آمد", &spaced));
        assert!(!joins("نشان", "داده", &spaced));
    }

    #[test]
    fn compound_filters_never_turn_a_join_away() {
        // Heads, tails, inflected compounds, participles, degree suffixes and plain words:
        // every pair of them, in both writers the compound rules serve.
        let words = [
            "جمع",
            "آوری",
            "ذوب",
            "آهن",
            "تصمیم",
            "گیری",
            "شریف",
            "ترین",
            "تر",
            "تری",
            "مرمت",
            "گران",
            "کاسب",
            "کارها",
            "کار",
            "قبیله",
            "سالاران",
            "برنامه",
            "ریزی",
            "ریزیهای",
            "سه",
            "شنبه",
            "بین",
            "المللی",
            "باستان",
            "شناسی",
            "اصلاح",
            "طلبان",
            "طلب",
            "انجام",
            "شده",
            "زده",
            "دیده",
            "خورده",
            "وحشت",
            "صدمه",
            "خاک",
            "امام",
            "جمعه",
            "نشان",
            "داده",
            "سال",
            "گذشته",
            "پیش",
            "آمد",
            "کتاب",
            "ها",
            "این",
            "از",
            "و",
            "شهر",
            "تهران",
            "گفت",
            "وزیر",
            "امور",
            "خارجه",
            "سازی",
            "نامه",
            "کننده",
            "نگاران",
            "خبر",
            "روزنامه",
            "بهره",
            "برداری",
            "سرمایه",
            "گذاری",
            "هم",
            "اندیشی",
            "دانش",
            "آموزان",
        ];
        let mut joined = 0;
        for spaced_writer in [false, true] {
            let context = Context {
                writer_spaces_affixes: spaced_writer,
                ..Context::default()
            };
            for left in words {
                for right in words {
                    let (left, right) = (Token::new(left), Token::new(right));
                    if spaced_compound(&left, &right, "در", spaced_writer) {
                        joined += 1;
                        assert!(
                            may_be_spaced_compound(&left, &right, spaced_writer),
                            "{} {}",
                            left.text,
                            right.text
                        );
                    }
                    if compound_join(&left, &right, &context) {
                        joined += 1;
                        let pair = pair_hash(left.hash(), right.hash());
                        assert!(
                            lexicon().may_join_with_zwnj(pair),
                            "{} {}",
                            left.text,
                            right.text
                        );
                    }
                }
            }
        }
        // The sweep saw joins of every kind, not an empty set.
        assert!(joined >= 20, "{joined}");
    }

    #[test]
    fn participles_used_as_adjectives() {
        let (spaced, unmarked, typed) = writing_habits();
        let joins_before = |left, right, next, context: &Context| {
            should_join(
                &Token::new(left),
                &Token::new(right),
                next,
                context,
                &mut StrippedWords::known(false),
            )
        };
        // A word of the same phrase follows: a compound adjective (`کارهای انجام‌شده در`).
        assert!(joins_before("انجام", "شده", "در", &spaced));
        assert!(joins_before("وحشت", "زده", "جیغ", &spaced));
        assert!(joins_before("انجام", "شده", "در", &unmarked));
        assert!(!joins_before("انجام", "شده", "در", &typed));
        // Only the compounds the lexicon spells joined: not a verb whose auxiliary news drops.
        assert!(!joins_before("هجرت", "شده", "پنج", &unmarked));
        assert!(!joins_before("باعث", "شده", "امروزه", &spaced));
        assert!(joins_before("گیری", "شده", "در", &spaced));
        // A verb: an auxiliary, a conjunction, a spaced suffix or the clause's end follows.
        assert!(!joins_before("انجام", "شده", "است", &spaced));
        assert!(!joins_before("انجام", "شده", "و", &spaced));
        assert!(!joins_before("یادآور", "شده", "ای", &spaced));
        assert!(!joins_before("انجام", "شده", "", &spaced));
        // Light verbs whose participles are verbs in running text, and function words.
        assert!(!joins_before("بازی", "کرده", "در", &spaced));
        assert!(!joins_before("این", "شده", "در", &spaced));
    }
}
