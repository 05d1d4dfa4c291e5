//! Behaviour of the normalizer on real-world shapes of Persian news text.

use goftar::normalize::{Config, Digits, fold, normalize, restore_token};

fn norm(s: &str) -> String {
    normalize(s, &Config::default()).text
}

#[test]
fn stripped_zwnjs_of_the_seed_article_come_back() {
    let glued = "اجرای برنامههای شهری با رویکرد محلهمحور، ستونهای اصلی، توسعهای پایدار، \
                 قم بهعنوان یک فرصت، تصمیمگیریها، شنیده میشود، شریک میدانند، پروژههای عمرانی، \
                 زیرساختها و طرحهای ترافیکی، نقش تعیینکنندهای، خواستهایم، سیاستهای مدیریت، \
                 بهصورت جدی، میتواند زمینهساز، گروهها، همانقدر که";
    let out = norm(glued);
    for word in [
        "برنامه‌های",
        "محله‌محور",
        "ستون‌های",
        "توسعه‌ای",
        "به‌عنوان",
        "تصمیم‌گیری‌ها",
        "می‌شود",
        "می‌دانند",
        "پروژه‌های",
        "زیرساخت‌ها",
        "طرح‌های",
        "تعیین‌کننده‌ای",
        "خواسته‌ایم",
        "سیاست‌های",
        "به‌صورت",
        "می‌تواند",
        "زمینه‌ساز",
        "گروه‌ها",
        "همان‌قدر",
    ] {
        assert!(
            out.split([' ', '،']).any(|w| w == word),
            "{word} missing in {out}"
        );
    }
}

#[test]
fn lost_space_is_repaired() {
    assert_eq!(norm("ویگفت: زمانی که"), "وی گفت: زمانی که");
}

#[test]
fn spaced_affixes_are_joined_but_auxiliaries_are_not() {
    assert_eq!(norm("این کار می شود"), "این کار می‌شود");
    assert_eq!(norm("کتاب ها و برنامه های ما"), "کتاب‌ها و برنامه‌های ما");
    assert_eq!(norm("آنان رفته اند"), "آنان رفته‌اند");
    assert_eq!(
        norm("او خواهد بود و کار شده است"),
        "او خواهد بود و کار شده است"
    );
    assert_eq!(norm("بیش از این"), "بیش از این");
}

#[test]
fn clean_text_is_left_alone() {
    for s in [
        "درگیری‌های گروه جدایی‌طلب با دولت روسیه بیشتر شده است.",
        "این میهمانی به منظور آشنایی هم‌تیمی‌های او با غذاهای ایرانی ترتیب داده شد.",
        "رئیس‌جمهور گفت: «ما می‌خواهیم کار کنیم.»",
    ] {
        assert_eq!(norm(s), s);
    }
}

#[test]
fn non_prose_survives() {
    for s in [
        "نرخ تورم 3.5 درصد و ۳٫۵ درصد و 1,000 تومان",
        "در تاریخ ۱۴۰۳/۰۲/۱۲ ساعت ۱۲:۳۰",
        "نشانی https://www.isna.ir/news/140302 و info@mehrnews.com",
        "برچسب #انتخابات_۱۴۰۳ و @Mehr_News در Twitter",
    ] {
        assert_eq!(norm(s), s);
    }
}

#[test]
fn nbsp_becomes_zwnj_or_space() {
    assert_eq!(norm("کتاب\u{00A0}ها"), "کتاب‌ها");
    assert_eq!(norm("می\u{00A0}رود"), "می‌رود");
    assert_eq!(norm("ایران\u{00A0}و\u{00A0}عراق"), "ایران و عراق");
}

#[test]
fn digits_follow_the_config() {
    let ascii = Config {
        digits: Digits::Ascii,
        ..Config::default()
    };
    assert_eq!(normalize("سال ۱۴۰۳", &ascii).text, "سال 1403");
    assert_eq!(norm("سال ۱۴۰۳"), "سال ۱۴۰۳");
}

#[test]
fn offsets_map_back_to_the_input() {
    let input = "  ویگفت: برنامههای  شهري ";
    let n = normalize(input, &Config::default());
    let at = n.text.find("شهری").expect("word kept");
    let from = n.source_offset(at);
    assert_eq!(&input[from..from + "شهر".len()], "شهر");
    assert_eq!(n.source_offset(n.text.len()), input.len());
    let mut last = 0;
    for (i, _) in n.text.char_indices() {
        let from = n.source_offset(i);
        assert!(from >= last && input.is_char_boundary(from));
        last = from;
    }
}

#[test]
fn fold_is_a_plain_key() {
    assert_eq!(fold(" علي  كتاب‌ها ۱۲ "), "علی کتاب‌ها 12");
    assert_eq!(fold("میشود"), "میشود");
}

#[test]
fn restore_token_for_the_analyzer() {
    assert_eq!(restore_token("برنامههای"), "برنامه‌های");
    assert_eq!(restore_token("ویگفت"), "وی گفت");
    assert_eq!(restore_token("کتاب"), "کتاب");
    assert_eq!(restore_token("hello"), "hello");
}
