//! The news paragraphs the normalizer benches run on, read at bench time from the shared data
//! (never copied into the repository). Shared by `normalize.rs` and `normalize_instructions.rs`.

use std::io::BufRead;
use std::path::PathBuf;

/// `shared/data/news` beside the repository (or beside a parent folder, for worktrees).
fn news_dir() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_default();
    here.ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/data/news"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| PathBuf::from("../shared/data/news"))
}

/// Paragraphs (title and body lines) of the first 1500 articles of three news files, as
/// published (`GOFTAR_NEWS` names another JSONL file instead).
pub fn news_paragraphs() -> Vec<String> {
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
pub fn stripped(paragraphs: &[String]) -> Vec<String> {
    paragraphs
        .iter()
        .map(|p| p.replace('\u{200C}', ""))
        .collect()
}
