//! Throughput of the full normalizer (restoration included) on real news paragraphs, read at
//! bench time from `../shared/data/news` (never copied into the repository).
//!
//! Run: `cargo bench --bench normalize`. Set `GOFTAR_NEWS` to use another JSONL file.

use std::hint::black_box;
use std::io::BufRead;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::normalize::{Config, fold, normalize};

/// `shared/data/news` beside the repository (or beside a parent folder, for worktrees).
fn news_dir() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_default();
    here.ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/data/news"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| PathBuf::from("../shared/data/news"))
}

/// Paragraphs (title and body lines) of the news files, as published.
fn news_paragraphs() -> Vec<String> {
    let files: Vec<PathBuf> = match std::env::var_os("GOFTAR_NEWS") {
        Some(path) => vec![PathBuf::from(path)],
        None => [
            "fars_news.jsonl",
            "news_2025_4agencies.jsonl",
            "varzesh3.jsonl",
        ]
        .iter()
        .map(|f| news_dir().join(f))
        .collect(),
    };
    let mut paragraphs = Vec::new();
    for path in files {
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("skipping {}: not found", path.display());
            continue;
        };
        for line in std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .take(1500)
        {
            let Ok(article) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            for field in ["title", "body"] {
                if let Some(text) = article.get(field).and_then(|v| v.as_str()) {
                    paragraphs.extend(
                        text.split('\n')
                            .filter(|p| !p.trim().is_empty())
                            .map(str::to_string),
                    );
                }
            }
        }
    }
    paragraphs
}

/// The same paragraphs with every ZWNJ stripped: the restoring path at full load.
fn stripped(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| p.replace('\u{200C}', ""))
        .collect()
}

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
