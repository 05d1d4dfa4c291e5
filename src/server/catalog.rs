//! What the server needs from an index, as a trait: the HTTP layer is tested against a small fake,
//! and the real [`Searcher`] is the only production implementation (no second search engine).

use serde_json::Value;

use crate::index::{SearchError, SearchRequest, SearchResponse, Searcher};

/// Read access to an opened index. Every method may block on disk; the server calls them on
/// tokio's blocking pool.
pub trait Catalog: Send + Sync + 'static {
    /// Runs one search.
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError>;
    /// One statement by id, or `None`.
    fn statement(&self, id: &str) -> anyhow::Result<Option<Value>>;
    /// One article by id with its statements and removed paragraphs, or `None`.
    fn article(&self, id: &str) -> anyhow::Result<Option<Value>>;
    /// Up to `limit` speakers whose name starts with `prefix` (all when empty), most quoted first.
    fn speakers(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<Value>>;
}

impl Catalog for Searcher {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        Searcher::search(self, request)
    }

    // PENDING: the index owner's lookups (statement/article by id, speakers by prefix) have not
    // landed yet; these answer 500 until they do.
    fn statement(&self, _id: &str) -> anyhow::Result<Option<Value>> {
        anyhow::bail!("statement lookup is not available in this index version")
    }

    fn article(&self, _id: &str) -> anyhow::Result<Option<Value>> {
        anyhow::bail!("article lookup is not available in this index version")
    }

    fn speakers(&self, _prefix: &str, _limit: usize) -> anyhow::Result<Vec<Value>> {
        anyhow::bail!("speaker lookup is not available in this index version")
    }
}
