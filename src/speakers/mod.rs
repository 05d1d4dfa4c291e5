//! Stage 3: who said what — statements with speaker, role, cue and kind.
//!
//! The pipeline calls [`extract`] on every kept document and feeds the results to a
//! [`SpeakerTable`]. Inside, one concern per file:
//! - `text`: folding, word tokens with byte offsets, sentence and clause punctuation;
//! - `lexicon`: role heads, honorifics, given names, pronouns, stop words (hand-written);
//! - `cues`: the reporting-verb lexicon in all conjugations and the fixed frames, one regex;
//! - `mention`: the speaker phrase of a clause, split into name and role;
//! - `content`: where each statement's text starts and ends;
//! - `entities`: one entity per person per article (names, surnames, roles, pronouns);
//! - `extract`: the per-article flow; `table`: the corpus speaker table;
//! - `quote`: statements carried back to the input characters they were found in.
//!
//! ATTRIBUTION: every word list here is written by hand from general knowledge of Persian; no
//! corpus text is embedded.

mod content;
mod cues;
mod entities;
mod extract;
mod lexicon;
mod mention;
mod quote;
mod table;
mod text;

pub use extract::extract;
pub use quote::{SourceMap, quote_statements, quote_statements_mapped};
pub use table::{RoleCount, SpeakerRecord, SpeakerTable};
