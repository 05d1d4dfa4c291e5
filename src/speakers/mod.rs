//! Stage 3: who said what — statements with speaker, role, cue and kind.
//!
//! SKELETON: the speakers owner replaces this file's body; the public API below is the contract the
//! pipeline uses.

use std::io::Write;

use crate::model::{Document, Statement};

/// Extracts every statement from the kept, normalized paragraphs of `doc`.
pub fn extract(_doc: &Document) -> Vec<Statement> {
    Vec::new()
}

/// The corpus-level speaker table (`speakers.jsonl`), fed documents in input order.
#[derive(Debug, Default)]
pub struct SpeakerTable {}

impl SpeakerTable {
    pub fn new() -> Self {
        SpeakerTable {}
    }

    pub fn add(&mut self, _doc: &Document) {}

    /// Writes one JSON line per distinct speaker.
    pub fn write_jsonl(&self, _out: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }
}
