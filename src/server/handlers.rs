//! The API's request handlers: validate, run the engine off the async threads, answer JSON.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

use super::cache::ResponseCache;
use super::catalog::Catalog;
use super::error::ApiError;
use super::params::{Limits, RawSearchParams, RawSpeakerParams};
use super::slots::EngineSlots;
use crate::index::{ArticleView, Facets, Hit, SearchResponse};
use crate::model::Removal;

/// What every handler shares.
pub struct AppState {
    pub catalog: Arc<dyn Catalog>,
    pub limits: Limits,
    /// How long one engine call may take before the client gets a 503.
    pub engine_timeout: Duration,
    /// Serialized answers of recent searches.
    pub cache: ResponseCache,
    /// Bounds the engine calls running at once.
    pub engine_slots: Arc<EngineSlots>,
}

/// Longest id accepted in a path: real ids are short, and a huge one is a mistake or an attack.
const MAX_ID_CHARS: usize = 300;

/// One hit as the API promises it: the engine's fields the page and clients rely on, named and
/// ordered as documented in `openapi.json`, independent of the engine's internal struct.
#[derive(Debug, Serialize)]
pub struct ApiHit<'a> {
    pub id: &'a str,
    pub article_id: &'a str,
    pub title: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    pub cue: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub text: &'a str,
    pub snippet_html: &'a str,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub topics: &'a [String],
    pub score: f32,
}

impl<'a> From<&'a Hit> for ApiHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        ApiHit {
            id: &hit.id,
            article_id: &hit.article_id,
            title: hit.title.as_deref(),
            speaker: hit.speaker.as_deref(),
            role: hit.role.as_deref(),
            cue: hit.cue.as_deref(),
            kind: hit.kind.as_deref(),
            text: &hit.text,
            snippet_html: &hit.snippet_html,
            date: hit.date.as_deref(),
            source: hit.source.as_deref(),
            topics: &hit.topics,
            score: hit.score,
        }
    }
}

/// The body of `GET /api/articles/{id}`: the engine's article with its statements shaped like
/// search hits.
#[derive(Debug, Serialize)]
pub struct ApiArticle<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub duplicate_of: Option<&'a str>,
    pub paragraphs: &'a [String],
    pub paragraph_index: &'a [usize],
    pub removed: &'a [Removal],
    pub topics: &'a [String],
    pub statements: Vec<ApiHit<'a>>,
}

impl<'a> From<&'a ArticleView> for ApiArticle<'a> {
    fn from(article: &'a ArticleView) -> Self {
        ApiArticle {
            id: &article.id,
            title: article.title.as_deref(),
            date: article.date.as_deref(),
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            duplicate_of: article.duplicate_of.as_deref(),
            paragraphs: &article.paragraphs,
            paragraph_index: &article.paragraph_index,
            removed: &article.removed,
            topics: &article.topics,
            statements: article.statements.iter().map(ApiHit::from).collect(),
        }
    }
}

/// The body of `GET /api/search`.
#[derive(Debug, Serialize)]
pub struct ApiSearchResponse<'a> {
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<ApiHit<'a>>,
    pub facets: &'a Facets,
}

impl<'a> From<&'a SearchResponse> for ApiSearchResponse<'a> {
    fn from(response: &'a SearchResponse) -> Self {
        ApiSearchResponse {
            total: response.total,
            took_ms: response.took_ms,
            hits: response.hits.iter().map(ApiHit::from).collect(),
            facets: &response.facets,
        }
    }
}

/// Runs `work` on the blocking pool, giving up (for the client; the thread finishes on its own)
/// after the engine timeout.
async fn on_engine<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Catalog) -> Result<T, ApiError> + Send + 'static,
{
    let catalog = Arc::clone(&state.catalog);
    let slots = Arc::clone(&state.engine_slots);
    let timeout = state.engine_timeout;
    let queued = Instant::now();
    let timed_out = move || {
        ApiError::timeout(format!(
            "the search took longer than {} ms",
            timeout.as_millis()
        ))
    };
    let task = tokio::task::spawn_blocking(move || {
        let _slot = slots.acquire();
        // The client has been answered already; do not spend CPU on a search nobody awaits.
        if queued.elapsed() >= timeout {
            return Err(timed_out());
        }
        work(catalog.as_ref())
    });
    match tokio::time::timeout(timeout, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(join_error)) => Err(ApiError::internal(join_error)),
        Err(_) => Err(timed_out()),
    }
}

fn query_params<T>(params: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    params
        .map(|Query(p)| p)
        .map_err(|rejection| ApiError::bad_parameter(rejection.body_text()))
}

fn checked_id(kind: &str, id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
        return Err(ApiError::bad_parameter(format!(
            "a {kind} id has 1 to {MAX_ID_CHARS} characters"
        )));
    }
    Ok(id.to_string())
}

/// Header telling whether a search answer came from the cache (`hit`) or the engine (`miss`).
pub const CACHE_HEADER: &str = "x-goftar-cache";

/// `GET /api/search`. The body is serialized on the blocking thread, straight from the engine's
/// hits, so the async workers only move bytes; repeated searches are answered from the cache.
pub async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let request = query_params(params)?.validate(&state.limits)?;
    let key = serde_json::to_string(&request).map_err(ApiError::internal)?;
    if let Some(body) = state.cache.get(&key) {
        return Ok(search_response(body, "hit"));
    }
    let body = on_engine(&state, move |catalog| {
        json_body(&ApiSearchResponse::from(&catalog.search(&request)?))
    })
    .await?;
    let body = Bytes::from(body);
    state.cache.put(key, body.clone());
    Ok(search_response(body, "miss"))
}

fn search_response(body: Bytes, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::HeaderName::from_static(CACHE_HEADER), cache),
        ],
        body,
    )
        .into_response()
}

/// Serializes on the blocking thread and answers `application/json`.
fn json_body<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(ApiError::internal)
}

fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `GET /api/statements/{id}`.
pub async fn statement(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = checked_id("statement", &id)?;
    let body = on_engine(&state, move |catalog| match catalog.statement(&id)? {
        Some(hit) => json_body(&ApiHit::from(&hit)),
        None => Err(ApiError::not_found(format!("no statement with id `{id}`"))),
    })
    .await?;
    Ok(json_response(body))
}

/// `GET /api/articles/{id}`: the article, its kept paragraphs, statements and removed paragraphs.
pub async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = checked_id("article", &id)?;
    let body = on_engine(&state, move |catalog| match catalog.article(&id)? {
        Some(article) => json_body(&ApiArticle::from(&article)),
        None => Err(ApiError::not_found(format!("no article with id `{id}`"))),
    })
    .await?;
    Ok(json_response(body))
}

/// `GET /api/speakers?prefix=`.
pub async fn speakers(
    State(state): State<Arc<AppState>>,
    params: Result<Query<RawSpeakerParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (prefix, limit) = query_params(params)?.validate(&state.limits)?;
    let body = on_engine(&state, move |catalog| {
        let speakers = catalog.speakers(&prefix, limit)?;
        json_body(&json!({ "prefix": prefix, "speakers": speakers }))
    })
    .await?;
    Ok(json_response(body))
}

/// `GET /healthz`: the process is up and its index is open.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// Any route we do not serve.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route; see /openapi.json")
}
