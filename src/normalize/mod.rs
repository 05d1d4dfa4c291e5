//! Stage 1: Persian text normalization (letters, digits, marks, spacing, ZWNJ).
//!
//! [`normalize`] runs a fixed sequence of steps, one per file, all behind the `step::Step`
//! trait (the shape of charabia's `normalizer/`): the char rules (`letters`, `presentation`,
//! `digits`, `marks`, `controls`, fused into one pass), `spacing`, `zwnj_cleanup`,
//! `punctuation`, `affixes` (spaced affixes joined) and `restore` (stripped ZWNJs and lost
//! spaces restored from the embedded [`lexicon`]). Every step carries a per-byte map back to the
//! input, so [`Normalized::source_offset`] can point search hits and statements at the raw text.
//!
//! For other stages: [`fold`] is the fast comparison key (no restoration); [`restore_token`]
//! restores a single glued token for a search analyzer; [`build_lexicon`] rebuilds the lexicon.
//!
//! Writing habits decide how bold restoration is (read once per paragraph, after cleanup): text
//! that types ZWNJs gets only near-certain fixes; text that spaces its affixes (`می شود`) gets
//! spaced compounds joined but its glued words trusted; text with neither (stripped) gets the
//! lexicon's ZWNJ spellings and morphology for unknown words, and only the spaced compounds
//! that news writers join far more often than they space.
//!
//! Speed: the steps find what they may change with byte scans (`scan.rs` pair filters, `memchr`)
//! and skip everything else; the lexicon keeps its keys inline in 32-byte slots behind Bloom
//! filters, laid out by the build script (`lexicon_table.rs`) and probed in place, so starting
//! costs nothing; restoration remembers its analyses in a direct-mapped per-thread cache.
//! Count instructions with `benches/normalize_instructions.rs` (fixed work, output checksum).
//!
//! Rebuild the lexicon with `goftar lexicon build --shared ../shared/data`. Measure with
//! `cargo bench --bench normalize`, `benches/compare/normalize.sh` (against hazm), and
//! `../shared/eval/zwnj_score.py GOLD PRED` on `goftar normalize` of the UD dev files with ZWNJs
//! deleted, turned into spaces, or kept.
//!
//! ATTRIBUTION: see [`lexicon`] for the sources of the embedded lexicon.

mod affixes;
mod buffer;
mod build;
mod chars;
mod compounds;
mod config;
mod controls;
mod digits;
mod fold;
mod letters;
pub mod lexicon;
#[allow(dead_code)] // the building half serves the build script (`lexicon_table_build.rs`)
mod lexicon_table;
mod mapped;
mod marks;
mod presentation;
mod punctuation;
mod restore;
mod scan;
pub mod script;
mod spacing;
mod step;
mod word_set;
mod zwnj_cleanup;

pub use build::build_lexicon;
pub use config::{Config, Diacritics, Digits, HehYeh, TehMarbuta};
pub use fold::fold;
pub use restore::{Cuts, restore_cuts, restore_token};

use buffer::Buf;
use step::{Context, Step};

/// Normalized text with a map from output bytes back to input bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `offsets[i]`: the input byte that produced output byte `i`; empty when the text is
    /// the input unchanged (every byte its own offset).
    offsets: Vec<u32>,
    /// The input's length, for offsets past the end.
    input_len: u32,
}

impl Normalized {
    /// The input byte offset that produced output byte `out` (`out >= text.len()` maps to the
    /// input's end). For `out` on a char boundary of the output the result is a char boundary of
    /// the input, and it never decreases as `out` grows.
    pub fn source_offset(&self, out: usize) -> usize {
        if self.offsets.len() == self.text.len() {
            self.offsets.get(out).copied().unwrap_or(self.input_len) as usize
        } else if out < self.text.len() {
            out
        } else {
            self.input_len as usize
        }
    }
}

/// The steps in the order they run.
static STEPS: [&dyn Step; 6] = [
    &chars::CharRules,
    &spacing::Whitespace,
    &zwnj_cleanup::ZwnjCleanup,
    &punctuation::PunctuationSpacing,
    &affixes::AffixJoin,
    &restore::Restore,
];

/// Where [`affixes::AffixJoin`] sits in [`STEPS`]: the writing habits are read just before it.
const AFFIX_STEP: usize = 4;

/// Normalizes one line or paragraph of Persian text.
pub fn normalize(input: &str, config: &Config) -> Normalized {
    let input_len = u32::try_from(input.len()).unwrap_or(u32::MAX);
    let mut context = Context {
        input_len,
        writer_uses_zwnj: false,
        writer_spaces_affixes: false,
    };
    let mut current = Buf::identity(input);
    // The steps' second buffer is the one the last paragraph left over: most paragraphs fit
    // in it, and reusing it spares an allocation and a free of its text and its offset map.
    let mut next = SPARE_BUF.take();
    for (k, step) in STEPS.iter().enumerate() {
        if k == AFFIX_STEP {
            // Read after cleanup, where no-break spaces have become ZWNJs or spaces, so a second
            // run sees the same habits as the first.
            context.writer_uses_zwnj = script::has_zwnj(&current.text);
            context.writer_spaces_affixes =
                !context.writer_uses_zwnj && affixes::writes_affixes_apart(&current.text);
        }
        if step.enabled(config) && step.needed(&current.text, config) {
            next.clear();
            next.make_room(current.text.len());
            if step.apply(&current, &mut next, &context, config) {
                std::mem::swap(&mut current, &mut next);
            }
        }
    }
    if next.src.capacity() <= MAX_SPARE_BYTES {
        SPARE_BUF.set(next);
    }
    Normalized {
        text: current.text,
        offsets: current.src,
        input_len,
    }
}

thread_local! {
    /// A step buffer kept between calls of [`normalize`] on this thread.
    static SPARE_BUF: std::cell::Cell<Buf> = const {
        std::cell::Cell::new(Buf {
            text: String::new(),
            src: Vec::new(),
            identity: false,
        })
    };
}

/// A spare buffer for longer text than this (bytes) is freed rather than kept.
const MAX_SPARE_BYTES: usize = 1 << 16;

#[cfg(test)]
mod tests;
