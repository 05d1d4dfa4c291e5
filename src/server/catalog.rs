//! What the server needs from an index, as a trait: the HTTP layer is tested against a small fake,
//! and the real [`Searcher`] is the only production implementation (no second search engine).

use serde::Serialize;

use crate::index::{ArticleView, Hit, SearchError, SearchRequest, SearchResponse, Searcher};

/// One autocomplete entry of `GET /api/speakers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerCount {
    pub name: String,
    /// How many statements the index attributes to this speaker.
    pub statements: u64,
}

/// Read access to an opened index. Every method may block on disk; the server calls them on
/// tokio's blocking pool.
pub trait Catalog: Send + Sync + 'static {
    /// Runs one search.
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError>;
    /// One statement by id, or `None`.
    fn statement(&self, id: &str) -> Result<Option<Hit>, SearchError>;
    /// One article by id with its statements and removed paragraphs, or `None`.
    fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError>;
    /// Up to `limit` speakers whose name starts with `prefix` (all when empty), most quoted first.
    fn speakers(&self, prefix: &str, limit: usize) -> Result<Vec<SpeakerCount>, SearchError>;
}

impl Catalog for Searcher {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        Searcher::search(self, request)
    }

    fn statement(&self, id: &str) -> Result<Option<Hit>, SearchError> {
        Searcher::statement(self, id)
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        Searcher::article(self, id)
    }

    fn speakers(&self, prefix: &str, limit: usize) -> Result<Vec<SpeakerCount>, SearchError> {
        Ok(Searcher::speakers(self, prefix, limit)
            .into_iter()
            .map(|(name, statements)| SpeakerCount { name, statements })
            .collect())
    }
}
