//! End-to-end checks of the index API: build a small index, search it every way the CLI and the
//! server do.

use goftar::index::{IndexBuilder, Scope, SearchError, SearchRequest, Searcher, SortOrder};
use goftar::model::{Document, Paragraph, Removal, RemovalReason, Statement, StatementKind};

fn statement(article: &str, paragraph: usize, speaker: &str, role: &str, text: &str) -> Statement {
    Statement {
        id: Statement::make_id(article, paragraph, 0),
        article_id: article.to_string(),
        paragraph,
        speaker: Some(speaker.to_string()),
        role: Some(role.to_string()),
        cue: "گفت".to_string(),
        kind: StatementKind::Indirect,
        text: text.to_string(),
        quote: String::new(),
        start: 0,
        end: text.len(),
        confidence: 0.9,
        topics: vec![],
    }
}

fn document(
    id: &str,
    date: &str,
    source: &str,
    paragraphs: &[&str],
    statements: Vec<Statement>,
) -> Document {
    Document {
        id: id.to_string(),
        title: Some(format!("عنوان {id}")),
        date: Some(date.to_string()),
        source: Some(source.to_string()),
        paragraphs: Paragraph::numbered(paragraphs.iter().copied()),
        removed: vec![Removal {
            index: 9,
            reason: RemovalReason::Boilerplate,
            duplicate_of: None,
            similarity: None,
            text: "نظر شما".to_string(),
        }],
        statements,
        topics: vec!["شهرداری".to_string(), "مترو".to_string()],
        ..Document::default()
    }
}

fn build() -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = IndexBuilder::create(&dir.path().join("index")).unwrap();
    builder
        .add(&document(
            "a1",
            "2024-05-01",
            "مهر",
            &[
                "شهردار قم گفت برنامه‌های محله‌محور اجرا می‌شود.",
                "نهنگ‌ها در خلیج فارس دیده شدند.",
            ],
            vec![
                statement(
                    "a1",
                    0,
                    "مرتضی سقائیان‌نژاد",
                    "شهردار قم",
                    "برنامه‌های محله‌محور اجرا می‌شود",
                ),
                statement(
                    "a1",
                    1,
                    "علی لاریجانی",
                    "رئیس مجلس",
                    "نهنگ‌ها در خلیج فارس دیده شدند",
                ),
            ],
        ))
        .unwrap();
    builder
        .add(&document(
            "a2",
            "2023-01-10",
            "فارس",
            &["وزير نفت گفت گزارشات مالي منتشر ميشود."],
            vec![statement(
                "a2",
                0,
                "بیژن زنگنه",
                "وزیر نفت",
                "گزارشات مالي <script> منتشر ميشود",
            )],
        ))
        .unwrap();
    builder.finish().unwrap();
    let searcher = Searcher::open(dir.path()).unwrap();
    (dir, searcher)
}

fn ids(searcher: &Searcher, request: SearchRequest) -> Vec<String> {
    searcher
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn query(q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        limit: 10,
        ..SearchRequest::default()
    }
}

#[test]
fn spelling_variants_find_the_same_statements() {
    let (_dir, s) = build();
    for q in ["برنامه ها", "برنامهها", "برنامه‌هاي", "برنامه"] {
        assert_eq!(ids(&s, query(q)), ["a1:0:0"], "{q}");
    }
    for q in ["نهنگ", "نهنگها", "نهنگ ها"] {
        assert_eq!(ids(&s, query(q)), ["a1:1:0"], "{q}");
    }
    assert_eq!(ids(&s, query("گزارش مالی")), ["a2:0:0"]);
    assert_eq!(ids(&s, query("می شود منتشر")), ["a2:0:0"]);
}

#[test]
fn phrases_exclusions_or_and_fields() {
    let (_dir, s) = build();
    assert_eq!(ids(&s, query("\"خلیج فارس\"")), ["a1:1:0"]);
    assert!(ids(&s, query("\"فارس خلیج\"")).is_empty());
    assert_eq!(ids(&s, query("نهنگ OR گزارش")).len(), 2);
    assert_eq!(ids(&s, query("-نهنگ")).len(), 2);
    assert_eq!(ids(&s, query("speaker:لاریجانی")), ["a1:1:0"]);
    assert_eq!(ids(&s, query("نهنگ speaker:زنگنه")), Vec::<String>::new());
}

#[test]
fn filters_sorting_and_facets() {
    let (_dir, s) = build();
    let all = SearchRequest {
        sort: SortOrder::Date,
        ..query("")
    };
    assert_eq!(ids(&s, all.clone()).len(), 3);
    let speaker = SearchRequest {
        speaker: Some("لاريجاني".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, speaker), ["a1:1:0"]);
    let role = SearchRequest {
        role: Some("وزیر".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, role), ["a2:0:0"]);
    let source = SearchRequest {
        source: Some("فارس".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, source), ["a2:0:0"]);
    let dated = SearchRequest {
        from: Some("2024-01-01".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, dated).len(), 2);
    let jalali = SearchRequest {
        to: Some("1402/01/01".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, jalali), ["a2:0:0"]);
    let topic = SearchRequest {
        topic: Some("مترو".into()),
        ..all.clone()
    };
    assert_eq!(ids(&s, topic).len(), 3);

    let response = s.search(&all).unwrap();
    assert_eq!(response.total, 3);
    let newest_first: Vec<&str> = response
        .hits
        .iter()
        .map(|h| h.date.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(newest_first.last(), Some(&"2023-01-10"));
    assert_eq!(response.facets.speakers.len(), 3);
    assert_eq!(response.facets.sources[0].value, "مهر");
    assert_eq!(response.facets.sources[0].count, 2);
    assert_eq!(response.facets.topics.len(), 2);

    let page = SearchRequest {
        limit: 1,
        offset: 2,
        ..all.clone()
    };
    assert_eq!(ids(&s, page).len(), 1);
    let count_only = SearchRequest { limit: 0, ..all };
    let r = s.search(&count_only).unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.total, 3);
}

#[test]
fn snippets_highlight_and_escape() {
    let (_dir, s) = build();
    let hit = &s.search(&query("گزارش")).unwrap().hits[0];
    assert!(hit.snippet.contains("«گزارشات»"), "{}", hit.snippet);
    assert!(
        hit.snippet_html.contains("<b>گزارشات</b>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.snippet_html.contains("&lt;script&gt;"),
        "{}",
        hit.snippet_html
    );
    let article = &s
        .search(&SearchRequest {
            scope: Scope::Articles,
            ..query("برنامه ها")
        })
        .unwrap()
        .hits[0];
    assert_eq!(article.id, "a1");
    assert!(
        article.snippet_html.contains("<b>برنامه‌های</b>"),
        "{}",
        article.snippet_html
    );
}

#[test]
fn lookups_by_id_and_autocomplete() {
    let (_dir, s) = build();
    let st = s.statement("a1:1:0").unwrap().unwrap();
    assert_eq!(st.speaker.as_deref(), Some("علی لاریجانی"));
    assert_eq!(st.role.as_deref(), Some("رئیس مجلس"));
    assert!(s.statement("nope").unwrap().is_none());
    let article = s.article("a1").unwrap().unwrap();
    assert_eq!(article.paragraphs.len(), 2);
    assert_eq!(article.removed.len(), 1);
    assert_eq!(
        article
            .statements
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["a1:0:0", "a1:1:0"]
    );
    assert!(s.article("zzz").unwrap().is_none());
    assert_eq!(s.speakers("لاری", 5), [("علی لاریجانی".to_string(), 1)]);
    assert_eq!(s.speakers("", 10).len(), 3);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let (_dir, s) = build();
    assert!(matches!(
        s.search(&query("\"open")),
        Err(SearchError::BadQuery(_))
    ));
    let bad_date = SearchRequest {
        from: Some("yesterday".into()),
        ..query("x")
    };
    assert!(matches!(
        s.search(&bad_date),
        Err(SearchError::BadParameter(_))
    ));
    let huge = SearchRequest {
        limit: 1_000_000,
        ..query("x")
    };
    assert!(matches!(s.search(&huge), Err(SearchError::BadParameter(_))));
    for q in [
        "-",
        "!!!",
        "OR",
        "\"\"",
        "speaker:\"\"",
        "kind:direct",
        "‌‌",
        "ـ",
    ] {
        let _ = s.search(&query(q));
    }
    assert!(Searcher::open(std::path::Path::new("/nonexistent")).is_err());
}

#[test]
fn searcher_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Searcher>();
    let (_dir, s) = build();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(ids(&s, query("نهنگ")).len(), 1));
        }
    });
}
