//! Canonical ZWNJ placement for spaced affixes and compounds: `می شود` → `می‌شود`,
//! `کتاب ها` → `کتاب‌ها`, `رفته اند` → `رفته‌اند`, `بزرگ ترین` → `بزرگ‌ترین`. Auxiliaries
//! (`خواهد بود`, `شده است`), `از`, vocatives and pairs of real words stay apart.

use super::buffer::Buf;
use super::config::Config;
use super::lexicon::{COMPOUND_TAIL, Entry, LISTED, SPACED_JOIN, lexicon};
use super::script::{
    ZWNJ, has_zwnj, is_arabic_letter, is_joining_letter, is_word_char, last_char, word_after,
    word_before,
};
use super::step::{Context, Step, finish};

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
    PLURAL_SUFFIXES.contains(&word)
        || HEH_ENCLITICS.contains(&word)
        || ["شان", "تان", "مان"].contains(&word)
        || DEGREE_SUFFIXES.contains(&word)
}

/// True when `right` is an affix that always attaches to `left` (rules that hold in every text).
fn is_canonical_affix(left: &str, right: &str) -> bool {
    // Whole words only (ZWNJ pieces would let a second run see pairs the first did not).
    let letters = |w: &str| w.chars().filter(|&c| c != ZWNJ).count();
    if left == "بی" {
        return letters(right) >= 2 && !NOT_VERBS.contains(&right);
    }
    if VERB_PREFIXES.contains(&left) || is_preverb_mi(left) {
        // `می` is also the month of May (`ماه می سال گذشته`): join only a verb (a frequent
        // word after `می` must be a known verb form).
        let mut buf = [0u8; 128];
        let lexicon_verb = concat(&mut buf, left, right)
            .and_then(|joined| lexicon().get_bytes(joined))
            .is_some_and(|e| e.zwnj_mask() == 1 << letters(left) && e.zwnj_bucket() >= 48)
            && lexicon().get(right).is_none_or(|e| e.frequency() < 72);
        return letters(right) >= 2
            && !right.contains(ZWNJ)
            && !NOT_VERBS.contains(&right)
            && (lexicon_verb
                || super::restore::looks_like_verb(right)
                || rare_with_person_ending(right));
    }
    if PLURAL_SUFFIXES.contains(&right) {
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

/// The lexicon's entry for `left right` when it spells them as one word with a ZWNJ exactly
/// between them (and more often so than glued).
fn joined_entry(left: &str, right: &str) -> Option<Entry> {
    // The lexicon first: its filter turns most pairs away before the word lists are read.
    let mut buf = [0u8; 128];
    let entry = concat(&mut buf, left, right).and_then(|joined| lexicon().zwnj_spelled(joined))?;
    if has_zwnj(left) || has_zwnj(right) {
        return None;
    }
    if NEVER_JOINED.contains(&left) || NEVER_JOINED.contains(&right) {
        return None;
    }
    let boundary = left.chars().count();
    (boundary < 31 && entry.zwnj_mask() == 1 << boundary).then_some(entry)
}

/// True when the lexicon spells `left right` as one word with a ZWNJ exactly between them.
fn lexicon_joins(left: &str, right: &str) -> bool {
    joined_entry(left, right).is_some()
}

/// Whether a no-break space between `left` and `right` stands for a ZWNJ (else a space).
pub(crate) fn no_break_means_zwnj(left: &str, right: &str) -> bool {
    is_canonical_affix(left, right) || lexicon_joins(left, right)
}

/// Whether the space between `left` and `right` should become a joint.
fn should_join(left: &str, right: &str, context: &Context) -> bool {
    if is_canonical_affix(left, right) {
        return true;
    }
    if context.writer_uses_zwnj {
        return false;
    }
    // The lexicon's answer first: it turns most pairs away fastest.
    let Some(joined) = joined_entry(left, right) else {
        return false;
    };
    if left.chars().count() < 2 || right.chars().count() < 2 || VERB_PREFIXES.contains(&left) {
        return false;
    }
    if !context.writer_spaces_affixes {
        // No sign of how the writer marks joints: only the compounds that news writers join
        // far more often than they space (`جمع آوری`, `اصلاح طلبان`).
        return joined.has(SPACED_JOIN);
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
    let mut previous = "";
    for word in text.split(' ') {
        let word = word.trim_matches(|c: char| !is_word_char(c));
        // Every verbal prefix ends in `می`, every plural suffix starts with `ه`: cheap
        // tests first.
        let after_prefix = previous.ends_with("می")
            && (VERB_PREFIXES.contains(&previous) || is_preverb_mi(previous))
            && is_canonical_affix(previous, word);
        if after_prefix
            || (word.starts_with('ه') && PLURAL_SUFFIXES.contains(&word) && !previous.is_empty())
        {
            return true;
        }
        previous = word;
    }
    false
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
        for i in memchr::memchr_iter(b' ', text.as_bytes()) {
            // Cheap look at the letters around the space before reading whole words: outside
            // spaced-writing text only a prefix (`می`, `نمی`, `برمی`, `بی`: all end in `می`
            // or `بی`) or a suffix word (plural, degree, enclitic) can start a join.
            let (Some(l), Some(r)) = (text[..i].chars().next_back(), text[i + 1..].chars().next())
            else {
                continue;
            };
            let ends_like_prefix = l == 'ی' && {
                let head = &text[..i];
                head.ends_with("می") || head.ends_with("بی")
            };
            // Text that types ZWNJs gets only the affixes.
            let affixes_only = context.writer_uses_zwnj;
            if affixes_only && !ends_like_prefix && !matches!(r, 'ه' | 'ت' | 'ا' | 'ی' | 'ش' | 'م')
            {
                continue;
            }
            let right = word_after(text, i + 1);
            if affixes_only && !ends_like_prefix && !is_suffix_word(right) {
                continue;
            }
            let left = word_before(text, i);
            let (Some(l), Some(r)) = (last_char(left), right.chars().next()) else {
                continue;
            };
            if !is_arabic_letter(l) || !is_arabic_letter(r) || !should_join(left, right, context) {
                continue;
            }
            output.copy_range(input, copied, i);
            copied = i + 1;
            // After a non-joining letter the ZWNJ is invisible but keeps the morpheme boundary
            // (and tells a second run that this text types ZWNJs).
            if is_joining_letter(l) || config.zwnj_after_non_joining {
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
    }

    #[test]
    fn compounds_by_writing_habit() {
        let spaced = Context {
            writer_spaces_affixes: true,
            ..Context::default()
        };
        let unmarked = Context::default();
        let typed = Context {
            writer_uses_zwnj: true,
            ..Context::default()
        };
        // Joined far more often than spaced: in any text without ZWNJs.
        assert!(should_join("جمع", "آوری", &unmarked));
        assert!(should_join("جمع", "آوری", &spaced));
        assert!(!should_join("جمع", "آوری", &typed));
        // An established compound: only where the writer spaces affixes.
        assert!(should_join("ذوب", "آهن", &spaced));
        assert!(!should_join("ذوب", "آهن", &unmarked));
        // Two words that meet, and a compound verb, stay apart.
        assert!(!should_join("سال", "گذشته", &spaced));
        assert!(!should_join("پیش", "آمد", &spaced));
        assert!(!should_join("نشان", "داده", &spaced));
    }
}
