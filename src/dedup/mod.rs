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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.8,
            keep_duplicates: false,
        }
    }
}

#[cfg(test)]
mod tests;
