//! goftar (گفتار, "what was said"): Persian news in, a searchable record of who said what out.
//!
//! The stages, each a module with one entry point: [`normalize`], [`dedup`], [`speakers`],
//! [`topics`], [`index`]; [`pipeline`] wires them; [`corpus`] reads and writes the files; [`server`]
//! serves the index over HTTP. Shared types live in [`model`].

pub mod corpus;
pub mod dedup;
pub mod index;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
mod prehashed;
pub mod server;
pub mod speakers;
pub mod topics;

pub use model::{Article, Document, Paragraph, Removal, RemovalReason, Statement, StatementKind};
pub use pipeline::{Options, Pipeline};
