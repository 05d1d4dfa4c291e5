//! Dumps the ranking features of every candidate of a corpus, for fitting the ranking weights
//! outside the crate (see `src/topics/score.rs`). Ignored by default; run with
//! `GOFTAR_TOPICS_DUMP_IN=articles.jsonl GOFTAR_TOPICS_DUMP_OUT=features.tsv \
//!  cargo test --test topics_features -- --ignored`.
//! Documents are processed in batches of the pipeline's size and observed after each batch, as
//! `process` does, so run statistics match a real run.

use std::io::{BufRead, Write};

use goftar::topics::{FEATURE_NAMES, TopicModel};
use goftar::{Article, pipeline};

#[test]
#[ignore]
fn dump_features() {
    let (Ok(input), Ok(output)) = (
        std::env::var("GOFTAR_TOPICS_DUMP_IN"),
        std::env::var("GOFTAR_TOPICS_DUMP_OUT"),
    ) else {
        return;
    };
    let reader = std::io::BufReader::new(std::fs::File::open(input).expect("input"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(output).expect("output"));
    writeln!(out, "id\tkey\ttext\t{}", FEATURE_NAMES.join("\t")).expect("write");
    let mut model = TopicModel::new();
    let config = goftar::normalize::Config::default();
    let docs: Vec<_> = reader
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Article>(&l).ok())
        .map(|a| {
            // Statements first, as in a run: their speakers are one of the ranking's features.
            let mut doc = pipeline::prepare(a, &config);
            doc.statements = goftar::speakers::extract(&doc);
            doc
        })
        .collect();
    for batch in docs.chunks(pipeline::Options::default().batch_records) {
        for doc in batch {
            for t in model.explain(doc) {
                let f: Vec<String> = t.features.iter().map(|x| format!("{x:.4}")).collect();
                writeln!(out, "{}\t{}\t{}\t{}", doc.id, t.key, t.text, f.join("\t"))
                    .expect("write");
            }
        }
        for doc in batch {
            model.observe(doc);
        }
    }
}
