//! A fixed amount of de-duplication work for instruction counting (callgrind), which machine load
//! does not change, unlike wall-clock benches. The stage as the pipeline runs it: normalized
//! paragraphs of up to `GOFTAR_DEDUP_ARTICLES` articles per shared news file (default 400) are
//! fingerprinted and decided in input order, `GOFTAR_DEDUP_PASSES` times (default 1, a fresh
//! de-duplicator each pass).
//!
//! Only [`dedup_pass`] needs counting:
//! `valgrind --tool=callgrind --toggle-collect='*dedup_pass*' target/release/deps/dedup_instructions-*`
//! then instructions per byte = Ir / (passes × input_bytes printed).

use goftar::dedup::{self, Config, Deduper};
use goftar::model::Document;

#[path = "../tests/common/mod.rs"]
mod common;

/// Fingerprints and decides every document with a fresh de-duplicator; returns the paragraphs
/// removed.
#[inline(never)]
fn dedup_pass(mut docs: Vec<Document>) -> usize {
    let mut deduper = Deduper::new(Config::default());
    let mut removed = 0;
    for doc in &mut docs {
        let print = dedup::fingerprint(doc);
        deduper.decide(doc, &print);
        removed += doc.removed.len();
    }
    std::hint::black_box((&deduper, &docs));
    removed
}

fn main() {
    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let passes = env("GOFTAR_DEDUP_PASSES", 1);
    let docs = common::prepared_news(&common::NEWS_SAMPLE, env("GOFTAR_DEDUP_ARTICLES", 400));
    let bytes: usize = docs.iter().map(|d| d.input_bytes).sum();
    let paragraphs: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
    // The word lists and patterns are built on first use: not part of the per-byte work.
    let warm_up: Vec<Document> = docs.iter().take(20).cloned().collect();
    for mut doc in warm_up {
        let print = dedup::fingerprint(&doc);
        Deduper::new(Config::default()).decide(&mut doc, &print);
    }
    let removed: usize = (0..passes).map(|_| dedup_pass(docs.clone())).sum();
    println!(
        "articles {} paragraphs {paragraphs} input_bytes {bytes} passes {passes} removed {removed}",
        docs.len()
    );
}
