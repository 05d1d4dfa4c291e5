//! Restoration of ZWNJs stripped from glued words (`برنامههای` → `برنامه‌های`) and of lost
//! spaces (`ویگفت` → `وی گفت`): the lexicon first, then morphology (prefix + stem, stem + suffix,
//! two known words) for words it lacks.

use super::affixes::{DEGREE_SUFFIXES, HEH_ENCLITICS, PLURAL_SUFFIXES, VERB_PREFIXES};
use super::buffer::Buf;
use super::config::Config;
use super::lexicon::{COMPOUND_TAIL, Entry, LISTED, PAST_STEM, PRESENT_STEM, STOPWORD, lexicon};
use super::script::{ZWNJ, is_arabic_letter, is_joining_letter, next_word};
use super::step::{Context, Step, finish};

/// Restores ZWNJs and spaces inside glued words.
pub(crate) struct Restore;

/// Where to cut a glued word: bit `i` set puts a ZWNJ (or a space) before its `i`-th char.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cuts {
    /// ZWNJ positions.
    pub zwnj: u32,
    /// Space positions.
    pub space: u32,
}

impl Cuts {
    fn is_empty(self) -> bool {
        self.zwnj == 0 && self.space == 0
    }
    fn with_zwnj(self, at: usize) -> Self {
        Cuts {
            zwnj: self.zwnj | 1 << at,
            ..self
        }
    }
}

/// Longest word the masks can describe.
const MAX_CHARS: usize = 31;
/// With stripped ZWNJs, the ZWNJ spelling wins when it is at least 2^(8/8) = 2× as common as the glued one.
const STRIPPED_MARGIN: i32 = -8;
/// Comparative and superlative suffixes are written apart by the Academy's rules; Wikipedia
/// glues them more often, so in stripped text the ZWNJ spelling wins unless the glued one is 8×
/// as common (`بزرگ‌ترین`, but `بیشتر`, `بهترین`).
const DEGREE_MARGIN: i32 = 24;
/// In text that types ZWNJs a glued word is fixed only when its ZWNJ spelling is 64× as common.
const TYPED_MARGIN: i32 = super::lexicon::TYPED_FIX_MARGIN;
/// A glued spelling seen this often (bucket 35 ≈ 20 times) is a word in its own right.
const KNOWN_GLUED: u8 = 35;
/// A part of a compound must be this common (bucket 56 ≈ 128 times).
const COMMON_PART: u8 = 56;
/// Both halves of a lost space must be this common (bucket 80 ≈ 1000 times).
const VERY_COMMON: u8 = 80;
/// Short words ending in heh that are function words, not compound heads.
const HEH_FUNCTION_WORDS: [&str; 5] = ["که", "به", "چه", "نه", "همه"];

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn entry(word: &str) -> Option<Entry> {
    lexicon().get(word)
}

fn frequency(word: &str) -> u8 {
    entry(word).map_or(0, Entry::frequency)
}

/// Person endings of verbs (the empty one for the bare third person singular past).
const PERSON_ENDINGS: [&str; 8] = ["یم", "ید", "ند", "م", "ی", "د", "ن", ""];

/// True when `word` is a verb stem (at least two letters) plus a person ending.
fn is_stem_with_ending(word: &str) -> bool {
    PERSON_ENDINGS.iter().any(|ending| {
        word.strip_suffix(ending)
            .filter(|stem| char_count(stem) >= 2)
            .and_then(entry)
            .is_some_and(|e| e.has(PRESENT_STEM) || e.has(PAST_STEM))
    })
}

/// True when `word` reads as a verb after `می`: stem + ending, participle or causative.
pub(crate) fn looks_like_verb(word: &str) -> bool {
    is_stem_with_ending(word) || is_participle(word) || is_causative(word)
}

/// True when `word` is a causative built on a present stem: stem + `ان` (+ `د`/`ید`) + ending
/// (`آرامانم`, `خیساند`), forms too rare for the lexicon.
fn is_causative(word: &str) -> bool {
    PERSON_ENDINGS.iter().any(|ending| {
        let Some(base) = word.strip_suffix(ending) else {
            return false;
        };
        let base = base
            .strip_suffix("ید")
            .or_else(|| base.strip_suffix('د'))
            .unwrap_or(base);
        base.strip_suffix("ان")
            .filter(|stem| char_count(stem) >= 2)
            .and_then(entry)
            .is_some_and(|e| e.has(PRESENT_STEM) || e.frequency() >= COMMON_PART)
    })
}

/// True when `word` is a past participle: a past stem + heh (`کرده`, `بازتابیده`).
fn is_participle(word: &str) -> bool {
    word.strip_suffix('ه')
        .map(strip_verb_prefixes)
        .is_some_and(|stem| char_count(stem) >= 2 && entry(stem).is_some_and(|e| e.has(PAST_STEM)))
}

/// Preverbs and mood prefixes written glued to the verb (`برنخواهند`, `دربروند`, `بازنهاده`).
const GLUED_VERB_PREFIXES: [&str; 9] = ["باز", "فرو", "فرا", "در", "بر", "ور", "وا", "ن", "ب"];

/// `word` without a leading preverb and/or negation (at most two prefixes).
fn strip_verb_prefixes(word: &str) -> &str {
    let mut rest = word;
    for _ in 0..2 {
        match GLUED_VERB_PREFIXES
            .iter()
            .find_map(|p| rest.strip_prefix(p).filter(|r| char_count(r) >= 2))
        {
            Some(r) if !is_stem_with_ending(rest) => rest = r,
            _ => break,
        }
    }
    rest
}

/// True when `word` is a verb form behind up to two glued prefixes: a word as it stands.
fn is_inflected_verb(word: &str) -> bool {
    is_stem_with_ending(word)
        || is_stem_with_ending(strip_verb_prefixes(word))
        || is_participle(word)
}

/// The lexicon's decision for a known skeleton: `Some(cuts)` (possibly empty: keep it glued),
/// or `None` when the word is unknown or too rare to trust.
/// True when the only cut of `mask` opens a comparative/superlative suffix (`بزرگ‌ترین`).
fn ends_with_degree_cut(word: &str, mask: u32) -> bool {
    mask.count_ones() == 1
        && DEGREE_SUFFIXES.iter().any(|suffix| {
            word.ends_with(suffix) && 1 << (char_count(word) - char_count(suffix)) == mask
        })
}

fn lexicon_cuts(word: &str, stripped: bool) -> Option<Cuts> {
    let e = entry(word)?;
    if e.zwnj_mask() != 0 {
        let (z, g) = (i32::from(e.zwnj_bucket()), i32::from(e.glued_bucket()));
        let margin = match stripped {
            true if ends_with_degree_cut(word, e.zwnj_mask()) => DEGREE_MARGIN,
            true => STRIPPED_MARGIN,
            false => -TYPED_MARGIN,
        };
        return Some(if z + margin >= g {
            Cuts {
                zwnj: e.zwnj_mask(),
                space: 0,
            }
        } else {
            Cuts::default()
        });
    }
    let known =
        e.glued_bucket() >= KNOWN_GLUED || e.has(LISTED) || e.has(PRESENT_STEM) || e.has(PAST_STEM);
    (known || !stripped).then_some(Cuts::default())
}

/// Cuts for a known stem used inside a longer word (`None`: the stem is not a word).
fn stem_cuts(stem: &str) -> Option<Cuts> {
    let e = entry(stem)?;
    if e.frequency() < COMMON_PART && !e.has(LISTED) {
        return None;
    }
    lexicon_cuts(stem, true)
}

struct Candidate {
    cuts: Cuts,
    score: u8,
}

fn best(a: Option<Candidate>, b: Option<Candidate>) -> Option<Candidate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.score > a.score { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// (preverb +) `می` / `نمی` + verb: `میشود`, `برنمیزند`, `فرومیخورد`.
fn prefix_analysis(word: &str) -> Option<Candidate> {
    let (preverb, rest) = GLUED_VERB_PREFIXES[..7]
        .iter()
        .find_map(|p| {
            word.strip_prefix(p)
                .filter(|r| r.starts_with("می") || r.starts_with("نمی"))
                .map(|r| (*p, r))
        })
        .unwrap_or(("", word));
    let offset = char_count(preverb);
    VERB_PREFIXES.iter().find_map(|prefix| {
        let verb = rest.strip_prefix(prefix)?;
        let verb_like = is_stem_with_ending(verb) || is_participle(verb) || is_causative(verb);
        verb_like.then(|| Candidate {
            cuts: Cuts::default().with_zwnj(offset + char_count(prefix)),
            score: 200,
        })
    })
}

/// Demonstratives compounded with a measure word, written with ZWNJ (`همان‌قدر`, `این‌گونه`).
fn demonstrative_compound(word: &str) -> Option<Cuts> {
    const HEADS: [&str; 5] = ["همان", "همین", "آن", "این", "چه"];
    const TAILS: [&str; 4] = ["قدر", "گونه", "طور", "سان"];
    HEADS.iter().find_map(|head| {
        let tail = word.strip_prefix(head)?;
        TAILS
            .contains(&tail)
            .then(|| Cuts::default().with_zwnj(char_count(head)))
    })
}

/// Participle + enclitic: `کردهای` → `کرده‌ای`, `بازتابیدهاند` → `بازتابیده‌اند`.
fn participle_analysis(word: &str) -> Option<Cuts> {
    HEH_ENCLITICS[..7].iter().find_map(|enclitic| {
        let participle = word.strip_suffix(enclitic)?;
        is_participle(participle).then(|| {
            let base = prefix_analysis(participle).map_or(Cuts::default(), |c| c.cuts);
            base.with_zwnj(char_count(participle))
        })
    })
}

/// `بی` + known word: `بیخیالی` → `بی‌خیالی`.
fn privative_analysis(word: &str) -> Option<Candidate> {
    let rest = word.strip_prefix("بی")?;
    (char_count(rest) >= 3 && frequency(rest) >= COMMON_PART).then(|| {
        let cuts = restore_cuts(rest, true).unwrap_or_default();
        Candidate {
            cuts: Cuts {
                zwnj: cuts.zwnj << 2,
                space: cuts.space << 2,
            }
            .with_zwnj(2),
            score: frequency(rest),
        }
    })
}

/// Suffixes written glued to any stem: possessives, person endings, plural -ان, indefinite -ی.
const GLUED_SUFFIXES: [&str; 13] = [
    "شان", "تان", "مان", "ان", "ات", "یم", "ید", "ند", "یی", "م", "ت", "ش", "ی",
];

/// Stem + suffix: plural, degree and (after heh) enclitic suffixes take a ZWNJ, the glued
/// suffixes none. The most frequent stem wins (`خانهای` → `خانه‌ای`, not `خان‌های`).
fn suffix_analysis(word: &str) -> Option<Candidate> {
    let mut found = None;
    let zwnj_suffixes = PLURAL_SUFFIXES
        .iter()
        .chain(DEGREE_SUFFIXES.iter())
        .chain(HEH_ENCLITICS.iter());
    let suffixes = zwnj_suffixes
        .map(|s| (s, true))
        .chain(GLUED_SUFFIXES.iter().map(|s| (s, false)));
    for (suffix, takes_zwnj) in suffixes {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        let stem_len = char_count(stem);
        let Some(last) = stem.chars().next_back() else {
            continue;
        };
        if stem_len < 2 {
            continue;
        }
        // Enclitics take a ZWNJ after heh, and (the alef-initial ones) after yeh: `خیالی‌ام`.
        let enclitic_ok = last == 'ه' || (last == 'ی' && suffix.starts_with('ا'));
        if takes_zwnj && HEH_ENCLITICS.contains(suffix) && !enclitic_ok {
            continue;
        }
        let Some(cuts) = stem_cuts(stem) else {
            continue;
        };
        // After heh the possessives are written apart too: `علاقه‌تان`.
        let heh_possessive = last == 'ه' && ["شان", "تان", "مان"].contains(suffix);
        let cuts = if (takes_zwnj || heh_possessive) && is_joining_letter(last) {
            cuts.with_zwnj(stem_len)
        } else {
            cuts
        };
        found = best(
            found,
            Some(Candidate {
                cuts,
                score: frequency(stem).saturating_add(8),
            }),
        );
    }
    found
}

/// Two known words: a compound (ZWNJ) or a lost space.
fn compound_analysis(word: &str) -> Option<Candidate> {
    let mut found = None;
    for (k, (at, _)) in word.char_indices().enumerate().skip(2) {
        let (head, tail) = word.split_at(at);
        if char_count(tail) < 2 {
            break;
        }
        let (Some(h), Some(t)) = (entry(head), entry(tail)) else {
            continue;
        };
        let (hf, tf) = (h.frequency(), t.frequency());
        if hf < COMMON_PART || tf < COMMON_PART || VERB_PREFIXES.contains(&head) {
            continue;
        }
        let Some(last) = head.chars().next_back() else {
            continue;
        };
        let heh_head = last == 'ه' && !HEH_FUNCTION_WORDS.contains(&head);
        let cuts = if is_joining_letter(last) && (t.has(COMPOUND_TAIL) || heh_head) {
            Cuts::default().with_zwnj(k)
        } else if h.has(STOPWORD)
            && !GLUED_VERB_PREFIXES.contains(&head)
            && !is_affix_word(head)
            && !is_affix_word(tail)
            && tf >= VERY_COMMON
            && (is_stem_with_ending(tail) || tail.starts_with("می"))
        {
            // A lost space before a verb (`ویگفت`). The tail is a word of its own now:
            // restore both halves as a second run would.
            let head_cuts = restore_cuts(head, true).unwrap_or_default();
            let tail_cuts = restore_cuts(tail, true).unwrap_or_default();
            Cuts {
                zwnj: head_cuts.zwnj | tail_cuts.zwnj << k,
                space: head_cuts.space | 1 << k | tail_cuts.space << k,
            }
        } else {
            continue;
        };
        found = best(
            found,
            Some(Candidate {
                cuts,
                score: hf.min(tf),
            }),
        );
    }
    found
}

/// Affixes that the spaced-affix step would attach to a neighbour: a lost-space split must not
/// produce them, or a second run would join what the first split.
fn is_affix_word(word: &str) -> bool {
    PLURAL_SUFFIXES.contains(&word)
        || DEGREE_SUFFIXES.contains(&word)
        || HEH_ENCLITICS.contains(&word)
        || ["شان", "تان", "مان", "بی"].contains(&word)
        || VERB_PREFIXES.contains(&word)
}

/// How a glued word should be cut, or `None` to leave it as it is.
///
/// `stripped` says the text lost its ZWNJs (the paragraph has none): then the lexicon's ZWNJ
/// spellings win unless the glued one is much more common, and morphology handles unknown words.
/// Otherwise only near-certain lexicon fixes apply.
pub fn restore_cuts(word: &str, stripped: bool) -> Option<Cuts> {
    if !word.chars().all(is_arabic_letter) {
        return None;
    }
    restore_letters(word, char_count(word), stripped)
}

/// [`restore_cuts`] for a word known to be all Arabic letters, `n` of them.
fn restore_letters(word: &str, n: usize, stripped: bool) -> Option<Cuts> {
    if !(3..=MAX_CHARS).contains(&n) {
        return None;
    }
    if !stripped {
        let fix = lexicon().typed_fix(word)?;
        return Some(Cuts {
            zwnj: fix.zwnj_mask(),
            space: 0,
        });
    }
    memo::cached(word, analyse_stripped)
}

/// The full analysis of a word from text that lost its ZWNJs.
fn analyse_stripped(word: &str) -> Option<Cuts> {
    if let Some(cuts) = participle_analysis(word).or_else(|| demonstrative_compound(word)) {
        return Some(cuts);
    }
    let cuts = match lexicon_cuts(word, true) {
        Some(cuts) => cuts,
        None => match prefix_analysis(word) {
            Some(found) => found.cuts,
            None if is_inflected_verb(word) => return None,
            None => {
                let found = best(suffix_analysis(word), privative_analysis(word));
                best(found, compound_analysis(word))?.cuts
            }
        },
    };
    (!cuts.is_empty()).then_some(cuts)
}

/// A per-thread memo of [`analyse_stripped`]: news repeats its words, and the morphology of an
/// unknown word costs dozens of lexicon probes.
mod memo {
    use std::cell::RefCell;

    use super::super::lexicon::word_hash;
    use super::Cuts;

    /// The slot of a word: its first and last eight bytes (which overlap or cover it whole up to
    /// 16 bytes) mixed by one multiplication, cheaper than [`word_hash`] over every chunk. A
    /// longer word's middle does not count, which only costs an eviction now and then: the slot
    /// keeps the whole key.
    #[inline]
    fn slot_of(bytes: &[u8]) -> usize {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let n = bytes.len();
        let load = |at: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(word)
        };
        let mixed = if n >= 8 {
            load(0).rotate_left(23) ^ load(n - 8) ^ n as u64
        } else {
            word_hash(bytes)
        };
        (mixed.wrapping_mul(K) >> 40) as usize & (SLOTS - 1)
    }

    /// Slots in the cache (32 bytes each: 1 MiB per thread, most of it in L2).
    const SLOTS: usize = 1 << 15;
    /// Words up to this many bytes are remembered (11 letters: nearly all).
    const KEY: usize = 22;

    /// One remembered word: its bytes zero-padded, and the analysis.
    #[derive(Clone, Copy)]
    #[repr(C, align(32))]
    struct Slot {
        key: [u8; KEY],
        len: u8,
        /// 0: empty; 1: analysed to `None`; 2: analysed to `cuts`.
        state: u8,
        cuts: Cuts,
    }

    const EMPTY: Slot = Slot {
        key: [0; KEY],
        len: 0,
        state: 0,
        cuts: Cuts { zwnj: 0, space: 0 },
    };

    thread_local! {
        /// A direct-mapped cache: a word evicts whatever shared its slot, so memory stays
        /// bounded on endless input and a lookup is one probe with the key inline.
        static MEMO: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
    }

    /// `analyse(word)`, remembered.
    pub(super) fn cached(word: &str, analyse: fn(&str) -> Option<Cuts>) -> Option<Cuts> {
        let bytes = word.as_bytes();
        if bytes.len() > KEY {
            return analyse(word);
        }
        let index = slot_of(bytes);
        let hit = MEMO.with(|memo| {
            let memo = memo.borrow();
            let slot = memo.get(index)?;
            // Same length: the stored key's first `len` bytes decide (the rest is padding).
            (slot.state != 0
                && usize::from(slot.len) == bytes.len()
                && slot.key.get(..bytes.len()) == Some(bytes))
            .then_some((slot.state == 2).then_some(slot.cuts))
        });
        if let Some(result) = hit {
            return result;
        }
        // The borrow is released: the analysis may consult the memo for parts of the word.
        let result = analyse(word);
        let mut key = [0u8; KEY];
        key[..bytes.len()].copy_from_slice(bytes);
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.is_empty() {
                memo.resize(SLOTS, EMPTY);
            }
            if let Some(slot) = memo.get_mut(index) {
                *slot = Slot {
                    key,
                    len: bytes.len() as u8,
                    state: if result.is_some() { 2 } else { 1 },
                    cuts: result.unwrap_or_default(),
                };
            }
        });
        result
    }
}

/// True when `head` ends with a spaced verbal or privative prefix (`… می `, `… برمی `, `… بی `).
fn follows_prefix(head: &str) -> bool {
    let Some(head) = head.strip_suffix(' ') else {
        return false;
    };
    let start = head.rfind(|c: char| !is_arabic_letter(c)).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let previous = &head[start..];
    VERB_PREFIXES.contains(&previous) || previous == "بی" || super::affixes::is_preverb_mi(previous)
}

/// Writes `word` with its cuts applied.
fn write_cut(word: &str, cuts: Cuts, mut emit: impl FnMut(usize, char)) {
    let mut prev = None;
    for (k, (i, c)) in word.char_indices().enumerate() {
        if k > 0 && k < 32 {
            if cuts.space & (1 << k) != 0 {
                emit(i, ' ');
            } else if cuts.zwnj & (1 << k) != 0 && prev.is_some_and(is_joining_letter) {
                emit(i, ZWNJ);
            }
        }
        emit(i, c);
        prev = Some(c);
    }
}

/// Restores one glued token for a search analyzer: `برنامههای` → `برنامه‌های`, `ویگفت` → `وی گفت`.
/// Returns the token unchanged when it needs nothing (or is not a Persian word). Treats the token
/// as coming from text that lost its ZWNJs; does no letter normalization (run [`super::fold`] or
/// [`super::normalize`] first).
pub fn restore_token(token: &str) -> std::borrow::Cow<'_, str> {
    match restore_cuts(token, true) {
        Some(cuts) => {
            let mut out = String::with_capacity(token.len() + 6);
            write_cut(token, cuts, |_, c| out.push(c));
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(token),
    }
}

impl Step for Restore {
    fn enabled(&self, config: &Config) -> bool {
        config.restore_zwnj
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        !lexicon().is_empty() && text.len() >= 6
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, _config: &Config) -> bool {
        let text = input.text.as_str();
        let stripped = !context.writer_uses_zwnj && !context.writer_spaces_affixes;
        let mut copied = 0;
        let mut scan = 0;
        while let Some(found) = next_word(text, scan) {
            let (start, end) = (found.start, found.end);
            scan = end;
            if found.has_zwnj || end - start < 6 {
                continue;
            }
            let Some(word) = text.get(start..end) else {
                continue;
            };
            let Some(mut cuts) = restore_letters(word, word.len() / 2, stripped) else {
                continue;
            };
            if cuts.space != 0 && follows_prefix(&text[..start]) {
                // `می شودگفت`: a split would hand `شود` to the prefix on the next run.
                cuts.space = 0;
                if cuts.is_empty() {
                    continue;
                }
            }
            output.copy_range(input, copied, start);
            copied = end;
            write_cut(word, cuts, |at, c| {
                let from = input.origin(start + at, context.input_len);
                if c == ZWNJ || c == ' ' {
                    output.push_from(c, from);
                } else {
                    let mut utf8 = [0u8; 4];
                    let s = c.encode_utf8(&mut utf8);
                    output.text.push_str(s);
                    output.copy_offsets(input, start + at, start + at + s.len());
                }
            });
        }
        finish(input, output, copied)
    }
}
