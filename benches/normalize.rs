//! Throughput of the full normalizer (restoration included) on real news paragraphs, read at
//! bench time from `../shared/data/news` (never copied into the repository).
//!
//! Run: `cargo bench --bench normalize`. Set `GOFTAR_NEWS` to use another JSONL file.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::normalize::{Config, fold, normalize};

#[path = "normalize/news.rs"]
mod news;
use news::{news_paragraphs, stripped};

fn bench(c: &mut Criterion) {
    let paragraphs = news_paragraphs();
    if paragraphs.is_empty() {
        eprintln!("no news found under ../shared/data/news; nothing to benchmark");
        return;
    }
    let config = Config::default();
    let _ = normalize("بارگذاری واژگان", &config); // decode the lexicon outside the timing
    let mut group = c.benchmark_group("normalize");
    for (name, texts) in [
        ("news", paragraphs.clone()),
        ("news_zwnj_stripped", stripped(&paragraphs)),
    ] {
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(normalize(black_box(text), &config));
                }
            })
        });
    }
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fold", |b| {
        b.iter(|| {
            for text in &paragraphs {
                black_box(fold(black_box(text)));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
