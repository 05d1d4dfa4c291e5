//! Stage 1: Persian text normalization (letters, digits, marks, spacing, ZWNJ).
//!
//! SKELETON: the normalize owner replaces this file's body; the public API below is the contract
//! other stages and the pipeline use.

use std::path::Path;

/// What the normalizer does; every step can be switched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {}

/// Normalized text with a map from output bytes back to input bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    offsets: Vec<u32>,
}

impl Normalized {
    /// The input byte offset that produced output byte `out` (`out == text.len()` maps to the input's end).
    pub fn source_offset(&self, out: usize) -> usize {
        self.offsets.get(out).copied().unwrap_or(0) as usize
    }
}

/// Normalizes one line or paragraph of Persian text.
pub fn normalize(input: &str, _config: &Config) -> Normalized {
    let text: String = input
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            _ => c,
        })
        .collect();
    let offsets = (0..=text.len() as u32).collect();
    Normalized { text, offsets }
}

/// Folds text to a matching key: letter variants, digits and marks folded, so spelling habits do
/// not decide equality. Used by de-duplication and search.
pub fn fold(input: &str) -> String {
    normalize(input, &Config::default()).text
}

/// Builds the embedded lexicon from `../shared/data` into `out_dir`.
pub fn build_lexicon(_shared_data: &Path, _out_dir: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the lexicon builder is not written yet")
}
