//! Properties of the extractor on arbitrary text built from news-like pieces: it never panics,
//! and every statement's offsets select exactly its text inside its paragraph.

use goftar::model::{Document, Paragraph};
use goftar::speakers::extract;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "وی",
    "گفت",
    "گفت:",
    ":",
    "«",
    "»",
    "،",
    ".",
    " ",
    "\u{200c}",
    "افزود",
    "با بیان اینکه",
    "به گفته",
    "که",
    "را",
    "از",
    "خبر داد",
    "تأکید کرد",
    "بر",
    "علی",
    "رضایی",
    "شهردار",
    "تهران",
    "دکتر",
    "این",
    "مسئول",
    "و",
    "؟",
    "خواستار",
    "شد",
    "به گزارش",
    "خبرگزاری",
    "-",
    "۱۲",
    "3.5",
    "x",
    "ي",
    "ك",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|parts| parts.join(" "))
}

proptest! {
    #[test]
    fn offsets_select_the_text(paras in prop::collection::vec(paragraph(), 1..5)) {
        let doc = Document {
            id: "p".into(),
            paragraphs: Paragraph::numbered(paras.iter().cloned()),
            ..Document::default()
        };
        for s in extract(&doc) {
            let text = &doc.paragraphs[s.paragraph].text;
            prop_assert_eq!(text.get(s.start..s.end), Some(s.text.as_str()));
            prop_assert!(!s.text.trim().is_empty());
            prop_assert!((0.0..=1.0).contains(&s.confidence));
        }
    }
}
