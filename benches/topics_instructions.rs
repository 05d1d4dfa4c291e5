//! A fixed amount of topic work for instruction counting (`perf stat -e instructions:u`, or
//! callgrind), which machine load does not change, unlike wall-clock benches. Runs
//! `article_topics` + `observe` over up to 200 articles per shared news file,
//! `GOFTAR_TOPICS_PASSES` times (default 3); with `GOFTAR_TOPICS_PASSES=0` it only prepares the
//! articles, so the difference of two counts is the topic work alone. Prints the input bytes and
//! an xxh3 checksum of every topic list returned, so a speed change that alters output shows.
//! With `GOFTAR_TOPICS_STATEMENTS=1` the articles' statements are found first (not counted) and
//! each pass also asks for every statement's topics, as `process` does (`document_topics`).

use goftar::topics::TopicModel;

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let passes: usize = std::env::var("GOFTAR_TOPICS_PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(3);
    let statements = std::env::var("GOFTAR_TOPICS_STATEMENTS").is_ok_and(|s| s == "1");
    let mut docs = common::prepared_news(&common::NEWS_SAMPLE, 200);
    if statements {
        for doc in &mut docs {
            doc.statements = goftar::speakers::extract(doc);
        }
    }
    let bytes: usize = docs.iter().map(|d| d.input_bytes).sum();
    let mut model = TopicModel::new();
    let mut topics = 0;
    let mut checksum = xxhash_rust::xxh3::Xxh3Default::new();
    for _ in 0..passes {
        for doc in &docs {
            let (shown, statements) = std::hint::black_box(model.document_topics(doc));
            topics += shown.len();
            for topic in &shown {
                checksum.update(topic.as_bytes());
                checksum.update(b"\n");
            }
            checksum.update(b"\0");
            for shown in statements {
                for topic in shown {
                    checksum.update(topic.as_bytes());
                    checksum.update(b"\n");
                }
                checksum.update(b"\0");
            }
            model.observe(doc);
        }
    }
    println!(
        "articles {} statements {} input_bytes {bytes} passes {passes} topics {topics} checksum {:016x}",
        docs.len(),
        docs.iter().map(|d| d.statements.len()).sum::<usize>(),
        checksum.digest()
    );
}
