//! Every route over a real index written by the `process` output path: what a client sees.

mod common;

mod server_support;

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use common::enc;
use goftar::index::Searcher;
use goftar::server::{ServerConfig, router};
use serde_json::Value;
use tower::ServiceExt;

fn app() -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    server_support::build_index(dir.path());
    let searcher = Searcher::open(dir.path()).expect("open index");
    let app = router(Arc::new(searcher), &ServerConfig::default()).expect("router");
    (app, dir)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let body = to_bytes(response.into_body(), 1 << 24).await.expect("body");
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, json)
}

fn ids(body: &Value) -> Vec<String> {
    let mut ids: Vec<String> = body["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn statement_search_finds_speakers_with_highlighted_snippets() {
    let (app, _dir) = app();
    let (status, body) = get(&app, &format!("/api/search?q={}", enc("تورم"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The engine may also match a statement through its topics; the quotes themselves must come.
    let found = ids(&body);
    assert!(found.contains(&"irna-1:0:0".to_string()), "{found:?}");
    assert!(found.contains(&"isna-2:0:0".to_string()), "{found:?}");
    assert!(!found.contains(&"tasnim-3:0:0".to_string()), "{found:?}");
    assert_eq!(body["total"], found.len());
    let hit = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "irna-1:0:0")
        .unwrap();
    assert_eq!(hit["speaker"], "علی بهادری جهرمی");
    assert_eq!(hit["role"], "سخنگوی دولت");
    assert_eq!(hit["article_id"], "irna-1");
    assert_eq!(hit["date"], "2024-05-01");
    assert_eq!(hit["source"], "ایرنا");
    assert!(
        hit["snippet_html"].as_str().unwrap().contains("<b>"),
        "{hit}"
    );
    let speakers = body["facets"]["speakers"].as_array().unwrap();
    assert!(
        speakers.iter().any(|f| f["value"] == "محمدرضا فرزین"),
        "{speakers:?}"
    );
}

#[tokio::test]
async fn filters_narrow_the_hits() {
    let (app, _dir) = app();
    let q = enc("تورم");
    let (_, body) = get(
        &app,
        &format!("/api/search?q={q}&speaker={}", enc("محمدرضا فرزین")),
    )
    .await;
    assert_eq!(ids(&body), ["isna-2:0:0"]);
    // Jalali bounds: 1403/02/15 is 2024-05-04.
    let (_, body) = get(
        &app,
        &format!("/api/search?q={q}&from={}", enc("1403/02/15")),
    )
    .await;
    assert_eq!(ids(&body), ["isna-2:0:0"]);
    let only_irna = |body: &Value| {
        let found = ids(body);
        !found.is_empty() && found.iter().all(|id| id.starts_with("irna-1:"))
    };
    let (_, body) = get(&app, &format!("/api/search?q={q}&to=2024-05-04")).await;
    assert!(only_irna(&body), "{body}");
    let (_, body) = get(&app, &format!("/api/search?q={q}&source={}", enc("ایرنا"))).await;
    assert!(only_irna(&body), "{body}");
    let (_, all) = get(&app, &format!("/api/search?q={q}")).await;
    let (_, page) = get(&app, &format!("/api/search?q={q}&limit=1&offset=1")).await;
    assert_eq!(page["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page["total"], all["total"]);
    assert_eq!(page["hits"][0]["id"], all["hits"][1]["id"]);
}

#[tokio::test]
async fn article_scope_searches_titles_and_bodies() {
    let (app, _dir) = app();
    let (status, body) = get(
        &app,
        &format!("/api/search?scope=articles&q={}", enc("مصرف آب")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["hits"][0]["article_id"], "tasnim-3");
}

#[tokio::test]
async fn malformed_queries_are_client_errors_not_crashes() {
    let (app, _dir) = app();
    for query in ["\"", "((", "speaker:", "-", "OR", "\"تورم", "*?~^"] {
        let (status, body) = get(&app, &format!("/api/search?q={}", enc(query))).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{query:?} answered {status}: {body}"
        );
        if status == StatusCode::BAD_REQUEST {
            assert!(body["detail"].is_string());
        }
    }
}

#[tokio::test]
async fn statements_and_articles_by_id() {
    let (app, _dir) = app();
    let (status, body) = get(&app, "/api/statements/isna-2:0:0").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["speaker"], "محمدرضا فرزین");
    assert_eq!(body["text"], "بازار ارز آرام است و تورم مهار شده است.");

    let (status, body) = get(&app, "/api/articles/irna-1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["title"], "سخنگوی دولت: تورم کاهش می‌یابد");
    assert_eq!(body["paragraphs"].as_array().unwrap().len(), 2);
    let statements: Vec<&str> = body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(statements, ["irna-1:0:0", "irna-1:1:0"]);
    assert_eq!(body["removed"][0]["text"], "انتهای پیام");
    assert_eq!(body["removed"][0]["reason"], "boilerplate");

    for uri in ["/api/statements/irna-1:9:9", "/api/articles/missing"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(body["error"], "not_found");
    }
}

#[tokio::test]
async fn speakers_autocomplete_from_the_index() {
    let (app, _dir) = app();
    let (status, body) = get(&app, &format!("/api/speakers?prefix={}", enc("علی"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let names: Vec<&str> = body["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"علی بهادری جهرمی"), "{names:?}");
    assert!(!names.contains(&"محمدرضا فرزین"), "{names:?}");
    let first = &body["speakers"][0];
    assert!(first["statements"].as_u64().unwrap() >= 1);
}
