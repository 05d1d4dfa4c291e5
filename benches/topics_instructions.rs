//! A fixed amount of topic work for instruction counting (`perf stat -e instructions:u`, or
//! callgrind), which machine load does not change, unlike wall-clock benches. Runs
//! `article_topics` + `observe` over up to 200 articles per shared news file,
//! `GOFTAR_TOPICS_PASSES` times (default 3); with `GOFTAR_TOPICS_PASSES=0` it only prepares the
//! articles, so the difference of two counts is the topic work alone. Prints the input bytes.

use goftar::topics::TopicModel;

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let passes: usize = std::env::var("GOFTAR_TOPICS_PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    let docs = common::prepared_news(&common::NEWS_SAMPLE, 200);
    let bytes: usize = docs.iter().map(|d| d.input_bytes).sum();
    let mut model = TopicModel::new();
    let mut topics = 0;
    for _ in 0..passes {
        for doc in &docs {
            topics += std::hint::black_box(model.article_topics(doc)).len();
            model.observe(doc);
        }
    }
    println!(
        "articles {} input_bytes {bytes} passes {passes} topics {topics}",
        docs.len()
    );
}
