//! A light, guarded Persian stemmer for the suffixes that change how a word is written but not
//! what a journalist searches for: plural `ها` (with possessive endings), the Persian-word `ات`
//! plural (`گزارشات`), `جات`, and the ezafe/indefinite/possessive endings after a final `ه`.
//!
//! It runs on folded keys (ZWNJ already removed), so `نهنگ‌ها`, `نهنگ ها` and `نهنگها` all reach it
//! as `نهنگها`. Guards: a minimum stem length per rule and a short list of words that only look
//! inflected (`تنها`). Arabic-origin `ات` plurals (`انتخابات`, `اطلاعات`) and the `ان` plural are
//! left alone on purpose: stripping them merges distinct words (`انتخاب`, `خیابان`→`خیاب`, `ایران`).

/// Plural endings (longest first), each optionally carrying a possessive clitic.
const PLURAL_SUFFIXES: [&str; 9] = [
    "هایمان",
    "هایتان",
    "هایشان",
    "هایم",
    "هایت",
    "هایش",
    "هایی",
    "های",
    "ها",
];

/// Possessive clitics after a word-final `ه` (`خانهاش`). The indefinite `ای` is not here: glued,
/// `خانهای` reads as the plural `خان+های` too, and the plural is far more common; the tokenizer
/// strips `ای` when a ZWNJ or space shows where the word ends (`خانه‌ای`).
const AFTER_HEH_SUFFIXES: [&str; 5] = ["شان", "تان", "مان", "اش", "ام"];

/// Words that end like an inflection but are not one.
const NOT_INFLECTED: [&str; 6] = ["تنها", "اینها", "آنها", "اژدها", "کدخدا", "الها"];

/// The last letters of every ending a rule strips: a word ending otherwise (most words) has no
/// rule to try.
const ENDING_FINALS: [char; 6] = ['ا', 'ی', 'م', 'ت', 'ش', 'ن'];

/// Returns the stem of a folded word (the word itself when no guarded rule applies).
pub fn stem(word: &str) -> &str {
    if !word.ends_with(ENDING_FINALS) {
        return word;
    }
    if NOT_INFLECTED.contains(&word) || !word.chars().next().is_some_and(is_persian_letter) {
        return word;
    }
    for suffix in PLURAL_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix)
            && char_count(stem) >= 2
        {
            return stem;
        }
    }
    if let Some(stem) = strip_ات_plural(word) {
        return stem;
    }
    for suffix in AFTER_HEH_SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.ends_with('ه')
            && char_count(stem) >= 3
        {
            return stem;
        }
    }
    // A glued ezafe `ی` after `ه` (`برنامهی`); longer stems only, so `ماهی` (fish) stays.
    if let Some(stem) = word.strip_suffix('ی')
        && stem.ends_with('ه')
        && char_count(stem) >= 4
    {
        return stem;
    }
    word
}

/// `گزارشات` → `گزارش`, `میوهجات` → `میوه`: the `ات` plural of Persian words, which almost all end
/// in `ش` (verbal nouns); Arabic broken plurals in `ات` are separate dictionary words.
#[allow(non_snake_case)]
fn strip_ات_plural(word: &str) -> Option<&str> {
    if let Some(stem) = word.strip_suffix("جات")
        && (stem.ends_with('ه') || stem.ends_with('ی'))
        && char_count(stem) >= 3
    {
        return Some(stem);
    }
    let stem = word.strip_suffix("ات")?;
    (stem.ends_with('ش') && char_count(stem) >= 4).then_some(stem)
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn is_persian_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0621}'
            ..='\u{064a}'
                | '\u{067e}'
                | '\u{0686}'
                | '\u{0698}'
                | '\u{06a9}'
                | '\u{06af}'
                | '\u{06cc}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_possessives_reach_the_singular() {
        assert_eq!(stem("نهنگها"), "نهنگ");
        assert_eq!(stem("برنامههای"), "برنامه");
        assert_eq!(stem("کتابهایشان"), "کتاب");
        assert_eq!(stem("گزارشات"), "گزارش");
        assert_eq!(stem("میوهجات"), "میوه");
        assert_eq!(stem("خانهای"), "خان", "glued, the plural reading wins");
        assert_eq!(stem("برنامهی"), "برنامه");
        assert_eq!(stem("خانهاش"), "خانه");
    }

    #[test]
    fn every_stripped_ending_ends_in_a_listed_final() {
        let endings = PLURAL_SUFFIXES
            .iter()
            .chain(&AFTER_HEH_SUFFIXES)
            .chain(&["ات", "جات", "ی"]);
        for ending in endings {
            assert!(ending.ends_with(ENDING_FINALS), "{ending}");
        }
    }

    #[test]
    fn words_that_only_look_inflected_stay() {
        for word in [
            "خیابان",
            "ایران",
            "تنها",
            "انتخابات",
            "اطلاعات",
            "ماهی",
            "رها",
            "بها",
            "نشان",
            "دانش",
            "نهنگ",
            "covid",
            "1402",
        ] {
            assert_eq!(stem(word), word, "{word}");
        }
    }
}
