//! Properties of the normalizer on arbitrary text.

use goftar::normalize::{Config, fold, normalize};
use proptest::prelude::*;

/// Strings built from Persian letters, affixes, ZWNJ, odd spaces, punctuation, digits and Latin.
fn persianish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "می",
        "نمی",
        "ها",
        "های",
        "ای",
        "اند",
        "ترین",
        "کتاب",
        "برنامه",
        "خانه",
        "شود",
        "گفت",
        "وی",
        "به",
        "از",
        "است",
        "محله",
        "محور",
        "ي",
        "ك",
        "ۀ",
        "ة",
        "ـ",
        "\u{064E}",
        "\u{200C}",
        "\u{200D}",
        "\u{00A0}",
        " ",
        "  ",
        "\t",
        "،",
        ".",
        ":",
        "؟",
        "!",
        "«",
        "»",
        "(",
        "3.5",
        "۱۴۰۳/۰۲/۱۲",
        "a",
        "http://x.ir/a",
        "ﻻ",
        "\u{FEFF}",
        "۳",
        "ه",
        "ی",
        "ا",
        "ر",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn normalize_is_idempotent(s in persianish()) {
        let config = Config::default();
        let once = normalize(&s, &config).text;
        let twice = normalize(&once, &config).text;
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn normalize_is_idempotent_on_any_unicode(s in "\\PC{0,40}") {
        let config = Config::default();
        let once = normalize(&s, &config).text;
        prop_assert_eq!(normalize(&once, &config).text, once);
    }

    #[test]
    fn offsets_are_monotone_char_boundaries(s in persianish()) {
        let n = normalize(&s, &Config::default());
        let mut last = 0;
        let boundaries = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]);
        for i in boundaries {
            let from = n.source_offset(i);
            prop_assert!(from >= last && from <= s.len() && s.is_char_boundary(from));
            last = from;
        }
    }

    #[test]
    fn fold_is_idempotent(s in persianish()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }
}
