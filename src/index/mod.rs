//! Search: a Persian analyzer for tantivy, the statement and article indexes, and queries.
//!
//! - [`tokenizer`]: the analyzer (`goftar_fa`): words, ZWNJ and detached affixes, folding
//!   ([`fold`]) and a guarded stemmer ([`stem`]), offsets into the stored text.
//! - [`schema`], [`IndexBuilder`] (bulk writer), [`Searcher`] (queries, filters, facets, snippets,
//!   lookups by id, speaker autocomplete); the query language is in [`query_parse`].
//!
//! Layout on disk: `DIR/index/statements/`, `DIR/index/articles/` (tantivy indexes) and
//! `DIR/index/speakers.json` (speaker table).

mod facets;
pub mod fold;
mod keys;
pub mod query_build;
pub mod query_parse;
mod result_order;
pub mod schema;
mod searcher;
pub mod snippet;
mod speakers;
pub mod stem;
mod stopwords;
#[cfg(test)]
mod tie_order_tests;
pub mod tokenizer;
mod writer;

use serde::{Deserialize, Serialize};

use crate::model::Removal;

pub use searcher::{FACET_VALUES, MAX_LIMIT, MAX_OFFSET, SearchOptions, Searcher};
pub use tokenizer::{ANALYZER_NAME, PersianTokenizer, analyze, terms};
pub use writer::IndexBuilder;

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
    /// Plain-text snippet with the matches between `«` and `»`.
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

/// An article as the index holds it, for `GET /api/articles/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Set when most of the article copies an earlier one.
    pub duplicate_of: Option<String>,
    /// Kept, normalized paragraphs in reading order.
    pub paragraphs: Vec<String>,
    /// The input index of each kept paragraph (`paragraphs[i]` was input paragraph `paragraph_index[i]`).
    pub paragraph_index: Vec<usize>,
    /// Paragraphs the de-duplicator removed, with the reason and their text.
    pub removed: Vec<Removal>,
    pub topics: Vec<String>,
    /// The article's statements in reading order (snippet = the statement's beginning).
    pub statements: Vec<Hit>,
}
