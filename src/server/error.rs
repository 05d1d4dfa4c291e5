//! Errors the API answers with: always JSON `{"error", "detail"}` and a fitting status code.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::index::SearchError;

/// An error answer. `error` is a stable machine-readable code; `detail` is for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub error: &'static str,
    pub detail: String,
}

impl ApiError {
    /// A request parameter is missing, malformed or out of bounds (400).
    pub fn bad_parameter(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: "bad_parameter",
            detail: detail.into(),
        }
    }

    /// The query text cannot be parsed (400).
    pub fn bad_query(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: "bad_query",
            detail: detail.into(),
        }
    }

    /// No such statement, article or route (404).
    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            error: "not_found",
            detail: detail.into(),
        }
    }

    /// The search took longer than the server allows (503, so clients may retry later).
    pub fn timeout(detail: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "timeout",
            detail: detail.into(),
        }
    }

    /// Something broke on our side (500). The detail is logged in full but answered briefly, so
    /// file paths and internals do not leak to clients.
    pub fn internal(error: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {error:#}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "internal",
            detail: "the server could not complete the request".to_string(),
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(error: SearchError) -> Self {
        match error {
            SearchError::BadQuery(detail) => ApiError::bad_query(detail),
            SearchError::BadParameter(detail) => ApiError::bad_parameter(detail),
            SearchError::Index(e) => ApiError::internal(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_errors_map_to_client_or_server_faults() {
        let bad = ApiError::from(SearchError::BadQuery("unclosed quote".into()));
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.error, "bad_query");
        let param = ApiError::from(SearchError::BadParameter("limit".into()));
        assert_eq!(param.status, StatusCode::BAD_REQUEST);
        let internal = ApiError::from(SearchError::Index(anyhow::anyhow!("/secret/path broke")));
        assert_eq!(internal.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!internal.detail.contains("secret"));
    }

    #[test]
    fn body_has_error_and_detail_only() {
        let json = serde_json::to_value(ApiError::not_found("no statement x")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": "not_found", "detail": "no statement x"})
        );
    }
}
