//! Search: a Persian analyzer for tantivy, the statement and article indexes, and queries.
//!
//! SKELETON: the index owner replaces this file's body; the public API below is the contract the
//! pipeline, `goftar search` and the server use.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Document;

/// Writes the indexes under `DIR/index/` while `process` runs.
pub struct IndexBuilder {
    #[allow(dead_code)]
    dir: PathBuf,
}

impl IndexBuilder {
    /// Creates (or replaces) the index at `dir`.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(IndexBuilder { dir: dir.to_path_buf() })
    }

    /// Adds an article and its statements.
    pub fn add(&mut self, _doc: &Document) -> anyhow::Result<()> {
        Ok(())
    }

    /// Commits and merges; the index is searchable afterwards.
    pub fn finish(self) -> anyhow::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Statements,
    Articles,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Relevance,
    Date,
}

/// One search, as `goftar search` and `GET /api/search` take it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    pub scope: Scope,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub topic: Option<String>,
    pub source: Option<String>,
    /// ISO dates, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub article_id: String,
    pub score: f32,
    pub title: Option<String>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub cue: Option<String>,
    pub kind: Option<String>,
    pub text: String,
    /// Plain-text snippet with the matches between `[` and `]`... as the index owner defines.
    pub snippet: String,
    /// HTML snippet with matches in `<b>`, text escaped.
    pub snippet_html: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub speakers: Vec<FacetCount>,
    pub topics: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// Why a search could not run: the caller's fault (bad query or parameter) or the index's.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query: {0}")]
    BadQuery(String),
    #[error("invalid parameter: {0}")]
    BadParameter(String),
    #[error(transparent)]
    Index(#[from] anyhow::Error),
}

/// An opened index, shared by `goftar search` and the server.
pub struct Searcher {}

impl Searcher {
    /// Opens `dir`: a `process` output directory or its `index/` folder.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        anyhow::bail!("no index at {}", dir.display())
    }

    pub fn search(&self, _request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        Ok(SearchResponse::default())
    }
}
