//! Stage 2: paragraph de-duplication and page-furniture removal.
//!
//! - [`fingerprint`] (parallel, pure) turns each paragraph into a few dozen bytes: a hash of its
//!   folded letters and digits (spacing, ZWNJ, punctuation and letter variants ignored), a MinHash
//!   signature and the hashes of its words, masks of its numbers and negations, and a furniture key
//!   for short lines.
//! - [`Deduper::decide`] (sequential, input order) removes exact copies, near copies (MinHash +
//!   LSH propose candidates; the words of each pair are counted against [`Config::threshold`], and
//!   a later paragraph that states another number, adds a negation or shows a content word its
//!   match lacks is never a copy) and page furniture (known
//!   patterns, plus short lines recurring under many articles of a source: learned in a pass with
//!   [`FurnitureLearner`] or counted while streaming), and marks syndicated copies.
//!
//! The first occurrence in input order always wins, so the output does not depend on threads.
//!
//! Memory is bounded by [`Config::max_memory_bytes`]: when the stored fingerprints reach it, the
//! older half is forgotten (see [`Deduper`]), so a corpus of any size runs in bounded memory and
//! only copies of paragraphs further back than the cap reaches are kept.

mod decision;
mod fingerprint;
mod furniture;
mod lsh;
mod minhash;
mod scan;
mod text;
mod token_set;
mod word_facts;

pub use decision::Deduper;
pub use fingerprint::{Fingerprints, ParagraphPrint, fingerprint, paragraph_print};
pub use furniture::{Furniture, FurnitureLearner};

/// How de-duplication behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Jaccard similarity at or above which a paragraph is a near duplicate.
    pub threshold: f64,
    /// Report duplicates but keep them in the output.
    pub keep_duplicates: bool,
    /// Heap the stored fingerprints may take. When the next paragraph would take them past it, the
    /// older half (by the article they point at) is forgotten: later copies of those paragraphs are
    /// no longer found. The default, [`DEFAULT_MAX_MEMORY_BYTES`], is never reached by a corpus of
    /// a few GB of text.
    pub max_memory_bytes: usize,
}

/// 2 GiB: at about 270 bytes per stored paragraph, some 7 million distinct paragraphs (about
/// 4 GB of news text) are remembered before the oldest are forgotten, and a 24 GiB machine keeps
/// room for the rest of the pipeline and the search index.
pub const DEFAULT_MAX_MEMORY_BYTES: usize = 2 << 30;

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.8,
            keep_duplicates: false,
            max_memory_bytes: DEFAULT_MAX_MEMORY_BYTES,
        }
    }
}

#[cfg(test)]
mod tests;
