//! The seed article end to end through the pipeline: its repeated first paragraph and its
//! `نظر شما` line go, its lead stays. Runs only where `../shared/seeds` is present.

mod common;

use goftar::model::{Article, RemovalReason};
use goftar::pipeline::{Options, Pipeline, VecSink};

fn seed_article() -> Option<Article> {
    let dir = common::shared_dir()?.join("seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("000_"))?;
    let body = std::fs::read_to_string(entry.path()).ok()?;
    Some(Article {
        id: "seed".to_string(),
        source: Some("mehr".to_string()),
        body,
        ..Article::default()
    })
}

#[test]
fn seed_article_loses_its_copy_and_furniture_but_keeps_its_lead() {
    let Some(article) = seed_article() else {
        eprintln!("../shared/seeds not found: skipped");
        return;
    };
    let mut pipeline = Pipeline::new(Options::default());
    let mut sink = VecSink::default();
    pipeline.run_articles(vec![article], &mut sink).unwrap();
    let doc = &sink.documents[0];

    let copy = doc
        .removed
        .iter()
        .find(|r| r.index == 8)
        .expect("paragraph 8 removed");
    assert_eq!(copy.reason, RemovalReason::Duplicate);
    assert_eq!(copy.duplicate_of.as_ref().map(|p| p.index), Some(0));
    let furniture = doc
        .removed
        .iter()
        .find(|r| r.index == 9)
        .expect("نظر شما removed");
    assert_eq!(furniture.reason, RemovalReason::Boilerplate);
    assert_eq!(doc.removed.len(), 2);

    let lead = doc
        .paragraphs
        .iter()
        .find(|p| p.index == 7)
        .expect("lead kept");
    assert!(lead.text.starts_with("قم- شهردار قم گفت"));
    assert_eq!(doc.paragraphs.len(), 8);
    assert!(doc.duplicate_of.is_none());
}

#[test]
fn the_same_article_twice_is_a_syndicated_copy() {
    let Some(article) = seed_article() else {
        return;
    };
    let mut second = article.clone();
    second.id = "seed-again".to_string();
    let mut pipeline = Pipeline::new(Options::default());
    let mut sink = VecSink::default();
    pipeline
        .run_articles(vec![article, second], &mut sink)
        .unwrap();
    let again = &sink.documents[1];
    assert_eq!(again.duplicate_of.as_deref(), Some("seed"));
    assert!(again.paragraphs.is_empty());
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let Some(article) = seed_article() else {
        return;
    };
    let articles: Vec<Article> = (0..40)
        .map(|i| Article {
            id: format!("a{i}"),
            ..article.clone()
        })
        .collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut pipeline = Pipeline::new(Options {
            batch_records: 7,
            ..Options::default()
        });
        let mut sink = VecSink::default();
        pool.install(|| pipeline.run_articles(articles.clone(), &mut sink))
            .unwrap();
        sink.documents
            .iter()
            .map(|d| (d.removed.clone(), d.duplicate_of.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(3));
}
