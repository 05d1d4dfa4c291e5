//! A fixed amount of topic work for instruction counting (`perf stat -e instructions:u`, or
//! callgrind), which machine load does not change, unlike wall-clock benches. Runs
//! `article_topics` + `observe` over up to 200 articles per shared news file,
//! `GOFTAR_TOPICS_PASSES` times (default 3); with `GOFTAR_TOPICS_PASSES=0` it only prepares the
//! articles, so the difference of two counts is the topic work alone. Prints the input bytes.

use std::io::BufRead;
use std::path::PathBuf;

use goftar::topics::TopicModel;
use goftar::{Article, Document, pipeline};

fn news_dir() -> PathBuf {
    std::env::var("GOFTAR_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
        .join("news")
}

fn documents(limit: usize) -> Vec<Document> {
    let config = goftar::normalize::Config::default();
    let mut docs = Vec::new();
    for name in [
        "fars_news.jsonl",
        "varzesh3.jsonl",
        "news_2025_4agencies.jsonl",
    ] {
        let Ok(file) = std::fs::File::open(news_dir().join(name)) else {
            continue;
        };
        docs.extend(
            std::io::BufReader::new(file)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| serde_json::from_str::<Article>(&l).ok())
                .take(limit)
                .map(|a| pipeline::prepare(a, &config)),
        );
    }
    docs
}

fn main() {
    let passes: usize = std::env::var("GOFTAR_TOPICS_PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    let docs = documents(200);
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
