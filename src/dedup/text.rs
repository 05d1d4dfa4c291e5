//! Turns a normalized paragraph into the comparable pieces fingerprints are made of: a spacing-free
//! matching key, word tokens with bound morphemes glued on, the numbers it states and its negations.
//!
//! Re-typed copies differ in keyboard habits only (ZWNJ dropped or turned into a space, Arabic or
//! Persian yeh/kaf, digits, punctuation, doubled spaces); everything here is built so those habits
//! give the same output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Hashes the short strings of the word lists with xxh3 instead of SipHash (they are looked up
/// once per word of the corpus).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // FxHash-style: words are short and the sets small, so speed beats strength here.
        const K: u64 = 0x517c_c1b7_2722_0a95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, byte: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(byte);
    }
}

type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

/// Bound morphemes derived from Persian Wikipedia word counts by `data/derive_morphemes.py`
/// (ATTRIBUTION: vocabulary from github Text-Mining/Persian-Wikipedia-Corpus, CC BY-SA; only the
/// derived list of pieces is committed).
const BOUND_MORPHEMES: &str = include_str!("data/bound_morphemes.txt");

/// What a word is to the tokenizer, as bit flags (one lookup per word answers every question).
pub(super) const PREFIX: u8 = 1;
pub(super) const SUFFIX: u8 = 2;
pub(super) const NUMBER: u8 = 4;

type WordClasses = HashMap<&'static str, u8, BuildHasherDefault<WordHasher>>;

/// The word classes in a table addressed by a hash of the word's length and first and last bytes:
/// nearly every word finds its slot empty, and a classed word is compared with the one or two
/// words filed under its slot, never hashed in full.
struct Classes {
    /// For each slot, 1 + the index in `entries` of the first word filed there (0: none).
    slots: Box<[u16; CLASS_SLOTS]>,
    /// (word, class bits, 1 + index of the next word in the same slot or 0).
    entries: Vec<(&'static str, u8, u16)>,
    /// The suffixes, read from their ends.
    suffixes: SuffixTrie,
}

const CLASS_SLOT_BITS: u32 = 13;
const CLASS_SLOTS: usize = 1 << CLASS_SLOT_BITS;

/// Slot of a word: its length, up to four leading and two trailing bytes, mixed.
fn class_slot(piece: &[u8]) -> usize {
    let head = match piece {
        [a, b, c, d, ..] => u32::from_le_bytes([*a, *b, *c, *d]),
        short => short
            .iter()
            .rev()
            .fold(0, |head, &byte| (head << 8) | u32::from(byte)),
    };
    let tail = match piece {
        [.., before, last] => u16::from_le_bytes([*before, *last]),
        _ => 0,
    };
    let key = u64::from(head) | (u64::from(tail) << 32) | ((piece.len() as u64 & 0xFFFF) << 48);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CLASS_SLOT_BITS)) as usize
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let mut words = WordClasses::default();
    for line in BOUND_MORPHEMES.lines() {
        match line.split_once('\t') {
            Some(("prefix", piece)) => *words.entry(piece).or_default() |= PREFIX,
            Some(("suffix", piece)) => *words.entry(piece).or_default() |= SUFFIX,
            _ => {}
        }
    }
    // Single-letter pieces are too ambiguous for the derived list but are the commonest joints.
    for piece in ["ی", "ای"] {
        *words.entry(piece).or_default() |= SUFFIX;
    }
    for word in NUMBER_WORDS {
        *words.entry(word).or_default() |= NUMBER;
    }
    let mut slots = Box::new([0u16; CLASS_SLOTS]);
    let mut entries = Vec::with_capacity(words.len());
    for (word, class) in &words {
        if let Some(first) = slots.get_mut(class_slot(word.as_bytes())) {
            entries.push((*word, *class, *first));
            *first = entries.len() as u16;
        }
    }
    let suffixes = SuffixTrie::new(
        words
            .iter()
            .filter(|(_, class)| **class & SUFFIX != 0)
            .map(|(word, _)| *word),
    );
    Classes {
        slots,
        entries,
        suffixes,
    }
});

/// Is `piece` a bound prefix (`می`, `نمی`...)?
pub fn is_prefix(piece: &str) -> bool {
    class_of(piece) & PREFIX != 0
}

/// Is `piece` a bound suffix or compound tail (`ها`, `ترین`, `دهد`...), which on its own is no
/// token?
pub fn is_suffix(piece: &str) -> bool {
    class_of(piece) & SUFFIX != 0
}

/// Prefixes a copy may lose as a word of their own (`می دهند` → `دهند`, `بی تفاوتی` → `تفاوتی`).
pub const DETACHABLE_PREFIXES: [&str; 3] = ["می", "نمی", "بی"];

/// The [`PREFIX`], [`SUFFIX`] and [`NUMBER`] bits of a word.
pub(super) fn class_of(word: &str) -> u8 {
    let classes = &*CLASSES;
    let mut next = classes
        .slots
        .get(class_slot(word.as_bytes()))
        .copied()
        .unwrap_or(0);
    while let Some(&(listed, class, after)) = classes.entries.get(usize::from(next).wrapping_sub(1))
    {
        if listed == word {
            return class;
        }
        next = after;
    }
    0
}

/// Folds one character for matching: `None` drops it, `Some(' ')` makes it a word separator.
pub(super) fn fold_char(c: char) -> Option<char> {
    // Fast paths for the characters nearly all text is made of.
    if c.is_ascii() {
        return Some(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            ' '
        });
    }
    if matches!(
        c,
        'آ' | 'ا' | 'ب' | 'ت'
            ..='غ' | 'ف' | 'ق' | 'ل' | 'م' | 'ن' | 'ه' | 'و' | 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'
    ) {
        return Some(c);
    }
    Some(match c {
        'ي' | 'ى' | 'ئ' | 'ې' | 'ۍ' => 'ی',
        'ك' | 'ڪ' => 'ک',
        'ة' | 'ۀ' | 'ە' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        // ZWNJ, joiners, direction marks, BOM, tatweel and Arabic diacritics carry no letters.
        '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | 'ـ' => return None,
        '\u{064b}'..='\u{065f}' | '\u{0670}' => return None,
        c if c.is_alphanumeric() => c,
        _ => ' ',
    })
}

/// Characters [`fold_char`] folds completely on its own.
pub(super) fn folds_locally(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{0600}'..='\u{06FF}' // Arabic block: letters, digits, marks, Arabic punctuation
            | '\u{200B}'..='\u{200F}' // zero-width characters and direction marks
            | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis
            | '«' | '»' | '\u{00A0}' | '\u{FEFF}')
}

/// The paragraph folded for matching: letters and digits folded, ZWNJ and marks dropped,
/// punctuation and whitespace turned into single spaces.
pub fn match_form(text: &str) -> String {
    fold_for_matching(text, false)
}

/// Like [`match_form`], but a ZWNJ separates words: the pieces of `این‌صورت` or `دانش‌آموزان`, so
/// that a copy which split the compound (or dropped one of its pieces) finds them.
#[cfg(test)]
pub fn split_form(text: &str) -> String {
    fold_for_matching(text, true)
}

pub use crate::normalize::script::has_zwnj;

/// The pieces of the ZWNJ compounds of `text` only (`در غیر این‌صورت` → `این صورت`), folded
/// like [`match_form`]: what [`split_form`] adds, at the cost of the compounds alone.
pub fn zwnj_pieces(text: &str) -> String {
    let mut compounds = String::with_capacity(text.len());
    // A byte search: `str::contains` on ZWNJ stops at every `ی`, which shares its last byte.
    for word in text.split(char::is_whitespace) {
        if has_zwnj(word) {
            compounds.push_str(word);
            compounds.push(' ');
        }
    }
    fold_for_matching(&compounds, true)
}

fn fold_for_matching(text: &str, zwnj_separates: bool) -> String {
    // The normalizer's fold knows every letter variant and compatibility form; this module's own
    // folding knows the characters nearly all Persian news is written in, and skips the
    // normalizer's pass (and its allocations) when nothing else occurs.
    if let Some(out) = fold_common(text, zwnj_separates) {
        return out;
    }
    let general = crate::normalize::fold(text);
    let folded = general.as_str();
    let mut out = String::with_capacity(folded.len());
    let mut pending_space = false;
    let folded_char = |c: char| {
        if zwnj_separates && c == '\u{200c}' {
            Some(' ')
        } else {
            fold_char(c)
        }
    };
    for c in folded.chars().filter_map(folded_char) {
        push_folded(&mut out, &mut pending_space, c);
    }
    out
}

/// Appends one folded character, turning runs of separators into one space between words.
#[inline]
fn push_folded(out: &mut String, pending_space: &mut bool, c: char) {
    if c == ' ' {
        *pending_space = !out.is_empty();
    } else {
        if *pending_space {
            out.push(' ');
            *pending_space = false;
        }
        out.push(c);
    }
}

/// What [`fold_char`] makes of each character of the Arabic block (U+0600..U+06FF), looked up by
/// the low byte of the code point: `NONE` drops it, anything else is the folded character.
static ARABIC_BLOCK_FOLDS: LazyLock<[char; 256]> = LazyLock::new(|| {
    let mut table = ['\0'; 256];
    for (low, slot) in table.iter_mut().enumerate() {
        let c = char::from_u32(0x0600 + low as u32).unwrap_or(' ');
        *slot = fold_char(c).unwrap_or('\0');
    }
    table
});

/// What the match fold does to one character of the Arabic block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockFold {
    /// Kept as it is.
    Same,
    /// Dropped (ZWNJ-like marks, diacritics, tatweel).
    Drop,
    /// Ends a word (punctuation).
    Separator,
    /// Replaced by another character (a letter variant, a digit).
    Into(char),
}

/// [`BlockFold`] of each character U+0600..U+06FF, by the low byte of its code point.
pub(super) fn arabic_block_folds() -> &'static [BlockFold; 256] {
    static TABLE: LazyLock<[BlockFold; 256]> = LazyLock::new(|| {
        std::array::from_fn(|low| {
            let c = char::from_u32(0x0600 + low as u32).unwrap_or(' ');
            match fold_char(c) {
                None => BlockFold::Drop,
                Some(' ') => BlockFold::Separator,
                Some(folded) if folded == c => BlockFold::Same,
                Some(folded) => BlockFold::Into(folded),
            }
        })
    });
    &TABLE
}

/// [`fold_for_matching`] for text made only of characters [`folds_locally`] accepts, read byte by
/// byte with table lookups for ASCII and the two-byte Arabic block; `None` when some other
/// character occurs (the caller then folds through the normalizer).
fn fold_common(text: &str, zwnj_separates: bool) -> Option<String> {
    let arabic = &*ARABIC_BLOCK_FOLDS;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Start of the run of characters that fold to themselves, copied in one go when it ends.
    let mut run: Option<usize> = None;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (folded, width, unchanged) = if lead < 0x80 {
            let c = if lead.is_ascii_alphanumeric() {
                char::from(lead.to_ascii_lowercase())
            } else {
                ' '
            };
            (
                Some(c),
                1,
                lead.is_ascii_lowercase() || lead.is_ascii_digit(),
            )
        } else if let Some(&next) = bytes.get(at + 1).filter(|_| (0xD8..=0xDB).contains(&lead)) {
            // A valid `str`: the continuation byte is there. Code point 0x600 + low byte.
            let low = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
            let folded = arabic[low];
            (
                Some(folded).filter(|&c| c != '\0'),
                2,
                u32::from(folded) == 0x0600 + low as u32,
            )
        } else {
            let c = text.get(at..).and_then(|rest| rest.chars().next())?;
            if !folds_locally(c) {
                return None;
            }
            let folded = if zwnj_separates && c == '\u{200c}' {
                Some(' ')
            } else {
                fold_char(c)
            };
            (folded, c.len_utf8(), false)
        };
        if unchanged {
            if run.is_none() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                run = Some(at);
            }
        } else {
            if let Some(start) = run.take() {
                out.push_str(text.get(start..at).unwrap_or_default());
            }
            if let Some(folded) = folded {
                push_folded(&mut out, &mut pending_space, folded);
            }
        }
        at += width;
    }
    if let Some(start) = run {
        out.push_str(text.get(start..).unwrap_or_default());
    }
    Some(out)
}

/// Hash of the letters and digits of a match form, spaces ignored: spacing and ZWNJ habits collide.
#[cfg(test)]
pub fn spaceless_hash(match_form: &str) -> u64 {
    let bytes: Vec<u8> = match_form.bytes().filter(|&b| b != b' ').collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Word tokens, held in one buffer (a paragraph's tokens cost two allocations, not one each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Tokens {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .map(|&(start, end)| self.buf.get(start..end).unwrap_or_default())
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The `i`-th token.
    pub fn get(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.spans.get(i)?;
        self.buf.get(start..end)
    }
}

/// Word tokens of a match form, spelled the same whichever way a writer joined their pieces:
/// prefixes (`می`, `نمی`...) are glued to the next word, a bound suffix or compound tail (`های`,
/// `ترین`, `گیری`, `المللی`...) is cut off the end of a word, and one standing alone is dropped.
/// So `می شود`/`میشود`/`می‌شود`, `برنامه های`/`برنامه‌های` and `تصمیم گیری`/`تصمیم‌گیری` agree,
/// and a suffix stranded by a dropped word adds nothing.
pub fn tokens(match_form: &str) -> Tokens {
    let mut buf = String::with_capacity(match_form.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(match_form.len() / 8 + 1);
    // Start in `buf` of prefixes waiting for the word they belong to.
    let mut pending_prefix: Option<usize> = None;
    for word in match_form.split_ascii_whitespace() {
        let class = class_of(word);
        if class & PREFIX != 0 {
            pending_prefix.get_or_insert(buf.len());
            buf.push_str(word);
            continue;
        }
        let start = match pending_prefix.take() {
            Some(start) => start,
            None if class & SUFFIX != 0 => continue,
            None => buf.len(),
        };
        buf.push_str(word);
        let token = buf.get(start..).unwrap_or_default();
        spans.push((start, start + stem_len(token)));
    }
    if let Some(start) = pending_prefix {
        spans.push((start, buf.len()));
    }
    Tokens { buf, spans }
}

/// `token` without its longest bound suffix, keeping at least two letters.
pub fn stem(token: &str) -> &str {
    token.get(..stem_len(token)).unwrap_or(token)
}

/// Length in bytes of `token` without its bound suffixes (stripped one after another, longest
/// first: `تصمیمگیریها` → `تصمیمگیری` → `تصمیم`), keeping at least two letters.
pub fn stem_len(token: &str) -> usize {
    // Where the third character starts: every stem keeps the first two.
    let Some((earliest, _)) = token.char_indices().nth(2) else {
        return token.len();
    };
    let bytes = token.as_bytes();
    let mut end = token.len();
    while let Some(at) = bytes
        .get(..end)
        .and_then(|stem| CLASSES.suffixes.longest_from(stem, earliest))
        .filter(|&at| at < end)
    {
        end = at;
    }
    end
}

/// One step of [`stem_len`] (the tests' reference).
#[cfg(test)]
fn strip_one_suffix(token: &str) -> Option<&str> {
    let third_char = token.char_indices().nth(2)?.0;
    let at = CLASSES
        .suffixes
        .longest_from(token.as_bytes(), third_char)?;
    token.get(..at)
}

/// The bound suffixes as a trie of their letters read backwards: walking a word from its end finds
/// every suffix it ends in, and most words leave the trie after a letter or two. Letters are
/// Arabic-block characters, keyed by the low byte of their code point; the rare suffix with any
/// other character is checked on its own.
struct SuffixTrie {
    /// Children of the root by letter (0: none; node 0 is the root and no child).
    root: Box<[u32; 256]>,
    /// Node 0 is the root (the empty suffix).
    nodes: Vec<TrieNode>,
    /// Suffixes with a character outside the Arabic block.
    others: Vec<&'static str>,
}

#[derive(Default)]
struct TrieNode {
    /// A whole suffix ends here.
    complete: bool,
    /// (letter, node) pairs.
    children: Vec<(u8, u32)>,
}

/// The Arabic-block letter ending `word[..end]`, as the low byte of its code point.
fn arabic_letter_before(word: &[u8], end: usize) -> Option<u8> {
    let lead = *word.get(end.checked_sub(2)?)?;
    let last = *word.get(end - 1)?;
    // In a `str`, a lead byte 0xD8..=0xDB starts a two-byte character: U+0600..U+06FF.
    ((0xD8..=0xDB).contains(&lead) && last & 0xC0 == 0x80)
        .then_some(((lead & 0x03) << 6) | (last & 0x3F))
}

impl SuffixTrie {
    fn new(suffixes: impl Iterator<Item = &'static str>) -> Self {
        let mut trie = SuffixTrie {
            root: Box::new([0; 256]),
            nodes: vec![TrieNode::default()],
            others: Vec::new(),
        };
        for suffix in suffixes {
            if !suffix
                .chars()
                .all(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
                || suffix.is_empty()
            {
                trie.others.push(suffix);
                continue;
            }
            let bytes = suffix.as_bytes();
            let mut node = 0;
            let mut end = bytes.len();
            while let Some(letter) = arabic_letter_before(bytes, end) {
                end -= 2;
                node = match trie.child(node, letter) {
                    Some(child) => child,
                    None => {
                        let child = trie.nodes.len();
                        trie.nodes.push(TrieNode::default());
                        if node == 0 {
                            trie.root[usize::from(letter)] = child as u32;
                        } else if let Some(parent) = trie.nodes.get_mut(node) {
                            parent.children.push((letter, child as u32));
                        }
                        child
                    }
                };
            }
            if let Some(last) = trie.nodes.get_mut(node) {
                last.complete = true;
            }
        }
        trie
    }

    fn child(&self, node: usize, letter: u8) -> Option<usize> {
        if node == 0 {
            let child = self.root[usize::from(letter)];
            return (child != 0).then_some(child as usize);
        }
        self.nodes
            .get(node)?
            .children
            .iter()
            .find(|(l, _)| *l == letter)
            .map(|&(_, child)| child as usize)
    }

    /// Start of the longest suffix `word` ends in that starts at or after byte `earliest`.
    fn longest_from(&self, word: &[u8], earliest: usize) -> Option<usize> {
        let mut node = 0;
        let mut longest = None;
        let mut end = word.len();
        while let Some(letter) = arabic_letter_before(word, end) {
            end -= 2;
            if end < earliest {
                break;
            }
            let Some(child) = self.child(node, letter) else {
                break;
            };
            node = child;
            if self.nodes.get(node).is_some_and(|n| n.complete) {
                longest = Some(end);
            }
        }
        for other in &self.others {
            if word.ends_with(other.as_bytes()) {
                let at = word.len() - other.len();
                if at >= earliest && longest.is_none_or(|best| at < best) {
                    longest = Some(at);
                }
            }
        }
        longest
    }
}

/// Function words: a copy that adds one (`که`, `خود`, `را`) adds no fact. Particles only: verbs
/// and nouns such as `کرد` or `مورد` are also the stems of content words.
pub const FUNCTION_WORDS: &[&str] = &[
    "و",
    "در",
    "به",
    "از",
    "که",
    "را",
    "با",
    "این",
    "آن",
    "برای",
    "تا",
    "بر",
    "هم",
    "نیز",
    "یا",
    "اما",
    "ولی",
    "خود",
    "همین",
    "همان",
    "چنین",
    "چون",
    "اگر",
    "پس",
    "سپس",
    "حتی",
    "هر",
    "بسیار",
    "خیلی",
    "اینکه",
    "آنکه",
    "زیرا",
    "بلکه",
    "هنوز",
];

/// Is `token` a function word?
pub fn is_function_word(token: &str) -> bool {
    static WORDS: LazyLock<WordSet> = LazyLock::new(|| word_set(FUNCTION_WORDS));
    WORDS.contains(token)
}

/// Words of hazm's stopword list that still state something: ordinals and quantity words (`اول`,
/// `بیشتر`, `حدود`, `فقط`) shade a figure, and a unit (`متر`) or an age (`ساله`) goes with one.
const STOPWORDS_WITH_CONTENT: &[&str] = &[
    "اول",
    "دوم",
    "سوم",
    "چهارم",
    "نخست",
    "نخستین",
    "اولین",
    "آخرین",
    "بیش",
    "بیشتر",
    "بیشتری",
    "کم",
    "کمی",
    "کمتر",
    "زیاد",
    "زیادی",
    "بسیاری",
    "حدود",
    "حداقل",
    "فقط",
    "تنها",
    "تمام",
    "تمامی",
    "همه",
    "کل",
    "نیمه",
    "متر",
    "ساله",
    "سال",
    "بار",
    "سهم",
    "شمار",
    "تعداد",
    "بهترین",
    "بهتر",
    "بزرگ",
    "کوچک",
    "جدید",
    "مهم",
    "خطر",
    "رشد",
    "عالی",
    "خوب",
    "خوبی",
];

/// Does `token` add no fact to a paragraph? Particles ([`is_function_word`]), and the pronouns,
/// auxiliaries, light verbs and connectives of hazm's stopword list (`وی`, `است`, `کرد`,
/// `یعنی`), but never a number, a negation, or a word that shades a figure.
pub fn adds_no_fact(token: &str) -> bool {
    use crate::normalize::lexicon::{STOPWORD, lexicon};
    static CONTENT: LazyLock<WordSet> = LazyLock::new(|| word_set(STOPWORDS_WITH_CONTENT));
    if is_function_word(token) {
        return true;
    }
    class_of(token) & NUMBER == 0
        && negation_key(token).is_none()
        && !CONTENT.contains(token)
        && lexicon()
            .get(token)
            .is_some_and(|entry| entry.has(STOPWORD))
}

/// Persian number words, which state figures as surely as digits do (`چهار بر دو`). `نه` (nine,
/// but also "no") is left to the negation check.
const NUMBER_WORDS: &[&str] = &[
    "صفر",
    "یک",
    "دو",
    "سه",
    "چهار",
    "پنج",
    "شش",
    "هفت",
    "هشت",
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
    "سی",
    "چهل",
    "پنجاه",
    "شصت",
    "هفتاد",
    "هشتاد",
    "نود",
    "صد",
    "دویست",
    "سیصد",
    "پانصد",
    "هزار",
    "میلیون",
    "میلیارد",
];

/// Numbers stated, in order of appearance: digit runs (ASCII after folding, leading zeros
/// dropped) and number words, except a number word that opens a compound the next word closes
/// (`سه شنبه`, `سه جانبه`): written glued (`سه‌شنبه`) it is no number either, and a copy may
/// write it either way.
#[cfg(test)]
pub fn numbers(match_form: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut words = match_form.split_ascii_whitespace().peekable();
    while let Some(word) = words.next() {
        if !word.as_bytes().iter().any(u8::is_ascii_digit) {
            if class_of(word) & NUMBER != 0
                && !words.peek().is_some_and(|next| is_compound(word, next))
            {
                found.push(word);
            }
            continue;
        }
        let runs = word
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(|run| {
                let trimmed = run.trim_start_matches('0');
                if trimmed.is_empty() { "0" } else { trimmed }
            });
        found.extend(runs);
    }
    found
}

/// Lexicon frequency bucket (8·log2(1+count)) a compound needs: about 30 occurrences.
const MIN_COMPOUND_FREQUENCY: u8 = 40;

/// Do `first` and `second` make one common word (listed, or usually written with a ZWNJ), the
/// second being no number itself (`دو هزار` states a number)?
pub(super) fn is_compound(first: &str, second: &str) -> bool {
    use crate::normalize::lexicon::{LISTED, lexicon};
    if class_of(second) & NUMBER != 0 {
        return false;
    }
    let joined = format!("{first}{second}");
    lexicon().get(&joined).is_some_and(|entry| {
        entry.frequency() >= MIN_COMPOUND_FREQUENCY && (entry.zwnj_mask() != 0 || entry.has(LISTED))
    })
}

/// Stems a negated Persian verb is built on (`ن` + stem): `نکرد`, `نمی‌شود`, `ندارد`, `نخواهد`...
/// (`زد`/`زن` are left out: `نزدیک` and `نزد` are far commoner than `نزد` "did not hit").
const NEGATABLE_STEMS: &[&str] = &[
    "کرد",
    "کن",
    "شد",
    "شو",
    "بود",
    "باش",
    "باید",
    "دار",
    "داشت",
    "خواه",
    "خواست",
    "توان",
    "رفت",
    "رو",
    "آمد",
    "آی",
    "داد",
    "ده",
    "گفت",
    "گو",
    "گرفت",
    "گیر",
    "دید",
    "بین",
    "یافت",
    "یاب",
    "ساخت",
    "ساز",
    "گذاشت",
    "گذار",
    "رسید",
    "رس",
    "ماند",
    "مان",
    "خورد",
    "خور",
    "پذیر",
    "پذیرفت",
    "دان",
    "دانست",
    "کرده",
    "شده",
    "بوده",
    "داشته",
];

/// Standalone words that negate or deny.
const NEGATION_WORDS: &[&str] = &[
    "نه",
    "نیست",
    "نیستند",
    "نیستیم",
    "نیستم",
    "هرگز",
    "هیچ",
    "هیچگاه",
    "هیچوقت",
    "بدون",
    "عدم",
    "غیر",
    "نخیر",
];

/// Compound openings that negate whatever they are joined to (`عدم‌حمایت`, `غیرقانونی`,
/// `هیچ‌گاه`, `نمی‌شود`): written glued or apart, a negation counts under the opening alone.
const NEGATING_OPENINGS: &[&str] = &["عدم", "غیر", "هیچ", "نمی"];

/// The form a negation is counted under, if `token` negates: a negating compound opening stands for
/// the whole compound, so `عدم حمایت` and `عدمحمایت`, `نمی شود` and `نمیشود` count alike; a
/// negated verb counts under its stem (`نداریم`, `ندارد` and `نداریمهمه`, glued to the next word
/// by a lost space, under `ندار`).
pub fn negation_key(token: &str) -> Option<&str> {
    // Every negating word and opening starts with one of these letters (ن ه ب ع غ, compared as
    // UTF-8): most words need no closer look.
    if !matches!(
        token.as_bytes(),
        [0xD9, 0x86 | 0x87, ..] | [0xD8, 0xA8 | 0xB9 | 0xBA, ..]
    ) {
        return None;
    }
    if let Some(opening) = NEGATING_OPENINGS.iter().find(|o| token.starts_with(**o)) {
        return Some(opening);
    }
    if !is_negation(token) {
        return None;
    }
    let verb_stem = token.strip_prefix('ن').and_then(longest_negatable_stem);
    match verb_stem {
        Some(len) => token.get(..'ن'.len_utf8() + len),
        None => Some(token),
    }
}

/// A word that may be a verb in the positive (`می‌شود`, `شود`, `کرد`, `دارد`): the shapes a negated
/// verb takes when a copy loses its `ن` or `نمی`.
pub fn may_be_positive_verb(word: &str) -> bool {
    word.starts_with("می")
        || is_suffix(word)
        || NEGATABLE_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// True for a token that negates: a negation word or a verb carrying the negative prefix `ن`.
pub fn is_negation(token: &str) -> bool {
    static WORDS: LazyLock<WordSet> = LazyLock::new(|| word_set(NEGATION_WORDS));
    let Some(rest) = token.strip_prefix('ن') else {
        // The other negation words start with one of these letters: most tokens need no lookup.
        return token.starts_with(['ه', 'ب', 'ع', 'غ']) && WORDS.contains(token);
    };
    if WORDS.contains(token) {
        return true;
    }
    if rest.starts_with("می") || rest.starts_with("یست") {
        return true;
    }
    longest_negatable_stem(rest).is_some()
}

/// Length in bytes of the longest of [`NEGATABLE_STEMS`] and `یست` that `rest` starts with. The
/// stems are filed by their first letter (all in the Arabic block), so a word is compared with
/// the few that share it.
fn longest_negatable_stem(rest: &str) -> Option<usize> {
    static BY_FIRST_LETTER: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut table = vec![Vec::new(); 256];
        for stem in NEGATABLE_STEMS.iter().chain(&["یست"]) {
            if let Some(letters) = table.get_mut(arabic_low_byte(stem.as_bytes())) {
                letters.push(*stem);
            }
        }
        table
    });
    BY_FIRST_LETTER
        .get(arabic_low_byte(rest.as_bytes()))?
        .iter()
        .filter(|stem| rest.starts_with(**stem))
        .map(|stem| stem.len())
        .max()
}

/// The low byte of the code point of a leading Arabic-block letter (U+0600..U+06FF), or 256
/// (no table slot) for anything else.
fn arabic_low_byte(bytes: &[u8]) -> usize {
    match bytes {
        [lead @ 0xD8..=0xDB, next, ..] => {
            (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F)
        }
        _ => 256,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_form_folds_keyboard_habits() {
        assert_eq!(match_form("مي‌شود، ۱۲۳!"), "میشود 123");
        assert_eq!(match_form("  Hello,   World  "), "hello world");
        assert_eq!(match_form("كتابِ"), "کتاب");
        assert_eq!(match_form("ة ۀ ك ي ى ئ أ إ"), "ه ه ک ی ی ی ا ا");
    }

    #[test]
    fn byte_fast_path_folds_like_fold_char() {
        let reference = |text: &str| {
            let mut out = String::new();
            let mut pending_space = false;
            for c in text.chars().filter_map(fold_char) {
                push_folded(&mut out, &mut pending_space, c);
            }
            out
        };
        let sample: String = ('\u{0600}'..='\u{06FF}')
            .chain("Ab 1,\u{200c}«»\u{00A0}–".chars())
            .flat_map(|c| [c, 'x'])
            .collect();
        assert_eq!(
            fold_common(&sample, false).as_deref(),
            Some(reference(&sample).as_str())
        );
        // Characters outside the fast path go to the normalizer's fold.
        assert_eq!(fold_common("ﻻ", false), None);
        assert_eq!(match_form("ﻻ ﺏ"), "لا ب");
    }

    #[test]
    fn suffix_trie_strips_like_a_lookup_at_every_joint() {
        let reference = |token: &str| -> Option<String> {
            token
                .char_indices()
                .skip(2)
                .map(|(at, _)| at)
                .find(|&at| is_suffix(token.get(at..).unwrap_or_default()))
                .and_then(|at| token.get(..at))
                .map(str::to_string)
        };
        let mut words: Vec<String> = [
            "تصمیمگیریها",
            "برنامههای",
            "بینالمللی",
            "کتاب",
            "ها",
            "های",
            "abcها",
            "۱۲ها",
            "x",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for line in BOUND_MORPHEMES.lines() {
            if let Some(("suffix", piece)) = line.split_once('\t') {
                words.push(format!("کتاب{piece}"));
                words.push(format!("ک{piece}"));
            }
        }
        for word in &words {
            let stripped = strip_one_suffix(word).map(str::to_string);
            assert_eq!(stripped, reference(word), "{word}");
            let mut stem = word.as_str();
            while let Some(shorter) = strip_one_suffix(stem) {
                stem = shorter;
            }
            assert_eq!(stem_len(word), stem.len(), "{word}");
        }
    }

    #[test]
    fn zwnj_is_found_by_its_bytes() {
        assert!(has_zwnj("می\u{200c}شود"));
        assert!(has_zwnj("\u{200c}"));
        assert!(!has_zwnj("میشود – «ی»\u{200d}\u{200e}"));
        assert!(!has_zwnj(""));
    }

    #[test]
    fn split_form_separates_zwnj_pieces() {
        assert_eq!(split_form("در غیر این‌صورت"), "در غیر این صورت");
        assert_eq!(
            zwnj_pieces("در غیر این‌صورت، دانش‌آموزان"),
            "این صورت دانش آموزان"
        );
        assert_eq!(match_form("در غیر این‌صورت"), "در غیر اینصورت");
    }

    #[test]
    fn negating_compounds_count_under_their_opening() {
        assert_eq!(negation_key("عدمحمایت"), Some("عدم"));
        assert_eq!(negation_key("عدم"), Some("عدم"));
        assert_eq!(negation_key("نمیشود"), Some("نمی"));
        assert_eq!(negation_key("نکرد"), Some("نکرد"));
        assert_eq!(negation_key("نداریمهمه"), Some("ندار"));
        assert_eq!(negation_key("نداریم"), negation_key("ندارد"));
        assert_eq!(negation_key("نیستند"), Some("نیست"));
        assert_eq!(negation_key("هرگز"), Some("هرگز"));
        assert_eq!(negation_key("کرد"), None);
    }

    #[test]
    fn spacing_and_zwnj_variants_share_the_spaceless_hash() {
        let a = spaceless_hash(&match_form("برنامه‌های شهری اجرا می‌شود."));
        let b = spaceless_hash(&match_form("برنامههای  شهري اجرا مي شود"));
        let c = spaceless_hash(&match_form("برنامه های شهری اجرا میشود"));
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_ne!(
            a,
            spaceless_hash(&match_form("برنامه های شهری اجرا نمیشود"))
        );
    }

    #[test]
    fn tokens_glue_bound_morphemes() {
        let list = |text: &str| -> Vec<String> {
            tokens(&match_form(text))
                .iter()
                .map(str::to_string)
                .collect()
        };
        let joined = list("برنامه‌های بین‌المللی اجرا می‌شود");
        assert_eq!(joined, list("برنامه های بین المللی اجرا می شود"));
        assert_eq!(joined, list("برنامههای بینالمللی اجرا میشود"));
        assert_eq!(joined, ["برنامه", "بین", "اجرا", "می"]);
        assert_eq!(list("تصمیم گیری"), list("تصمیم‌گیری"));
        // A suffix left standing by a dropped word adds no token.
        assert_eq!(list("های شهری"), ["شهر"]);
        assert_eq!(list("او می"), ["او", "می"]);
    }

    #[test]
    fn pronouns_and_auxiliaries_add_no_fact_but_numbers_negations_and_names_do() {
        for word in ["وی", "است", "کرد", "یعنی", "که"] {
            assert!(adds_no_fact(word), "{word}");
        }
        for word in ["سه", "نیست", "هیچ", "بیشتر", "تهران", "انفجار"] {
            assert!(!adds_no_fact(word), "{word}");
        }
    }

    #[test]
    fn numbers_are_found_folded() {
        let form = match_form("در سال ۱۴۰۲ حدود 007 نفر و ۲٫۵ درصد، چهار بر دو");
        assert_eq!(numbers(&form), ["1402", "7", "2", "5", "چهار", "دو"]);
        assert!(numbers(&match_form("روز سه شنبه گذشته")).is_empty());
        assert!(numbers(&match_form("روز سه‌شنبه گذشته")).is_empty());
        assert_eq!(numbers(&match_form("سه نفر آمدند")), ["سه"]);
    }

    #[test]
    fn every_listed_word_finds_its_class_and_others_none() {
        for line in BOUND_MORPHEMES.lines() {
            match line.split_once('\t') {
                Some(("prefix", piece)) => assert!(is_prefix(piece), "{piece}"),
                Some(("suffix", piece)) => assert!(is_suffix(piece), "{piece}"),
                _ => {}
            }
        }
        for word in NUMBER_WORDS {
            assert_ne!(class_of(word) & NUMBER, 0, "{word}");
        }
        for word in ["", "x", "کتاب", "شهر", "میشود", "هاا", "دوست"] {
            assert_eq!(class_of(word), 0, "{word}");
        }
    }

    #[test]
    fn negation_keys_match_a_scan_of_every_stem() {
        let reference = |token: &str| -> Option<String> {
            if !token.starts_with(['ن', 'ه', 'ب', 'ع', 'غ']) {
                return None;
            }
            if let Some(opening) = NEGATING_OPENINGS.iter().find(|o| token.starts_with(**o)) {
                return Some(opening.to_string());
            }
            let negates = match token.strip_prefix('ن') {
                None => NEGATION_WORDS.contains(&token),
                Some(rest) => {
                    NEGATION_WORDS.contains(&token)
                        || rest.starts_with("می")
                        || rest.starts_with("یست")
                        || NEGATABLE_STEMS.iter().any(|stem| rest.starts_with(stem))
                }
            };
            if !negates {
                return None;
            }
            let stem = token.strip_prefix('ن').and_then(|rest| {
                NEGATABLE_STEMS
                    .iter()
                    .chain(&["یست"])
                    .filter(|stem| rest.starts_with(**stem))
                    .map(|stem| stem.len())
                    .max()
            });
            Some(match stem {
                Some(len) => token[..'ن'.len_utf8() + len].to_string(),
                None => token.to_string(),
            })
        };
        let mut words: Vec<String> = NEGATION_WORDS.iter().map(|w| w.to_string()).collect();
        for stem in NEGATABLE_STEMS {
            for word in [format!("ن{stem}"), format!("ن{stem}یم"), stem.to_string()] {
                words.push(word);
            }
        }
        for word in [
            "نظر",
            "نیز",
            "به",
            "بدون",
            "هرگز",
            "ن",
            "",
            "abc",
            "نمیشود",
            "نیستند",
            "نآمد",
        ] {
            words.push(word.to_string());
        }
        for word in &words {
            assert_eq!(
                negation_key(word).map(str::to_string),
                reference(word),
                "{word}"
            );
        }
    }

    #[test]
    fn negations_are_recognised() {
        for word in ["نمیشود", "نیست", "ندارد", "نخواهد", "هرگز", "نکرد"]
        {
            assert!(is_negation(word), "{word}");
        }
        for word in [
            "میشود",
            "است",
            "دارد",
            "نظر",
            "نامه",
            "نفت",
            "نزدیک",
            "نیجریه",
            "نشان",
        ] {
            assert!(!is_negation(word), "{word}");
        }
    }
}
