//! `goftar search` and `GET /api/search` answer alike on the indexes of `process --threads 1` and
//! `--threads 2`, and results that tie on score or date come in input order (the order of
//! `statements.jsonl` and `articles.jsonl`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use common::enc;
use goftar::index::Searcher;
use goftar::server::{ServerConfig, router};
use serde_json::Value;
use tower::ServiceExt;

/// Words common in the sample corpus, a phrase, filters, an exclusion, an OR, and the empty query
/// (every document, newest first): long runs of equal scores and dates.
const QUERIES: [&str; 12] = [
    "",
    "آب",
    "سال",
    "استان",
    "طرح",
    "کاهش",
    "مدارس",
    "\"سهمیه آب\"",
    "speaker:کاظمی‌نژاد",
    "شهر OR کشور",
    "درصد -افزایش",
    "source:ایرنا",
];

fn goftar() -> Command {
    Command::new(env!("CARGO_BIN_EXE_goftar"))
}

/// `goftar process corpora --threads N` into a new folder.
fn processed(threads: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let status = goftar()
        .arg("process")
        .arg(&corpora)
        .arg("--out")
        .arg(out.path())
        .args(["--threads", threads, "--quiet"])
        .status()
        .expect("goftar runs");
    assert!(status.success(), "process --threads {threads}");
    out
}

/// `goftar search --json` with the timing taken out.
fn cli_search(index: &Path, query: &str, scope: &str, sort: &str, offset: &str) -> Value {
    let out = goftar()
        .arg("search")
        .arg("--index")
        .arg(index)
        .args(["--scope", scope, "--sort", sort, "--offset", offset])
        .args(["--limit", "15", "--json", "--", query])
        .output()
        .expect("goftar runs");
    assert!(
        out.status.success(),
        "{query:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut response: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    response["took_ms"] = Value::Null;
    response
}

fn app(index: &Path) -> Router {
    let searcher = Searcher::open(index).expect("open index");
    router(Arc::new(searcher), &ServerConfig::default()).expect("router")
}

async fn api_search(app: &Router, query: &str, scope: &str, sort: &str, offset: &str) -> Value {
    let uri = format!(
        "/api/search?q={}&scope={scope}&sort={sort}&offset={offset}&limit=15",
        enc(query)
    );
    let request = Request::get(&uri).body(Body::empty()).expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    let body = to_bytes(response.into_body(), 1 << 24).await.expect("body");
    let mut response: Value = serde_json::from_slice(&body).expect("JSON");
    response["took_ms"] = Value::Null;
    response
}

/// Every query, scope, sort and page of [`QUERIES`].
fn requests() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    let mut all = Vec::new();
    for query in QUERIES {
        for scope in ["statements", "articles"] {
            for sort in ["relevance", "date"] {
                for offset in ["0", "5"] {
                    all.push((query, scope, sort, offset));
                }
            }
        }
    }
    all
}

#[tokio::test]
async fn search_answers_alike_for_one_and_two_processing_threads() {
    let (one, two) = (processed("1"), processed("2"));
    let (one_app, two_app) = (app(one.path()), app(two.path()));
    let mut matched = 0;
    for (query, scope, sort, offset) in requests() {
        let cli = cli_search(one.path(), query, scope, sort, offset);
        assert_eq!(
            cli,
            cli_search(two.path(), query, scope, sort, offset),
            "goftar search {query:?} --scope {scope} --sort {sort} --offset {offset}"
        );
        let api = api_search(&one_app, query, scope, sort, offset).await;
        assert_eq!(
            api,
            api_search(&two_app, query, scope, sort, offset).await,
            "/api/search {query:?} {scope} {sort} {offset}"
        );
        matched += usize::from(cli["total"].as_u64().unwrap_or(0) > 0);
    }
    assert!(matched * 4 >= requests().len() * 3, "too few queries match");
}

/// The ids of a JSONL output file, in its (input) order.
fn ids_in_order(path: PathBuf) -> Vec<String> {
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("JSON line");
            record["id"].as_str().expect("id").to_string()
        })
        .collect()
}

#[test]
fn ties_come_in_input_order() {
    let out = processed("2");
    let searcher = Searcher::open(out.path()).expect("open index");
    for (scope, file) in [
        (goftar::index::Scope::Statements, "statements.jsonl"),
        (goftar::index::Scope::Articles, "articles.jsonl"),
    ] {
        let input_order = ids_in_order(out.path().join(file));
        let position = |id: &str| input_order.iter().position(|known| known == id);
        let mut ties = 0;
        for (query, sort) in [
            ("", goftar::index::SortOrder::Date),
            ("آب", goftar::index::SortOrder::Date),
            ("آب", goftar::index::SortOrder::Relevance),
            ("سال", goftar::index::SortOrder::Relevance),
        ] {
            let request = goftar::index::SearchRequest {
                query: query.to_string(),
                scope,
                sort,
                limit: 1_000,
                ..Default::default()
            };
            let hits = searcher.search(&request).expect("search").hits;
            for pair in hits.windows(2) {
                let tied = match sort {
                    goftar::index::SortOrder::Date => pair[0].date == pair[1].date,
                    goftar::index::SortOrder::Relevance => pair[0].score == pair[1].score,
                };
                if tied {
                    ties += 1;
                    assert!(
                        position(&pair[0].id) < position(&pair[1].id),
                        "{scope:?} {query:?} {sort:?}: {} before {}",
                        pair[0].id,
                        pair[1].id
                    );
                }
            }
        }
        assert!(ties > 0, "{scope:?}: no ties to check");
    }
}
