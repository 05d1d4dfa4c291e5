//! The web page and the OpenAPI document, embedded in the binary so the server works offline and
//! ships as one file.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One embedded file.
pub struct Asset {
    pub body: &'static str,
    pub content_type: &'static str,
}

pub const INDEX_HTML: Asset = Asset {
    body: include_str!("assets/index.html"),
    content_type: "text/html; charset=utf-8",
};
pub const APP_JS: Asset = Asset {
    body: include_str!("assets/app.js"),
    content_type: "text/javascript; charset=utf-8",
};
pub const STYLE_CSS: Asset = Asset {
    body: include_str!("assets/style.css"),
    content_type: "text/css; charset=utf-8",
};
pub const FAVICON_SVG: Asset = Asset {
    body: include_str!("assets/favicon.svg"),
    content_type: "image/svg+xml",
};
pub const OPENAPI_JSON: Asset = Asset {
    body: include_str!("openapi.json"),
    content_type: "application/json",
};

/// Only our own files may load: no CDN, no external font, and an injected script in a snippet
/// could not run even if escaping ever failed.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

impl Asset {
    /// A strong validator: the content's hash, so browsers revalidate cheaply after an upgrade.
    fn etag(&self) -> String {
        format!(
            "\"{:016x}\"",
            xxhash_rust::xxh3::xxh3_64(self.body.as_bytes())
        )
    }

    /// The file, or `304 Not Modified` when the browser already holds this version.
    pub fn respond(&self, request_headers: &HeaderMap) -> Response {
        let etag = self.etag();
        let fresh = request_headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
        let mut response = if fresh {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            ([(header::CONTENT_TYPE, self.content_type)], self.body).into_response()
        };
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        response
    }
}

pub async fn index_html(headers: HeaderMap) -> Response {
    INDEX_HTML.respond(&headers)
}

pub async fn app_js(headers: HeaderMap) -> Response {
    APP_JS.respond(&headers)
}

pub async fn style_css(headers: HeaderMap) -> Response {
    STYLE_CSS.respond(&headers)
}

pub async fn favicon(headers: HeaderMap) -> Response {
    FAVICON_SVG.respond(&headers)
}

pub async fn openapi(headers: HeaderMap) -> Response {
    OPENAPI_JSON.respond(&headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_rtl_persian_and_loads_nothing_external() {
        assert!(INDEX_HTML.body.contains(r#"<html dir="rtl" lang="fa">"#));
        for asset in [&INDEX_HTML, &APP_JS, &STYLE_CSS] {
            assert!(!asset.body.contains("http://"), "external URL in an asset");
            assert!(!asset.body.contains("https://"), "external URL in an asset");
            assert!(!asset.body.contains("@import"), "imported stylesheet");
        }
    }

    #[test]
    fn openapi_document_is_valid_json_listing_every_route() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON.body).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/api/search",
            "/api/statements/{id}",
            "/api/articles/{id}",
            "/api/speakers",
            "/healthz",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} undocumented");
        }
    }

    #[test]
    fn matching_etag_answers_not_modified() {
        let mut headers = HeaderMap::new();
        let first = APP_JS.respond(&headers);
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()[header::ETAG].clone();
        headers.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(APP_JS.respond(&headers).status(), StatusCode::NOT_MODIFIED);
    }
}
