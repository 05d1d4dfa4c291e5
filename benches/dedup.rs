//! De-duplication throughput on real news paragraphs (`../shared/data/news`, read and normalized
//! at bench time; the texts are never copied into the repository). One core: fingerprinting is per article and
//! scales with threads, deciding is the sequential pass.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use goftar::dedup::{self, Config, Deduper};
use goftar::model::Document;

#[path = "../tests/common/mod.rs"]
mod common;

/// Real articles as the pipeline hands them to this stage: normalized paragraphs (the normalizer
/// is not what is measured here; throughput is per byte of input body).
fn load_documents() -> Vec<Document> {
    common::prepared_news(&common::NEWS_SAMPLE, usize::MAX)
}

fn bench(c: &mut Criterion) {
    let docs = load_documents();
    if docs.is_empty() {
        eprintln!("no news data found: nothing to measure");
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.input_bytes).sum();
    let prints: Vec<_> = docs.iter().map(dedup::fingerprint).collect();

    report_cpu_throughput(&docs, bytes);

    let mut group = c.benchmark_group("dedup");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("fingerprint", |b| {
        b.iter(|| docs.iter().map(dedup::fingerprint).collect::<Vec<_>>())
    });
    group.bench_function("decide", |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                let mut deduper = Deduper::new(Config::default());
                for (doc, print) in docs.iter_mut().zip(&prints) {
                    deduper.decide(doc, print);
                }
                docs
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("fingerprint_and_decide", |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                let mut deduper = Deduper::new(Config::default());
                for doc in docs.iter_mut() {
                    let print = dedup::fingerprint(doc);
                    deduper.decide(doc, &print);
                }
                docs
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// CPU time this thread has run, from `/proc/thread-self/schedstat` (Linux), if available.
fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(nanos))
}

/// Throughput per core in CPU time: criterion's wall-clock figures fall with the machine's load
/// (shared build machines), CPU time does not.
fn report_cpu_throughput(docs: &[Document], bytes: usize) {
    let rounds = 3;
    let mut spent = std::time::Duration::ZERO;
    let mut heap_bytes = 0;
    for _ in 0..rounds {
        let mut docs = docs.to_vec();
        let Some(start) = thread_cpu_time() else {
            return;
        };
        let mut deduper = Deduper::new(Config::default());
        for doc in docs.iter_mut() {
            let print = dedup::fingerprint(doc);
            deduper.decide(doc, &print);
        }
        let Some(end) = thread_cpu_time() else {
            return;
        };
        spent += end.saturating_sub(start);
        heap_bytes = deduper.heap_bytes();
        std::hint::black_box(docs);
    }
    let secs = spent.as_secs_f64() / f64::from(rounds);
    let paragraphs: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
    eprintln!(
        "dedup memory: {} bytes of fingerprint tables for {} paragraphs = {:.0} bytes each",
        heap_bytes,
        paragraphs,
        heap_bytes as f64 / paragraphs.max(1) as f64
    );
    eprintln!(
        "dedup fingerprint+decide: {:.1} MB in {:.3} s of CPU time = {:.1} MB/s per core",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
