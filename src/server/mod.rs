//! The HTTP search API and the web page: `goftar serve`.
//!
//! Routes (documented for clients in `openapi.json`, served at `/openapi.json`):
//! `GET /api/search`, `GET /api/statements/{id}`, `GET /api/articles/{id}`, `GET /api/speakers`,
//! `GET /healthz`, and the page at `/` with its assets. Searches run on tokio's blocking pool with
//! the same [`Searcher`] `goftar search` uses.

mod assets;
mod cache;
mod catalog;
mod error;
mod handlers;
mod params;
mod slots;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::routing::get;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use catalog::{Catalog, SpeakerCount};
pub use error::ApiError;
pub use handlers::{AppState, CACHE_HEADER};
pub use params::Limits;

use crate::index::Searcher;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    /// Origins allowed to call the API from a browser; empty (the default) sends no CORS headers.
    /// `*` allows any origin.
    pub cors_origins: Vec<String>,
    /// How long one search or lookup may run before the client gets a 503.
    pub engine_timeout: Duration,
    /// Hard bound on a whole request, body included.
    pub request_timeout: Duration,
    pub limits: Limits,
    /// Search answers kept in memory (0 disables the cache). The index is read-only while served,
    /// so cached answers never go stale.
    pub cache_entries: usize,
    /// Searches allowed to run at once (the rest queue); a guard against floods, see `slots.rs`.
    pub engine_threads: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            cors_origins: Vec::new(),
            engine_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            limits: Limits::default(),
            cache_entries: 4096,
            engine_threads: 64,
        }
    }
}

fn cors_layer(origins: &[String]) -> anyhow::Result<Option<CorsLayer>> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow_origin = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .with_context(|| format!("not a valid CORS origin: {o:?}"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
            .max_age(Duration::from_secs(3600)),
    ))
}

/// The whole application: routes, limits, timeouts and (when configured) CORS.
pub fn router(catalog: Arc<dyn Catalog>, config: &ServerConfig) -> anyhow::Result<Router> {
    let state = Arc::new(AppState {
        catalog,
        limits: config.limits,
        engine_timeout: config.engine_timeout,
        cache: cache::ResponseCache::new(config.cache_entries),
        engine_slots: Arc::new(slots::EngineSlots::new(config.engine_threads)),
    });
    let api = Router::new()
        .route("/api/search", get(handlers::search))
        .route("/api/statements/{id}", get(handlers::statement))
        .route("/api/articles/{id}", get(handlers::article))
        .route("/api/speakers", get(handlers::speakers))
        .route("/healthz", get(handlers::healthz))
        .route("/openapi.json", get(assets::openapi))
        .route("/", get(assets::index_html))
        .route("/assets/app.js", get(assets::app_js))
        .route("/assets/style.css", get(assets::style_css))
        .route("/favicon.ico", get(assets::favicon))
        .route("/favicon.svg", get(assets::favicon))
        .fallback(handlers::not_found)
        .with_state(state);
    let mut app = api
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ))
        .layer(TraceLayer::new_for_http());
    if let Some(cors) = cors_layer(&config.cors_origins)? {
        app = app.layer(cors);
    }
    Ok(app)
}

/// Serves `router` on `listener` until Ctrl-C or SIGTERM, letting requests in flight finish.
pub async fn run(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Opens the index at `index_dir` and serves it with `config` until interrupted.
pub fn serve_with(index_dir: &Path, config: &ServerConfig) -> anyhow::Result<()> {
    let searcher = Searcher::open(index_dir)
        .with_context(|| format!("cannot open the index at {}", index_dir.display()))?;
    let app = router(Arc::new(searcher), config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.addr))?;
        let local = listener.local_addr().unwrap_or(config.addr);
        eprintln!("goftar: serving {} on http://{local}/", index_dir.display());
        run(listener, app).await
    })
}

/// Serves the index at `index_dir` on `addr` until interrupted, with default limits and no CORS.
pub fn serve(index_dir: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    serve_with(
        index_dir,
        &ServerConfig {
            addr,
            ..ServerConfig::default()
        },
    )
}
