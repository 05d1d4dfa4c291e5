//! `goftar process --dedup-memory`: a small cap makes de-duplication forget the oldest paragraphs
//! (and say so), never fails the run, and keeps the output independent of the thread count.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn process(out: &Path, extra: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_goftar"))
        .arg("process")
        .arg(corpora())
        .args(["--out", out.to_str().unwrap(), "--quiet", "--no-index"])
        .args(extra)
        .env_remove("RUST_LOG")
        .output()
        .expect("the goftar binary runs");
    assert!(output.status.code().is_some(), "killed by a signal");
    output
}

fn summary(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

fn removed(summary: &Value, reason: &str) -> u64 {
    summary["removed"][reason].as_u64().unwrap_or(0)
}

#[test]
fn a_tiny_cap_forgets_old_paragraphs_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (full, capped, capped_one_thread) = (
        dir.path().join("full"),
        dir.path().join("capped"),
        dir.path().join("capped1"),
    );
    let run = process(&full, &[]);
    assert_eq!(run.status.code(), Some(0));
    let run = process(&capped, &["--dedup-memory", "0.02", "--threads", "2"]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("dedup memory cap") && stderr.contains("--dedup-memory"),
        "{stderr}"
    );
    let run = process(
        &capped_one_thread,
        &["--dedup-memory", "0.02", "--threads", "1"],
    );
    assert_eq!(run.status.code(), Some(0));

    let (full, capped_summary) = (summary(&full), summary(&capped));
    assert_eq!(full["dedup_forgotten"], 0);
    assert!(capped_summary["dedup_forgotten"].as_u64().unwrap() > 0);
    // Forgetting finds fewer copies, never more, and loses no article.
    assert_eq!(capped_summary["articles"], full["articles"]);
    let copies = |s: &Value| removed(s, "duplicate") + removed(s, "near_duplicate");
    assert!(copies(&capped_summary) <= copies(&full));

    let articles = std::fs::read_to_string(capped.join("articles.jsonl")).unwrap();
    assert_eq!(
        articles,
        std::fs::read_to_string(capped_one_thread.join("articles.jsonl")).unwrap()
    );
    // Every copy still points at an earlier article of the output.
    let mut seen = std::collections::HashSet::new();
    for line in articles.lines() {
        let article: Value = serde_json::from_str(line).unwrap();
        for removal in article["removed"].as_array().unwrap() {
            if let Some(original) = removal["duplicate_of"]["article_id"].as_str() {
                let own = article["id"].as_str() == Some(original);
                assert!(own || seen.contains(original), "{removal}");
            }
        }
        seen.insert(article["id"].as_str().unwrap().to_string());
    }
}

#[test]
fn the_cap_must_be_positive() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["0", "-1", "lots"] {
        let run = process(dir.path(), &["--dedup-memory", bad]);
        assert_eq!(run.status.code(), Some(2), "--dedup-memory {bad}");
    }
}
