//! Stage 2: paragraph de-duplication and page-furniture removal.
//!
//! SKELETON: the dedup owner replaces this file's body; the public API below is the contract the
//! pipeline uses.

use crate::model::Document;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Jaccard similarity at or above which a paragraph is a near duplicate.
    pub threshold: f64,
    /// Report duplicates but keep them in the output.
    pub keep_duplicates: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.8,
            keep_duplicates: false,
        }
    }
}

/// Per-article fingerprints: computed in parallel, consumed in input order by [`Deduper::decide`].
#[derive(Debug, Clone, Default)]
pub struct Fingerprints {}

/// Computes an article's fingerprints (pure, thread-safe).
pub fn fingerprint(_doc: &Document) -> Fingerprints {
    Fingerprints {}
}

/// Corpus-wide de-duplication state; fed articles in input order.
#[derive(Debug, Default)]
pub struct Deduper {
    #[allow(dead_code)]
    config: Config,
}

impl Deduper {
    pub fn new(config: Config) -> Self {
        Deduper { config }
    }

    /// Decides which paragraphs of `doc` are copies or furniture: moves them from `doc.paragraphs` to
    /// `doc.removed` (unless `keep_duplicates`) and sets `doc.duplicate_of` for syndicated copies.
    pub fn decide(&mut self, _doc: &mut Document, _fingerprints: &Fingerprints) {}
}
