//! Topic extraction throughput on real news (the shared corpus, `../shared/data/news`, or
//! `GOFTAR_SHARED_DATA`): `article_topics` alone, and the per-article work of a run
//! (`article_topics` + `observe`). Throughput is in input bytes.

use std::io::BufRead;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::topics::TopicModel;
use goftar::{Article, Document, pipeline};

fn news_dir() -> PathBuf {
    std::env::var("GOFTAR_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
        .join("news")
}

/// Up to `limit` prepared articles from each news file.
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

fn bench(c: &mut Criterion) {
    let docs = documents(200);
    if docs.is_empty() {
        eprintln!(
            "topics bench: no news under {}; skipped",
            news_dir().display()
        );
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.input_bytes).sum();
    let mut model = TopicModel::new();
    for doc in &docs {
        model.observe(doc);
    }
    let mut group = c.benchmark_group("topics");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("article_topics", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| model.article_topics(d).len())
                .sum::<usize>()
        })
    });
    group.bench_function("article_topics+observe", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += model.article_topics(d).len();
                model.observe(d);
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
