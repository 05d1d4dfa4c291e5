//! Topics through the public API, on hand-written articles.

use goftar::topics::TopicModel;
use goftar::{Document, Paragraph, Statement, StatementKind};
use proptest::prelude::*;

fn document(title: &str, paragraphs: &[&str]) -> Document {
    Document {
        id: "t-1".into(),
        title: Some(title.into()),
        paragraphs: Paragraph::numbered(paragraphs.iter().copied()),
        ..Document::default()
    }
}

fn qom_article() -> Document {
    document(
        "اجرای برنامه‌های محله‌محور در قم",
        &[
            "به گزارش خبرگزاری فارس از قم، شهردار قم گفت: برنامه‌های محله‌محور در مدیریت شهری قم اجرا می‌شود.",
            "وی افزود: مدیریت شهری با مشارکت شهروندان و شوراهای محلات، برنامه ها را در همه محله‌ها دنبال می‌کند.",
            "شهردار قم با اشاره به بودجه سال آینده گفت: اعتبار برنامه‌های محله‌محور دو برابر می‌شود.",
            "او همچنین از ساخت پارک‌های محله‌ای، بازسازی بافت فرسوده و توسعه حمل و نقل عمومی خبر داد.",
            "شورای شهر قم نیز طرح توسعه فضای سبز و ایمنی معابر را تصویب کرد.",
        ],
    )
}

#[test]
fn an_article_gets_ten_ranked_topics_without_agency_furniture() {
    let model = TopicModel::new();
    let topics = model.article_topics(&qom_article());
    assert!(topics.len() >= 10, "{topics:?}");
    let top: Vec<&str> = topics.iter().take(5).map(String::as_str).collect();
    assert!(top.iter().any(|t| t.contains("محله‌محور")), "{top:?}");
    assert!(top.contains(&"قم"), "{top:?}");
    for t in &topics {
        assert!(
            !t.contains("گزارش") && !t.contains("خبرگزاری") && t != "فارس",
            "{t}"
        );
    }
}

#[test]
fn spelling_variants_of_one_phrase_give_one_topic() {
    let model = TopicModel::new();
    let topics = model.article_topics(&qom_article());
    // `برنامه‌های`, `برنامه ها` and `برنامه‌ها` are one word: at most one single-word topic.
    let plans = topics
        .iter()
        .filter(|t| t.starts_with("برنامه") && !t.contains(' '))
        .count();
    assert!(plans <= 1, "{topics:?}");
}

#[test]
fn statement_topics_are_three_phrases_of_the_statement() {
    let model = TopicModel::new();
    let doc = qom_article();
    let text = "اعتبار برنامه‌های محله‌محور دو برابر می‌شود";
    let statement = Statement {
        id: Statement::make_id("t-1", 2, 0),
        article_id: "t-1".into(),
        paragraph: 2,
        speaker: Some("شهردار قم".into()),
        role: None,
        cue: "گفت".into(),
        kind: StatementKind::Direct,
        text: text.into(),
        quote: String::new(),
        start: 0,
        end: text.len(),
        confidence: 0.9,
        topics: Vec::new(),
    };
    let _ = model.article_topics(&doc);
    let topics = model.statement_topics(&doc, &statement);
    assert!(!topics.is_empty() && topics.len() <= 3, "{topics:?}");
    for t in &topics {
        let first = t.split(' ').next().unwrap_or_default();
        assert!(text.contains(first), "{t} not in the statement");
    }
}

#[test]
fn run_counts_make_a_corpus_wide_phrase_rank_lower() {
    let doc = qom_article();
    let fresh = TopicModel::new();
    let mut seen = TopicModel::new();
    // A corpus where every article speaks of urban management makes it ordinary.
    for i in 0..200 {
        let mut other = document("مدیریت شهری", &["مدیریت شهری و شهرداری در این شهر."]);
        other.id = format!("o-{i}");
        seen.observe(&other);
    }
    let rank = |m: &TopicModel| {
        m.article_topics(&doc)
            .iter()
            .position(|t| t == "مدیریت شهری")
    };
    let (before, after) = (rank(&fresh), rank(&seen));
    assert!(
        after.is_none() || before.is_some_and(|b| after.is_some_and(|a| a >= b)),
        "{before:?} {after:?}"
    );
}

#[test]
fn empty_and_odd_documents_give_no_topics_and_no_panic() {
    let model = TopicModel::new();
    assert!(model.article_topics(&Document::default()).is_empty());
    assert!(
        model
            .article_topics(&document("!!!", &["۱۲۳ ، ، «»", "\u{200c}\u{200c}"]))
            .is_empty()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_is_handled(title in "\\PC{0,40}", body in "[\\u{0600}-\\u{06ff}\\u{200c} a-z0-9.،:]{0,300}") {
        let model = TopicModel::new();
        let doc = document(&title, &[&body]);
        let topics = model.article_topics(&doc);
        prop_assert!(topics.iter().all(|t| !t.is_empty()));
    }
}

fn sports_article(source: &str) -> Document {
    Document {
        source: Some(source.into()),
        ..document(
            "پیروزی استقلال مقابل منچستریونایتد",
            &[
                "به گزارش ورزش سه، استقلال در دیداری دوستانه منچستریونایتد را شکست داد.",
                "بازیکنان استقلال در نیمه دوم دو گل زدند و هواداران استقلال در ورزشگاه آزادی جشن گرفتند.",
                "سرمربی منچستریونایتد پس از بازی گفت تیمش در نیمه دوم خسته بود.",
            ],
        )
    }
}

#[test]
fn topics_take_the_forms_the_sources_editors_tag() {
    let model = TopicModel::new();
    let varzesh3 = model.article_topics(&sports_article("varzesh3"));
    assert!(varzesh3.iter().any(|t| t == "استقلال تهران"), "{varzesh3:?}");
    assert!(
        varzesh3.iter().any(|t| t == "منچستر یونایتد"),
        "{varzesh3:?}"
    );
    assert!(!varzesh3.iter().any(|t| t == "استقلال"), "{varzesh3:?}");
    // Another outlet's editors tag the team as the text names it.
    let fars = model.article_topics(&sports_article("farsnews"));
    assert!(fars.iter().any(|t| t == "استقلال"), "{fars:?}");
    assert!(!fars.iter().any(|t| t == "استقلال تهران"), "{fars:?}");
}
