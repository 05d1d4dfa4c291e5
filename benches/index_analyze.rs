//! The index analyzer alone: `PersianTokenizer::for_index` over the titles and bodies of the shared
//! news (read at run time from `../shared/data/news`, or `GOFTAR_SHARED`), one tokenizer reused
//! across texts as the index writer does. Run: `cargo bench --bench index_analyze`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::index::PersianTokenizer;
use tantivy::tokenizer::{TokenStream, Tokenizer};

fn shared_news() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("GOFTAR_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([root.join("../shared"), root.join("../../shared")])
        .find(|p| p.join("data/news").is_dir())
        .expect("the shared data folder (../shared) is missing; set GOFTAR_SHARED")
        .join("data/news")
}

/// Every title and body of the shared news, in file order.
fn news_texts() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared_news())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for path in files {
        for line in std::io::BufReader::new(std::fs::File::open(path).unwrap()).lines() {
            let Ok(record) = serde_json::from_str::<serde_json::Value>(&line.unwrap()) else {
                continue;
            };
            for field in ["title", "body"] {
                if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
                    texts.push(text.to_string());
                }
            }
        }
    }
    texts
}

fn analyze_news(c: &mut Criterion) {
    let texts = news_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("index_analyze");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("shared_news", |b| {
        let mut tokenizer = PersianTokenizer::for_index();
        b.iter(|| {
            let mut tokens = 0usize;
            for text in &texts {
                let mut stream = tokenizer.token_stream(text);
                while stream.advance() {
                    tokens += stream.token().text.len();
                }
            }
            tokens
        })
    });
    group.finish();
}

criterion_group!(benches, analyze_news);
criterion_main!(benches);
