//! Search latency over ≥ 500k statements: goftar's engine (Persian analyzer, facets, snippets) against
//! tantivy's default analyzer on the same statements.
//!
//! ```text
//! cargo bench --bench search
//! ```
//! The first run builds both indexes from the shared news, replicated until there are
//! `GOFTAR_BENCH_STATEMENTS` (default 520,000) statements, under `GOFTAR_BENCH_DIR` (default
//! `/tmp/goftar-bench`); later runs reuse them. Besides criterion's figures, it prints the median and
//! p99 latency of single queries for both engines.

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::hint::black_box;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use goftar::index::{IndexBuilder, SearchOptions, SearchRequest, Searcher};
use goftar::model::{Document, Paragraph, Statement, StatementKind};
use goftar::normalize::{Config, normalize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, doc};

/// Queries as journalists type them: single words, plurals, compounds, phrases, detached affixes,
/// Arabic letters, a field, an exclusion.
const QUERIES: [&str; 24] = [
    "نفت",
    "تحریم‌ها",
    "برنامه های دولت",
    "رئیس جمهور",
    "پرسپولیس",
    "مجلس شورای اسلامی",
    "بازی‌های آسیایی",
    "کرونا واکسن",
    "قیمت دلار",
    "انتخابات",
    "وزیر امور خارجه",
    "تیم ملی فوتبال",
    "\"خلیج فارس\"",
    "سرمربی استقلال",
    "آمريكا",
    "محیط زیست",
    "مسابقات جهانی کشتی",
    "بورس سهام",
    "دانشگاه‌ها",
    "شهرداری تهران",
    "نمی توان",
    "فوتبال -استقلال",
    "زلزله",
    "گزارشات",
];

const SPEAKERS: [&str; 12] = [
    "حسن روحانی",
    "علی لاریجانی",
    "محمدجواد ظریف",
    "بیژن زنگنه",
    "علی دایی",
    "کارلوس کی‌روش",
    "مسعود پزشکیان",
    "عباس عراقچی",
    "محمدباقر قالیباف",
    "یحیی گل‌محمدی",
    "فرهاد مجیدی",
    "سخنگوی دولت",
];
const ROLES: [&str; 4] = ["رئیس‌جمهور", "وزیر", "سرمربی", "نماینده مجلس"];

fn bench_dir() -> PathBuf {
    std::env::var_os("GOFTAR_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/goftar-bench"))
}

/// The shared news as documents whose sentences are statements.
fn news_documents() -> Vec<Document> {
    let config = Config::default();
    let mut docs = Vec::new();
    for path in common::shared_news_files() {
        for line in std::io::BufReader::new(std::fs::File::open(path).unwrap()).lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let id = v["id"].as_str().unwrap_or_default().to_string();
            let paragraphs: Vec<Paragraph> = v["body"]
                .as_str()
                .unwrap_or_default()
                .split('\n')
                .enumerate()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(index, t)| Paragraph {
                    index,
                    text: normalize(t, &config).text,
                })
                .collect();
            let topics: Vec<String> = match &v["tags"] {
                serde_json::Value::Array(tags) => tags
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .take(3)
                    .collect(),
                _ => Vec::new(),
            };
            let mut statements = Vec::new();
            for p in &paragraphs {
                let sentences = p
                    .text
                    .split(['.', '؟', '!'])
                    .filter(|s| s.trim().chars().count() > 20);
                for (ordinal, sentence) in sentences.enumerate() {
                    let pick = (docs.len() * 7 + statements.len()) % SPEAKERS.len();
                    statements.push(Statement {
                        id: Statement::make_id(&id, p.index, ordinal),
                        article_id: id.clone(),
                        paragraph: p.index,
                        speaker: Some(SPEAKERS[pick].to_string()),
                        role: Some(ROLES[pick % ROLES.len()].to_string()),
                        cue: "گفت".to_string(),
                        kind: StatementKind::Indirect,
                        text: sentence.trim().to_string(),
                        quote: String::new(),
                        start: 0,
                        end: 0,
                        confidence: 0.8,
                        topics: Vec::new(),
                    });
                }
            }
            docs.push(Document {
                id,
                title: v["title"].as_str().map(str::to_string),
                date: v["date"].as_str().map(str::to_string),
                source: v["source"].as_str().map(str::to_string),
                paragraphs,
                statements,
                topics,
                ..Document::default()
            });
        }
    }
    docs
}

/// Builds both indexes once (replicas of the news get new ids) and returns their folders.
fn ensure_indexes() -> (PathBuf, PathBuf) {
    let dir = bench_dir();
    let goftar_dir = dir.join("goftar");
    let default_dir = dir.join("default");
    // An index another goftar version wrote does not open: it is rebuilt.
    let reusable = Searcher::open(&goftar_dir).is_ok() && default_dir.join("meta.json").is_file();
    if reusable {
        return (goftar_dir, default_dir);
    }
    let wanted: usize = std::env::var("GOFTAR_BENCH_STATEMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(520_000);
    let news = news_documents();
    let per_copy: usize = news.iter().map(|d| d.statements.len()).sum();
    let copies = wanted.div_ceil(per_copy.max(1));
    eprintln!(
        "building {copies} copies of {per_copy} statements under {}",
        dir.display()
    );

    let _ = std::fs::remove_dir_all(&default_dir);
    std::fs::create_dir_all(&default_dir).unwrap();
    let mut schema = Schema::builder();
    let id_field = schema.add_text_field("id", STRING | STORED);
    let speaker_field = schema.add_text_field("speaker", TEXT | STORED);
    let text_field = schema.add_text_field("text", TEXT | STORED);
    let default_index = Index::create_in_dir(&default_dir, schema.build()).unwrap();
    let mut default_writer = default_index.writer(192 << 20).unwrap();

    let mut builder = IndexBuilder::create(&goftar_dir.join("index")).unwrap();
    let mut seen = HashSet::new();
    for copy in 0..copies {
        for doc in &news {
            let mut doc = doc.clone();
            doc.id = format!("{copy}-{}", doc.id);
            if !seen.insert(doc.id.clone()) {
                continue;
            }
            for s in &mut doc.statements {
                s.id = format!("{copy}-{}", s.id);
                s.article_id = doc.id.clone();
                default_writer
                    .add_document(doc!(
                        id_field => s.id.clone(),
                        speaker_field => s.speaker.clone().unwrap_or_default(),
                        text_field => s.text.clone(),
                    ))
                    .unwrap();
            }
            builder.add(&doc).unwrap();
        }
    }
    builder.finish().unwrap();
    default_writer.commit().unwrap();
    let segments = default_index.searchable_segment_ids().unwrap();
    if segments.len() > 1 {
        default_writer.merge(&segments).wait().unwrap();
    }
    default_writer.wait_merging_threads().unwrap();
    (goftar_dir, default_dir)
}

/// A default-analyzer engine doing what a plain tantivy search page does: top 10 with their
/// stored documents, and the total.
struct DefaultEngine {
    searcher: tantivy::Searcher,
    parser: QueryParser,
}

impl DefaultEngine {
    fn open(dir: &Path) -> Self {
        let index = Index::open_in_dir(dir).unwrap();
        let schema = index.schema();
        let text = schema.get_field("text").unwrap();
        let speaker = schema.get_field("speaker").unwrap();
        let searcher = index.reader().unwrap().searcher();
        DefaultEngine {
            searcher,
            parser: QueryParser::for_index(&index, vec![text, speaker]),
        }
    }

    fn search(&self, q: &str) -> usize {
        let (query, _) = self.parser.parse_query_lenient(q);
        let (top, total) = self
            .searcher
            .search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))
            .unwrap();
        for (_, address) in top {
            let d: TantivyDocument = self.searcher.doc(address).unwrap();
            black_box(
                d.field_values()
                    .next()
                    .map(|(_, v)| v.as_str().map(str::len)),
            );
        }
        total
    }
}

fn goftar_request(q: &str) -> SearchRequest {
    SearchRequest {
        query: q.to_string(),
        limit: 10,
        ..SearchRequest::default()
    }
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

fn search_latency(c: &mut Criterion) {
    let (goftar_dir, default_dir) = ensure_indexes();
    let goftar = Searcher::open(&goftar_dir).unwrap();
    let default = DefaultEngine::open(&default_dir);
    let (statements, _) = goftar.counts();
    eprintln!("{statements} statements indexed");

    // Single-query latency distribution (warm caches first).
    for q in QUERIES {
        black_box(goftar.search(&goftar_request(q)).unwrap());
        black_box(default.search(q));
    }
    let bare = SearchOptions {
        facets: false,
        snippets: false,
    };
    let (mut ours, mut theirs, mut ours_bare) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..20 {
        for q in QUERIES {
            let t = Instant::now();
            black_box(goftar.search(&goftar_request(q)).unwrap());
            ours.push(t.elapsed());
            let t = Instant::now();
            black_box(goftar.search_with(&goftar_request(q), bare).unwrap());
            ours_bare.push(t.elapsed());
            let t = Instant::now();
            black_box(default.search(q));
            theirs.push(t.elapsed());
        }
    }
    if std::env::var_os("GOFTAR_BENCH_PER_QUERY").is_some() {
        for (i, q) in QUERIES.iter().enumerate() {
            let pick = |all: &[Duration]| -> Vec<Duration> {
                all.iter().skip(i).step_by(QUERIES.len()).copied().collect()
            };
            let (o, _) = percentiles(pick(&ours));
            let (t, _) = percentiles(pick(&theirs));
            let total = goftar
                .search(&goftar_request(q))
                .map(|r| r.total)
                .unwrap_or(0);
            eprintln!("{q:>24}  goftar {o:>12?}  default {t:>12?}  ({total} hits)");
        }
    }
    let (ours_p50, ours_p99) = percentiles(ours);
    let (bare_p50, bare_p99) = percentiles(ours_bare);
    let (theirs_p50, theirs_p99) = percentiles(theirs);
    eprintln!(
        "goftar (facets + snippets): median {ours_p50:?}, p99 {ours_p99:?}\n\
         goftar (top 10 + count, like the default): median {bare_p50:?}, p99 {bare_p99:?}\n\
         tantivy default analyzer (top 10 + count): median {theirs_p50:?}, p99 {theirs_p99:?}"
    );

    let mut group = c.benchmark_group("search_24_queries");
    group.sample_size(20);
    group.bench_function("goftar_facets_snippets", |b| {
        b.iter(|| {
            for q in QUERIES {
                black_box(goftar.search(&goftar_request(q)).unwrap());
            }
        })
    });
    group.bench_function("goftar_top10_count", |b| {
        b.iter(|| {
            for q in QUERIES {
                black_box(goftar.search_with(&goftar_request(q), bare).unwrap());
            }
        })
    });
    group.bench_function("tantivy_default_analyzer", |b| {
        b.iter(|| {
            for q in QUERIES {
                black_box(default.search(q));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, search_latency);
criterion_main!(benches);
