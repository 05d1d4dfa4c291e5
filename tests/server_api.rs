//! The HTTP layer against a fake catalog: every route, every error shape, limits, timeouts, CORS.
//! (`server_index.rs` runs the same routes over a real index.)

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use common::enc;
use goftar::index::{
    ArticleView, FacetCount, Facets, Hit, SearchError, SearchRequest, SearchResponse,
};
use goftar::server::{Catalog, ServerConfig, SpeakerCount, router};
use serde_json::{Value, json};
use tower::ServiceExt;

/// Remembers the last request it was given and answers from a fixed table.
#[derive(Default)]
struct FakeCatalog {
    last_request: Mutex<Option<SearchRequest>>,
    /// Each search sleeps this long (to exercise the timeout).
    delay: Duration,
}

impl Catalog for FakeCatalog {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        std::thread::sleep(self.delay);
        *self.last_request.lock().unwrap() = Some(request.clone());
        if request.query.contains('"') && request.query.matches('"').count() % 2 == 1 {
            return Err(SearchError::BadQuery("unclosed quote".into()));
        }
        if request.query == "explode" {
            return Err(SearchError::Index(anyhow::anyhow!(
                "/var/secret/index is corrupt"
            )));
        }
        Ok(SearchResponse {
            total: 1,
            took_ms: 0.5,
            hits: vec![Hit {
                id: "a1:0:0".into(),
                article_id: "a1".into(),
                score: 2.5,
                speaker: Some("علی ربیعی".into()),
                role: Some("سخنگوی دولت".into()),
                cue: Some("گفت".into()),
                kind: Some("direct".into()),
                text: "تورم کاهش می‌یابد".into(),
                snippet: "[تورم] کاهش می‌یابد".into(),
                snippet_html: "<b>تورم</b> کاهش می‌یابد".into(),
                date: Some("2024-05-01".into()),
                source: Some("ایرنا".into()),
                topics: vec!["اقتصاد".into()],
                ..Hit::default()
            }],
            facets: Facets {
                speakers: vec![FacetCount {
                    value: "علی ربیعی".into(),
                    count: 1,
                }],
                ..Facets::default()
            },
        })
    }

    fn statement(&self, id: &str) -> Result<Option<Hit>, SearchError> {
        Ok((id == "a1:0:0").then(|| Hit {
            id: id.into(),
            article_id: "a1".into(),
            text: "تورم".into(),
            ..Hit::default()
        }))
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        Ok((id == "a1").then(|| ArticleView {
            id: id.into(),
            paragraphs: vec!["تورم کاهش می‌یابد".into()],
            ..ArticleView::default()
        }))
    }

    fn speakers(&self, prefix: &str, limit: usize) -> Result<Vec<SpeakerCount>, SearchError> {
        Ok(["علی ربیعی", "علی لاریجانی", "حسن روحانی"]
            .iter()
            .filter(|name| name.starts_with(prefix))
            .take(limit)
            .map(|name| SpeakerCount {
                name: name.to_string(),
                statements: 3,
            })
            .collect())
    }
}

fn app_with(catalog: Arc<FakeCatalog>, config: ServerConfig) -> Router {
    router(catalog, &config).expect("router")
}

fn app() -> (Router, Arc<FakeCatalog>) {
    let catalog = Arc::new(FakeCatalog::default());
    (
        app_with(Arc::clone(&catalog), ServerConfig::default()),
        catalog,
    )
}

async fn send(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), 1 << 24).await.expect("body");
    (status, headers, body.to_vec())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let (status, headers, body) = send(app, request).await;
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/json",
        "{uri} answered {status} without JSON"
    );
    (status, serde_json::from_slice(&body).expect("JSON body"))
}

#[tokio::test]
async fn search_answers_the_documented_shape() {
    let (app, _) = app();
    let (status, body) = get(&app, &format!("/api/search?q={}", enc("تورم"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 1);
    assert!(body["took_ms"].is_number());
    let hit = &body["hits"][0];
    for key in [
        "id",
        "article_id",
        "speaker",
        "role",
        "cue",
        "kind",
        "text",
        "snippet_html",
        "date",
        "source",
        "topics",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["snippet_html"], "<b>تورم</b> کاهش می‌یابد");
    assert_eq!(body["facets"]["speakers"][0]["value"], "علی ربیعی");
    assert!(body["facets"]["topics"].is_array());
    assert!(body["facets"]["sources"].is_array());
}

#[tokio::test]
async fn search_parameters_reach_the_engine_validated() {
    let (app, catalog) = app();
    let uri = format!(
        "/api/search?q={}&scope=articles&speaker={}&from={}&to=2024-06-01&limit=25&offset=50&sort=date&source=&topic={}",
        enc("نرخ ارز"),
        enc("علی ربیعی"),
        enc("۱۴۰۳/۰۲/۱۲"),
        enc("اقتصاد"),
    );
    let (status, _) = get(&app, &uri).await;
    assert_eq!(status, StatusCode::OK);
    let request = catalog.last_request.lock().unwrap().clone().unwrap();
    assert_eq!(request.query, "نرخ ارز");
    assert_eq!(request.scope, goftar::index::Scope::Articles);
    assert_eq!(request.speaker.as_deref(), Some("علی ربیعی"));
    assert_eq!(request.from.as_deref(), Some("2024-05-01"));
    assert_eq!(request.to.as_deref(), Some("2024-06-01"));
    assert_eq!(request.source, None);
    assert_eq!(request.topic.as_deref(), Some("اقتصاد"));
    assert_eq!((request.limit, request.offset), (25, 50));
    assert_eq!(request.sort, goftar::index::SortOrder::Date);
}

#[tokio::test]
async fn bad_parameters_get_400_with_error_and_detail() {
    let (app, catalog) = app();
    let long_query = enc(&"ب".repeat(513));
    for uri in [
        "/api/search?q=x&limit=-1".to_string(),
        "/api/search?q=x&limit=100000".to_string(),
        "/api/search?q=x&limit=abc".to_string(),
        "/api/search?q=x&offset=-3".to_string(),
        "/api/search?q=x&scope=paragraphs".to_string(),
        "/api/search?q=x&sort=random".to_string(),
        "/api/search?q=x&from=yesterday".to_string(),
        "/api/search?q=x&to=2024-02-30".to_string(),
        "/api/search?q=x&from=2024-05-02&to=2024-05-01".to_string(),
        format!("/api/search?q={long_query}"),
        "/api/speakers?limit=-1".to_string(),
    ] {
        let (status, body) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(body["error"], "bad_parameter", "{uri}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{uri}"
        );
    }
    assert!(
        catalog.last_request.lock().unwrap().is_none(),
        "a bad request reached the engine"
    );
}

#[tokio::test]
async fn engine_errors_are_400_for_the_query_and_500_without_internals() {
    let (app, _) = app();
    let (status, body) = get(&app, &format!("/api/search?q={}", enc("\"نرخ ارز"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "bad_query");
    let (status, body) = get(&app, "/api/search?q=explode").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!body["detail"].as_str().unwrap().contains("secret"));
}

#[tokio::test]
async fn lookups_find_known_ids_and_404_unknown_ones() {
    let (app, _) = app();
    let (status, body) = get(&app, "/api/statements/a1:0:0").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], "a1:0:0");
    let (status, body) = get(&app, "/api/statements/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");
    assert!(body["detail"].as_str().unwrap().contains("nope"));

    let (status, body) = get(&app, "/api/articles/a1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["statements"].is_array());
    assert!(body["removed"].is_array());
    assert_eq!(body["paragraphs"][0], "تورم کاهش می‌یابد");
    let (status, body) = get(&app, &format!("/api/articles/{}", enc("ناموجود"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");

    let (status, body) = get(&app, &format!("/api/articles/{}", "x".repeat(301))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "bad_parameter");
}

#[tokio::test]
async fn speakers_complete_a_prefix() {
    let (app, _) = app();
    let (status, body) = get(&app, &format!("/api/speakers?prefix={}", enc("علی"))).await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = body["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["علی ربیعی", "علی لاریجانی"]);
    let (_, body) = get(&app, "/api/speakers?limit=1").await;
    assert_eq!(body["speakers"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn health_openapi_and_unknown_routes() {
    let (app, _) = app();
    let (status, body) = get(&app, "/healthz").await;
    assert_eq!((status, body), (StatusCode::OK, json!({"status": "ok"})));
    let (status, body) = get(&app, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["paths"]["/api/search"].is_object());
    let (status, body) = get(&app, "/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "not_found");
}

#[tokio::test]
async fn page_and_assets_are_served_with_a_strict_policy() {
    let (app, _) = app();
    for (uri, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/favicon.ico", "image/svg+xml"),
    ] {
        let (status, headers, body) =
            send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{uri}");
        assert!(headers.contains_key(header::ETAG));
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("script-src 'self'"));
        assert!(!body.is_empty());
    }
    let (_, _, body) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains(r#"<html dir="rtl" lang="fa">"#));
    assert!(html.contains(r#"name="viewport""#));
}

#[tokio::test]
async fn slow_searches_time_out_with_json() {
    let catalog = Arc::new(FakeCatalog {
        delay: Duration::from_millis(300),
        ..FakeCatalog::default()
    });
    let app = app_with(
        catalog,
        ServerConfig {
            engine_timeout: Duration::from_millis(50),
            ..ServerConfig::default()
        },
    );
    let (status, body) = get(&app, "/api/search?q=x").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "timeout");
}

#[tokio::test]
async fn cors_is_off_by_default_and_allows_only_configured_origins() {
    let request = |origin: &str| {
        Request::get("/api/search?q=x")
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .unwrap()
    };
    let (app, _) = app();
    let (_, headers, _) = send(&app, request("https://news.example")).await;
    assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    let configured = app_with(
        Arc::new(FakeCatalog::default()),
        ServerConfig {
            cors_origins: vec!["https://news.example".into()],
            ..ServerConfig::default()
        },
    );
    let (_, headers, _) = send(&configured, request("https://news.example")).await;
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://news.example"
    );
    let (_, headers, _) = send(&configured, request("https://evil.example")).await;
    assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    let preflight = Request::options("/api/search")
        .header(header::ORIGIN, "https://news.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&configured, preflight).await;
    assert!(status.is_success());
    assert!(headers.contains_key(header::ACCESS_CONTROL_ALLOW_METHODS));
}

#[test]
fn invalid_cors_origins_are_refused_at_startup() {
    let config = ServerConfig {
        cors_origins: vec!["bad\norigin".into()],
        ..ServerConfig::default()
    };
    assert!(router(Arc::new(FakeCatalog::default()), &config).is_err());
}

#[tokio::test]
async fn repeated_searches_are_answered_from_the_cache() {
    let cache_header = |headers: &axum::http::HeaderMap| {
        headers[goftar::server::CACHE_HEADER]
            .to_str()
            .unwrap()
            .to_string()
    };
    let search = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
    let (app, catalog) = app();
    let (_, headers, first) = send(&app, search("/api/search?q=x&limit=5")).await;
    assert_eq!(cache_header(&headers), "miss");
    *catalog.last_request.lock().unwrap() = None;
    // The same request spelled differently (blank field, explicit default) is the same search.
    let (_, headers, second) = send(
        &app,
        search("/api/search?q=x&limit=5&speaker=&scope=statements"),
    )
    .await;
    assert_eq!(cache_header(&headers), "hit");
    assert_eq!(first, second);
    assert!(
        catalog.last_request.lock().unwrap().is_none(),
        "the engine was asked again"
    );
    let (_, headers, _) = send(&app, search("/api/search?q=x&limit=6")).await;
    assert_eq!(cache_header(&headers), "miss");

    let uncached = app_with(
        Arc::new(FakeCatalog::default()),
        ServerConfig {
            cache_entries: 0,
            ..ServerConfig::default()
        },
    );
    for _ in 0..2 {
        let (_, headers, _) = send(&uncached, search("/api/search?q=x")).await;
        assert_eq!(cache_header(&headers), "miss");
    }
}
