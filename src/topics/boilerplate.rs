//! Agency furniture that never becomes a topic: the words of attribution lines (`به گزارش خبرگزاری
//! فارس`) and the agencies' own names on their own.

use super::fold::key_words;

/// Words that make any phrase holding them attribution, not subject.
const ATTRIBUTION_WORDS: &[&str] = &[
    "گزارش",
    "خبرگزاری",
    "خبرنگار",
    "خبرنگاران",
    "نقل",
    "قول",
    "منبع",
    "اختصاصی",
];

/// Agency and outlet names, rejected as whole topics (`خلیج فارس` stays a topic).
const AGENCY_NAMES: &[&str] = &[
    "فارس",
    "مهر",
    "ایسنا",
    "ایرنا",
    "تسنیم",
    "برنا",
    "ایلنا",
    "همشهری",
    "همشهری آنلاین",
    "خبرآنلاین",
    "خبر آنلاین",
    "باشگاه خبرنگاران جوان",
    "رادیو فردا",
    "ورزش سه",
];

/// Media-type markers of titles (`(عکس)`, `+فیلم`-style labels, `عکسی از ...`): what the item
/// carries, not what it is about. Rejected as whole topics only (`عکاسی خبری` stays).
const MEDIA_MARKERS: &[&str] = &["عکس", "عکسی", "ویدیو", "اینفوگرافیک", "موشن گرافیک"];

/// Bit `n` set for every byte length `n` (below 64) of the words in `list`: most keys are ruled
/// out by their length alone, without comparing them to each entry.
const fn byte_lengths(list: &[&str]) -> u64 {
    let mut mask = 0u64;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() < 64 {
            mask |= 1 << list[i].len();
        }
        i += 1;
    }
    mask
}

/// Whether `list`, whose entries have the [`byte_lengths`] `lengths`, holds `word`.
fn listed(list: &[&str], lengths: u64, word: &str) -> bool {
    word.len() < 64 && lengths & (1 << word.len()) != 0 && list.contains(&word)
}

const ATTRIBUTION_LENGTHS: u64 = byte_lengths(ATTRIBUTION_WORDS);
const WHOLE_KEY_LENGTHS: u64 = byte_lengths(AGENCY_NAMES) | byte_lengths(MEDIA_MARKERS);

/// Whether a phrase (as a merge key: folded words separated by spaces) is agency furniture.
#[cfg(test)]
pub fn is_boilerplate(key: &str) -> bool {
    is_boilerplate_given(key, holds_attribution_word(key))
}

/// Whether a key (of a word or a phrase) holds a word of attribution lines. The collector asks
/// once per written word and carries the answer to the word's phrases, which spares splitting
/// every ranked phrase into its words again.
pub fn holds_attribution_word(key: &str) -> bool {
    // The lists are written in folded form already, so keys compare directly.
    key_words(key).any(|w| listed(ATTRIBUTION_WORDS, ATTRIBUTION_LENGTHS, w))
}

/// [`is_boilerplate`] of a phrase key of which [`holds_attribution_word`] is already known.
pub fn is_boilerplate_given(key: &str, holds_attribution_word: bool) -> bool {
    holds_attribution_word
        || listed(AGENCY_NAMES, WHOLE_KEY_LENGTHS, key)
        || listed(MEDIA_MARKERS, WHOLE_KEY_LENGTHS, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_in_folded_form() {
        for word in ATTRIBUTION_WORDS
            .iter()
            .chain(AGENCY_NAMES)
            .chain(MEDIA_MARKERS)
        {
            assert_eq!(super::super::fold::fold(word), *word);
        }
    }

    #[test]
    fn agency_words_are_furniture_but_place_names_are_not() {
        assert!(is_boilerplate("گزارش"));
        assert!(is_boilerplate("خبرگزاری فارس"));
        assert!(is_boilerplate("فارس"));
        assert!(!is_boilerplate("خلیج فارس"));
        assert!(!is_boilerplate("مدیریت شهری"));
        assert!(is_boilerplate("عکس"));
        assert!(!is_boilerplate("عکاسی خبری"));
    }
}
