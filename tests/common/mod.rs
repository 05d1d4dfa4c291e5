//! Helpers shared by the integration tests and the benches (benches include this file with
//! `#[path = "../tests/common/mod.rs"]`): where the shared data lives, and URL encoding.

#![allow(dead_code)] // each test binary uses a different part

use std::path::{Path, PathBuf};

/// The shared data folder: `$GOFTAR_SHARED`, or `shared/` beside the repository (also found from a
/// worktree one level deeper). `None` where it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GOFTAR_SHARED") {
        return Some(PathBuf::from(dir));
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.join("data").is_dir())
}

/// Three shared news files of different outlets and years (the ones whose articles carry editors'
/// tags), sampled by tests and benches.
pub const NEWS_SAMPLE: [&str; 3] = [
    "fars_news.jsonl",
    "varzesh3.jsonl",
    "news_2025_4agencies.jsonl",
];

/// `shared/data/news`, for tests and benches that cannot run without it.
pub fn shared_news() -> PathBuf {
    shared_dir()
        .map(|dir| dir.join("data/news"))
        .filter(|dir| dir.is_dir())
        .expect("the shared data folder (../shared) is missing; set GOFTAR_SHARED")
}

/// The `.jsonl` files of `shared/data/news`, sorted so every run reads them in the same order.
pub fn shared_news_files() -> Vec<PathBuf> {
    let dir = shared_news();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Percent-encodes a query-string value (Persian text, quotes, slashes); `keep` lists extra ASCII
/// bytes to leave as they are (`=&` when encoding a whole query string).
pub fn percent_encode(text: &str, keep: &[u8]) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ if keep.contains(&b) => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Percent-encodes one query-string value.
pub fn enc(value: &str) -> String {
    percent_encode(value, b"")
}

/// Up to `limit` articles from the start of each of `files` in `shared/data/news`, through the
/// pipeline's `prepare` (normalized title and paragraphs). Missing files are skipped, so the result
/// is empty where the shared data is absent.
pub fn prepared_news(files: &[&str], limit: usize) -> Vec<goftar::Document> {
    use std::io::BufRead;

    let Some(dir) = shared_dir().map(|d| d.join("data/news")) else {
        return Vec::new();
    };
    let config = goftar::normalize::Config::default();
    let mut docs = Vec::new();
    for name in files {
        let Ok(file) = std::fs::File::open(dir.join(name)) else {
            continue;
        };
        docs.extend(
            std::io::BufReader::new(file)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| serde_json::from_str::<goftar::Article>(&l).ok())
                .take(limit)
                .map(|a| goftar::pipeline::prepare(a, &config)),
        );
    }
    docs
}
