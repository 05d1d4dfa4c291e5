//! Topic extraction throughput on real news (the shared corpus, `../shared/data/news`, or
//! `$GOFTAR_SHARED/data/news`): `article_topics` alone, and the per-article work of a run
//! (`article_topics` + `observe`). Throughput is in input bytes.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::topics::TopicModel;

#[path = "../tests/common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let docs = common::prepared_news(&common::NEWS_SAMPLE, 200);
    if docs.is_empty() {
        eprintln!("topics bench: no shared news (../shared/data/news, or $GOFTAR_SHARED); skipped");
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
