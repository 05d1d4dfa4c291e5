//! End-to-end tests of the normalizer on sentences.

use super::*;

fn norm(s: &str) -> String {
    normalize(s, &Config::default()).text
}

#[test]
fn letters_marks_controls() {
    assert_eq!(norm("علي كتاب"), "علی کتاب");
    assert_eq!(norm("سـلام\u{200F}"), "سلام");
    assert_eq!(norm("كِتابٌ"), "کتاب");
    assert_eq!(norm("ﻻ"), "لا");
}

#[test]
fn whitespace_and_punctuation() {
    assert_eq!(norm("  سلام   دنیا  "), "سلام دنیا");
    assert_eq!(norm("گفت :محلات ، شهر"), "گفت: محلات، شهر");
    assert_eq!(norm("او گفت « سلام » و رفت"), "او گفت «سلام» و رفت");
}

#[test]
fn leaves_non_prose_alone() {
    for s in [
        "3.5",
        "۳٫۵ درصد",
        "1,000 تومان",
        "تاریخ ۱۴۰۳/۰۲/۱۲ ساعت 12:30",
        "نشانی https://www.example.com/a.b?x=1 است",
        "ایمیل info@example.ir است",
        "#ایران و @user_name",
        "Hello World.",
    ] {
        assert_eq!(norm(s), s, "{s}");
    }
}

#[test]
fn zwnj_cleanup() {
    assert_eq!(norm("کتاب\u{200C}\u{200C}ها"), "کتاب\u{200C}ها");
    assert_eq!(norm("\u{200C}سلام\u{200C} دنیا"), "سلام دنیا");
    assert_eq!(norm("دو\u{200C}مرحله"), "دو\u{200C}مرحله");
    let strict = Config {
        zwnj_after_non_joining: false,
        ..Config::default()
    };
    assert_eq!(normalize("دو\u{200C}مرحله", &strict).text, "دومرحله");
}

#[test]
fn offsets_point_into_input() {
    let input = "  علي   كتاب ";
    let n = normalize(input, &Config::default());
    for (i, c) in n.text.char_indices() {
        let from = n.source_offset(i);
        assert!(input.is_char_boundary(from));
        if c == 'ک' {
            assert_eq!(&input[from..from + 2], "ك");
        }
    }
    assert_eq!(n.source_offset(n.text.len()), input.len());
}

#[test]
fn spaced_compounds_joined_unless_zwnjs_were_stripped() {
    // Spaced affixes: the writer types spaces for ZWNJs, so compounds are joined too.
    assert_eq!(
        norm("برنامه ریزی ها انجام می شود"),
        "برنامه\u{200C}ریزی\u{200C}ها انجام می\u{200C}شود"
    );
    // No habit shown: an established compound is joined.
    assert_eq!(norm("روز سه شنبه"), "روز سه\u{200C}شنبه");
    // Stripped ZWNJs elsewhere (`میشود`): the space is a true one and stays.
    assert_eq!(
        norm("روز سه شنبه تعطیل میشود"),
        "روز سه شنبه تعطیل می\u{200C}شود"
    );
    // Text that types ZWNJs keeps its spaces.
    assert_eq!(
        norm("روز سه شنبه تعطیل می\u{200C}شود"),
        "روز سه شنبه تعطیل می\u{200C}شود"
    );
}
