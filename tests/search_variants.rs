//! The development check for the analyzer: a table of query/variant pairs (letters, ZWNJ, detached
//! and glued affixes, digits, plurals) over a sample of the shared news; both sides of every pair
//! must find the same documents, and must find some.
//!
//! Reads `../shared/data/news` at test time (present on developer machines and in CI); no shared
//! text is copied into the repository.

mod common;

use std::io::BufRead;

use goftar::index::{IndexBuilder, Scope, SearchRequest, Searcher};
use goftar::model::{Document, Paragraph, Statement, StatementKind};
use goftar::normalize::{Config, normalize};

/// Articles read from the start of each shared file.
const SAMPLE_PER_FILE: usize = 200;

/// One document per article; one statement per paragraph, so both indexes hold the sample.
fn sample_documents() -> Vec<Document> {
    let mut docs = Vec::new();
    for file in common::NEWS_SAMPLE {
        let path = common::shared_news().join(file);
        let reader = std::io::BufReader::new(
            std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        );
        for line in reader.lines().take(SAMPLE_PER_FILE) {
            let value: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let id = value["id"].as_str().unwrap_or_default().to_string();
            let body = value["body"].as_str().unwrap_or_default();
            let paragraphs: Vec<Paragraph> = body
                .split('\n')
                .enumerate()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(index, text)| Paragraph {
                    index,
                    // As the pipeline stores it.
                    text: normalize(text, &Config::default()).text,
                })
                .collect();
            let statements = paragraphs
                .iter()
                .map(|p| Statement {
                    id: Statement::make_id(&id, p.index, 0),
                    article_id: id.clone(),
                    paragraph: p.index,
                    speaker: None,
                    role: None,
                    cue: String::new(),
                    kind: StatementKind::Direct,
                    text: p.text.clone(),
                    quote: String::new(),
                    start: 0,
                    end: p.text.len(),
                    confidence: 1.0,
                    topics: vec![],
                })
                .collect();
            docs.push(Document {
                id,
                title: value["title"].as_str().map(str::to_string),
                date: value["date"].as_str().map(str::to_string),
                source: value["source"].as_str().map(str::to_string),
                paragraphs,
                statements,
                ..Document::default()
            });
        }
    }
    docs
}

fn build_sample_index() -> (tempfile::TempDir, Searcher) {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = IndexBuilder::create(&dir.path().join("index")).unwrap();
    for doc in sample_documents() {
        builder.add(&doc).unwrap();
    }
    builder.finish().unwrap();
    let searcher = Searcher::open(dir.path()).unwrap();
    (dir, searcher)
}

/// Canonical spellings (Persian letters, affixes joined with ZWNJ); variants are derived below.
const BASES: [&str; 24] = [
    "برنامه‌های",
    "می‌شود",
    "بازی‌های",
    "تیم‌های",
    "کشورهای",
    "بین‌المللی",
    "رسانه‌ها",
    "نمی‌توان",
    "پیش‌بینی",
    "کمیته",
    "فوتبال",
    "مجلس شورای اسلامی",
    "وزیر امور خارجه",
    "کشتی",
    "آمریکا",
    "مسابقات",
    "تحریم‌ها",
    "باشگاه‌های",
    "شهرداری",
    "رئیس‌جمهور",
    "کارشناسان",
    "سال ۲۰۱۴",
    "۱۰ درصد",
    "بازیکن‌ها",
];

/// Singular/plural and other inflection pairs the stemmer must join.
const INFLECTIONS: [(&str, &str); 12] = [
    ("تیم‌ها", "تیم"),
    ("بازی‌ها", "بازی"),
    ("گزارشات", "گزارش"),
    ("کشورها", "کشور"),
    ("برنامه‌ها", "برنامه"),
    ("رسانه‌های", "رسانه"),
    ("باشگاه‌ها", "باشگاه"),
    ("شهرها", "شهر"),
    ("دولت‌ها", "دولت"),
    ("بازیکنهای", "بازیکن"),
    ("مردم‌ها", "مردم"),
    ("خانواده‌ها", "خانواده"),
];

fn arabic_letters(q: &str) -> String {
    q.replace('ی', "ي").replace('ک', "ك")
}
fn detached(q: &str) -> String {
    q.replace('\u{200c}', " ")
}
fn glued(q: &str) -> String {
    q.replace('\u{200c}', "")
}
fn swap_digits(q: &str) -> String {
    q.chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '0'..='9' => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Compounds (not affixes) joined by ZWNJ: their glued spelling (`رئیسجمهور`) is a different word
/// until the normalizer's lexicon restores the ZWNJ, so it is not in the table.
const COMPOUNDS: [&str; 3] = ["بین‌المللی", "پیش‌بینی", "رئیس‌جمهور"];

/// Every pair of the table: each base against its four variant spellings, plus the inflections.
fn pairs() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for base in BASES {
        let glued_variant = if COMPOUNDS.contains(&base) {
            base.to_string()
        } else {
            glued(base)
        };
        for variant in [
            arabic_letters(&detached(base)),
            detached(base),
            glued_variant,
            swap_digits(&arabic_letters(base)),
        ] {
            if variant != base {
                pairs.push((base.to_string(), variant));
            }
        }
    }
    for (a, b) in INFLECTIONS {
        pairs.push((a.to_string(), b.to_string()));
        pairs.push((arabic_letters(&detached(a)), b.to_string()));
    }
    pairs
}

fn ids(searcher: &Searcher, scope: Scope, query: &str) -> Vec<String> {
    let request = SearchRequest {
        query: query.to_string(),
        scope,
        limit: 50,
        ..SearchRequest::default()
    };
    let mut ids: Vec<String> = searcher
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_variant_finds_the_same_documents() {
    let (_dir, searcher) = build_sample_index();
    let pairs = pairs();
    assert!(pairs.len() >= 60, "the table has {} pairs", pairs.len());
    let mut failures = Vec::new();
    for (a, b) in &pairs {
        for scope in [Scope::Articles, Scope::Statements] {
            let (found_a, found_b) = (ids(&searcher, scope, a), ids(&searcher, scope, b));
            if found_a.is_empty() || found_a != found_b {
                failures.push(format!(
                    "{scope:?} {a:?} ({} hits) vs {b:?} ({} hits)",
                    found_a.len(),
                    found_b.len()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pairs differ:\n{}",
        failures.len(),
        pairs.len() * 2,
        failures.join("\n")
    );
}
