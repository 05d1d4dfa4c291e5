//! Stage 4: ranked topics (keyphrases) per article and per statement.
//!
//! SKELETON: the topics owner replaces this file's body; the public API below is the contract the
//! pipeline uses.

use std::path::Path;

use crate::model::{Document, Statement};

/// Background document frequencies (embedded) plus the run's own running counts.
#[derive(Debug, Default)]
pub struct TopicModel {}

impl TopicModel {
    pub fn new() -> Self {
        TopicModel {}
    }

    /// Adds a processed document to the run's statistics. Called in input order after each batch, so
    /// results do not depend on the thread count.
    pub fn observe(&mut self, _doc: &Document) {}

    /// At least 10 ranked topics, best first.
    pub fn article_topics(&self, _doc: &Document) -> Vec<String> {
        Vec::new()
    }

    /// The top 3 topics of one statement, in the context of its article.
    pub fn statement_topics(&self, _doc: &Document, _statement: &Statement) -> Vec<String> {
        Vec::new()
    }
}

/// Builds the embedded background document-frequency table from `../shared/data` into `out_dir`.
pub fn build_background(_shared_data: &Path, _out_dir: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the background table builder is not written yet")
}
