//! Load benchmark of `GET /api/search` for statement queries: the real server (router, limits,
//! blocking-pool searches) on loopback, driven by `wrk` at 32 connections for a bounded time.
//!
//! ```text
//! cargo bench --bench server_load                 # 10 s, 32 connections, ~200k statements
//! GOFTAR_LOAD_SECONDS=20 GOFTAR_LOAD_STATEMENTS=500000 cargo bench --bench server_load
//! GOFTAR_LOAD_MODE=cached|uncached                  # only one of the two runs
//! GOFTAR_LOAD_ENGINE_THREADS=2,8,32                 # compare bounds on concurrent searches
//! ```
//!
//! Two runs over the same Zipf-shaped query log (see [`zipf_paths`]): with the server's default
//! response cache, as deployed, and with the cache off, which measures the engine under load.
//!
//! The index is built once (kept under `target/server-load-index-N/`) from the shared news
//! (`../shared/data/news`, or `$GOFTAR_SHARED`), replicated under new ids until it holds N statements.
//! Statement texts are the news' own sentences; their attribution is synthetic (a fixed list of
//! names and roles, chosen by sentence hash), so the figures measure the HTTP and search path, not
//! the speaker extractor. Goal (issue 8): ≥ 3,000 requests/s, p99 ≤ 20 ms, zero errors.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::BufRead;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use goftar::index::Searcher;
use goftar::model::{Article, Document, Statement, StatementKind};
use goftar::output::OutputDir;
use goftar::pipeline::{Sink, Summary, prepare};
use goftar::server::{ServerConfig, router};
use goftar::speakers::SpeakerTable;

/// Who the synthetic statements are attributed to (public roles, common names).
const SPEAKERS: &[(&str, &str)] = &[
    ("مسعود پزشکیان", "رئیس‌جمهور"),
    ("محمدباقر قالیباف", "رئیس مجلس"),
    ("عباس عراقچی", "وزیر امور خارجه"),
    ("فاطمه مهاجرانی", "سخنگوی دولت"),
    ("محمدرضا فرزین", "رئیس کل بانک مرکزی"),
    ("عبدالناصر همتی", "وزیر اقتصاد"),
    ("اسماعیل بقائی", "سخنگوی وزارت امور خارجه"),
    ("علیرضا زاکانی", "شهردار تهران"),
    ("محمد اسلامی", "رئیس سازمان انرژی اتمی"),
    ("عباس علی‌آبادی", "وزیر نیرو"),
    ("محمدرضا ظفرقندی", "وزیر بهداشت"),
    ("احمد دنیامالی", "وزیر ورزش و جوانان"),
    ("مهدی تاج", "رئیس فدراسیون فوتبال"),
    ("امیر قلعه‌نویی", "سرمربی تیم ملی فوتبال"),
    ("غلامحسین محسنی اژه‌ای", "رئیس قوه قضاییه"),
    ("کاظم غریب‌آبادی", "معاون وزیر امور خارجه"),
];

/// Statement queries the benchmark cycles through: single words, phrases, exclusions, ORs,
/// speaker and date filters, the second page, and sort by date, like the page sends them.
const QUERIES: &[&str] = &[
    "q=تورم",
    "q=دولت",
    "q=مجلس",
    "q=ایران",
    "q=قیمت",
    "q=انتخابات",
    "q=فوتبال",
    "q=تیم ملی",
    "q=\"تیم ملی\"",
    "q=\"بانک مرکزی\"",
    "q=نرخ ارز",
    "q=آب -برق",
    "q=تحریم OR مذاکره",
    "q=برنامه‌ها",
    "q=برنامه ها",
    "q=گزارشات",
    "q=مردم&sort=date",
    "q=اقتصاد&offset=10",
    "q=کشور&speaker=مسعود پزشکیان",
    "q=ورزش&from=1390/01/01&to=1403/12/29",
    "q=امنیت&source=farsnews",
    "q=شهر تهران",
    "q=آمریکا",
    "q=بازیکنان",
    "q=نفت",
    "q=مسئولان",
    "q=دانشگاه",
    "q=جوانان",
    "q=کرونا",
    "q=بودجه",
    "q=سرمایه‌گذاری",
    "q=قهرمانی",
];

fn read_articles() -> Vec<Article> {
    let mut articles = Vec::new();
    for file in common::shared_news_files() {
        let reader = std::io::BufReader::new(std::fs::File::open(&file).expect("open news"));
        for line in reader.lines().map_while(Result::ok) {
            if let Ok(article) = serde_json::from_str::<Article>(&line) {
                articles.push(article);
            }
        }
    }
    articles
}

/// Sentences of at least six words, with their byte offsets in the paragraph.
fn sentences(paragraph: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in paragraph.char_indices() {
        if matches!(c, '.' | '؟' | '!' | '?' | '»') {
            let end = i + c.len_utf8();
            let text = paragraph[start..end].trim();
            if text.split_whitespace().count() >= 6 {
                let offset = start
                    + (paragraph[start..end].len() - paragraph[start..end].trim_start().len());
                out.push((offset, offset + text.len()));
            }
            start = end;
        }
    }
    out
}

fn with_statements(mut doc: Document) -> Document {
    let mut statements = Vec::new();
    for paragraph in &doc.paragraphs {
        for (ordinal, (start, end)) in sentences(&paragraph.text).into_iter().enumerate() {
            let text = &paragraph.text[start..end];
            let pick = xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as usize;
            let (speaker, role) = SPEAKERS[pick % SPEAKERS.len()];
            statements.push(Statement {
                id: Statement::make_id(&doc.id, paragraph.index, ordinal),
                article_id: doc.id.clone(),
                paragraph: paragraph.index,
                speaker: Some(speaker.to_string()),
                role: Some(role.to_string()),
                cue: "گفت".to_string(),
                kind: if pick.is_multiple_of(3) {
                    StatementKind::Indirect
                } else {
                    StatementKind::Direct
                },
                text: text.to_string(),
                quote: String::new(),
                start,
                end,
                confidence: 0.8,
                topics: doc.category.clone().into_iter().collect(),
            });
        }
    }
    doc.statements = statements;
    doc
}

fn build_index(dir: &Path, target_statements: usize) {
    let articles = read_articles();
    assert!(!articles.is_empty(), "no articles in the shared news");
    let config = goftar::normalize::Config::default();
    let base: Vec<Document> = articles
        .into_iter()
        .map(|a| with_statements(prepare(a, &config)))
        .filter(|d| !d.statements.is_empty())
        .collect();
    let mut out = OutputDir::create(dir, true).expect("create bench output");
    let mut written = 0usize;
    let mut copy = 0usize;
    while written < target_statements {
        for doc in &base {
            let mut doc = doc.clone();
            if copy > 0 {
                let id = format!("{}~{copy}", doc.id);
                for s in &mut doc.statements {
                    s.id = s.id.replacen(&doc.id, &id, 1);
                    s.article_id = id.clone();
                }
                doc.id = id;
            }
            written += doc.statements.len();
            out.document(&doc).expect("index document");
            if written >= target_statements {
                break;
            }
        }
        copy += 1;
    }
    out.finish(&SpeakerTable::new(), &Summary::default())
        .expect("commit bench index");
    std::fs::write(dir.join("BENCH_READY"), written.to_string()).expect("marker");
    eprintln!("built {} with {written} statements", dir.display());
}

/// A query log shaped like real ones: `distinct` queries (the fixed shapes above, then words and
/// word pairs of the statements, by corpus frequency) requested with Zipf(1) popularity, so a few
/// are very common and most are rare. Deterministic.
fn zipf_paths(index_dir: &Path, distinct: usize, length: usize) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let reader = std::io::BufReader::new(
        std::fs::File::open(index_dir.join("statements.jsonl")).expect("statements"),
    );
    for line in reader.lines().map_while(Result::ok).take(50_000) {
        let Ok(statement) = serde_json::from_str::<Statement>(&line) else {
            continue;
        };
        for word in statement
            .text
            .split(|c: char| !c.is_alphabetic() && c != '\u{200c}')
        {
            if word.chars().count() >= 3 {
                *counts.entry(word.to_string()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, u64)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // The most frequent words are function words nobody searches for.
    let words: Vec<String> = words.into_iter().skip(150).map(|(w, _)| w).collect();
    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    let mut i = 0;
    while queries.len() < distinct && i + 1 < words.len() {
        queries.push(format!("q={}", words[i]));
        if i.is_multiple_of(3) {
            queries.push(format!("q={} {}", words[i], words[i + 1]));
        }
        i += 1;
    }
    queries.truncate(distinct);
    let weights: Vec<f64> = (1..=queries.len()).map(|k| 1.0 / k as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in weights {
        acc += w / total;
        cumulative.push(acc);
    }
    (0..length)
        .map(|n| {
            let u = (xxhash_rust::xxh3::xxh3_64(&(n as u64).to_le_bytes()) >> 11) as f64
                / (1u64 << 53) as f64;
            let rank = cumulative
                .partition_point(|c| *c < u)
                .min(queries.len() - 1);
            format!(
                "/api/search?{}&limit=10",
                common::percent_encode(&queries[rank], b"=&")
            )
        })
        .collect()
}

/// Serves the index on a loopback port with `cache_entries`, runs wrk against it, prints the figures.
fn run(
    index_dir: &Path,
    paths_file: &Path,
    cache_entries: usize,
    engine_threads: usize,
    label: &str,
) {
    let seconds: u64 = std::env::var("GOFTAR_LOAD_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
        .min(120);
    let connections: u32 = std::env::var("GOFTAR_LOAD_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let searcher = Searcher::open(index_dir).expect("open bench index");
    let (statements_indexed, _) = searcher.counts();
    let config = ServerConfig {
        cache_entries,
        engine_threads,
        ..ServerConfig::default()
    };
    let app = router(Arc::new(searcher), &config).expect("router");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    runtime.spawn(async move { axum::serve(listener, app).await });

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/server_load.lua");
    let url = format!("http://{addr}");
    // Warm up (page cache, and the response cache as a running server would have it).
    let _ = Command::new("wrk")
        .args(["-t2", "-c8", "-d3s", "-s"])
        .arg(&script)
        .arg(&url)
        .arg("--")
        .arg(paths_file)
        .output();
    eprintln!(
        "[{label}] wrk -t2 -c{connections} -d{seconds}s --latency -s benches/server_load.lua, {statements_indexed} statements, cache {cache_entries}, {engine_threads} engine threads"
    );
    let output = Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--latency",
            "-s",
        ])
        .arg(&script)
        .arg(&url)
        .arg("--")
        .arg(paths_file)
        .output();
    match output {
        Ok(output) => {
            let text = String::from_utf8_lossy(&output.stdout);
            text.lines()
                .filter(|l| !l.starts_with("GOFTAR "))
                .for_each(|l| println!("{l}"));
            if let Some(line) = text.lines().find(|l| l.starts_with("GOFTAR ")) {
                println!("[{label}] {}", &line[7..]);
            }
        }
        Err(e) => eprintln!("cannot run wrk ({e}); install Debian's `wrk` package"),
    }
    runtime.shutdown_background();
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that is not ours means another bench was asked for.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"server_load".contains(a.as_str()))
    {
        return;
    }
    let statements: usize = std::env::var("GOFTAR_LOAD_STATEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let index_dir = target.join(format!("server-load-index-{statements}"));
    if !index_dir.join("BENCH_READY").exists() {
        let _ = std::fs::remove_dir_all(&index_dir);
        build_index(&index_dir, statements);
    }
    let paths_file = target.join("server-load-paths.txt");
    let paths = zipf_paths(&index_dir, 20_000, 100_000);
    std::fs::write(&paths_file, paths.join("\n") + "\n").expect("write paths");
    let distinct: std::collections::HashSet<&String> = paths.iter().collect();
    eprintln!(
        "query log: {} requests over {} distinct statement queries (Zipf 1)",
        paths.len(),
        distinct.len()
    );

    let mode = std::env::var("GOFTAR_LOAD_MODE").unwrap_or_default();
    // A comma-separated list compares bounds on concurrent searches.
    let engine_threads: Vec<usize> = std::env::var("GOFTAR_LOAD_ENGINE_THREADS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![ServerConfig::default().engine_threads]);
    for threads in engine_threads {
        if mode != "uncached" {
            run(
                &index_dir,
                &paths_file,
                ServerConfig::default().cache_entries,
                threads,
                "cache on",
            );
        }
        if mode != "cached" {
            run(&index_dir, &paths_file, 0, threads, "cache off");
        }
    }
}
