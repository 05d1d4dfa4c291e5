//! Retrieval evaluation over the shared news (ignored by default; it reads all 6,541 articles).
//!
//! ```text
//! cargo test --release --test search_eval -- --ignored --nocapture
//! ```
//! writes to `$GOFTAR_EVAL_DIR` (default `/tmp/goftar-eval`):
//! - `goftar/index/`: the goftar index of every article (paragraphs normalized as `process` does);
//! - `qrels.txt` and `queries_{form}.tsv` for four ways of typing each query: `arabic_detached`
//!   (Arabic ي/ك, affixes after a space), `persian_detached` (Persian keyboard, space), `zwnj`
//!   (affixes joined with ZWNJ), `glued` (no joint at all);
//! - `default_{form}.run`: TREC runs of tantivy's default analyzer on the same articles.
//!
//! The goftar runs come from the CLI, then everything is scored with the shared scorer:
//! ```text
//! goftar search --index /tmp/goftar-eval/goftar --scope articles \
//!     --queries /tmp/goftar-eval/queries_zwnj.tsv --trec --limit 100 > goftar_zwnj.run
//! python3 ../shared/eval/ir_score.py /tmp/goftar-eval/qrels.txt goftar_zwnj.run
//! ```
//!
//! Judged queries (known-item): for every 40th article whose lead paragraph has a word joined by
//! ZWNJ, the query is that word plus the two words of the lead with the fewest other articles
//! containing them among those in 3–300 articles, in text order; the relevant documents are the
//! article and its exact copies (same lead). The words come from the text, but not their spelling:
//! each form re-types them.

mod common;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;

use goftar::index::IndexBuilder;
use goftar::model::{Document, Paragraph};
use goftar::normalize::{Config, normalize};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, doc};

const ZWNJ: char = '\u{200c}';
const STRIDE: usize = 40;
const RUN_DEPTH: usize = 100;

struct Article {
    id: String,
    title: String,
    paragraphs: Vec<String>,
}

fn read_articles() -> Vec<Article> {
    let config = Config::default();
    let mut articles = Vec::new();
    for path in common::shared_news_files() {
        let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        for line in file.lines() {
            let value: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let body = value["body"].as_str().unwrap_or_default();
            articles.push(Article {
                id: value["id"].as_str().unwrap_or_default().to_string(),
                title: normalize(value["title"].as_str().unwrap_or_default(), &config).text,
                paragraphs: body
                    .split('\n')
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| normalize(p, &config).text)
                    .collect(),
            });
        }
    }
    articles
}

/// Whitespace words with surrounding punctuation trimmed.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect()
}

fn letters_key(word: &str) -> String {
    word.replace(ZWNJ, "").replace('ي', "ی").replace('ك', "ک")
}

fn forms(query: &str) -> [(&'static str, String); 4] {
    let persian = query.replace('ي', "ی").replace('ك', "ک");
    let detached = persian.replace(ZWNJ, " ");
    [
        (
            "arabic_detached",
            detached.replace('ی', "ي").replace('ک', "ك"),
        ),
        ("persian_detached", detached),
        ("zwnj", persian.clone()),
        ("glued", persian.replace(ZWNJ, "")),
    ]
}

#[test]
#[ignore = "evaluation over the whole shared news; run by hand (see the module docs)"]
fn write_eval_set_and_default_analyzer_runs() {
    let out = std::env::var_os("GOFTAR_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/goftar-eval"));
    std::fs::create_dir_all(&out).unwrap();
    let articles = read_articles();

    // Document frequency of each word (letters folded, joints ignored).
    let mut df: HashMap<String, usize> = HashMap::new();
    for a in &articles {
        let distinct: HashSet<String> = a
            .paragraphs
            .iter()
            .flat_map(|p| words(p))
            .map(|w| letters_key(&w))
            .collect();
        for w in distinct {
            *df.entry(w).or_default() += 1;
        }
    }
    let leads: HashMap<&str, Vec<&str>> = articles.iter().fold(HashMap::new(), |mut m, a| {
        if let Some(lead) = a.paragraphs.first() {
            m.entry(lead.as_str()).or_default().push(a.id.as_str());
        }
        m
    });

    let mut queries: Vec<(String, String)> = Vec::new();
    let mut qrels = String::from("query_id 0 doc_id relevance\n");
    for (n, a) in articles.iter().enumerate().step_by(STRIDE) {
        let Some(lead) = a.paragraphs.first() else {
            continue;
        };
        let lead_words = words(lead);
        let Some(joined) = lead_words.iter().position(|w| w.contains(ZWNJ)) else {
            continue;
        };
        let mut others: Vec<(usize, usize)> = lead_words
            .iter()
            .enumerate()
            .filter(|&(i, w)| i != joined && !w.contains(ZWNJ))
            .filter_map(|(i, w)| {
                let d = df.get(&letters_key(w)).copied().unwrap_or(0);
                (3..=300).contains(&d).then_some((d, i))
            })
            .collect();
        others.sort();
        others.dedup_by_key(|(_, i)| letters_key(&lead_words[*i]));
        if others.len() < 2 {
            continue;
        }
        let mut chosen = [joined, others[0].1, others[1].1];
        chosen.sort();
        let query: Vec<&str> = chosen.iter().map(|&i| lead_words[i].as_str()).collect();
        let qid = format!("q{n}");
        for id in leads.get(lead.as_str()).into_iter().flatten() {
            writeln!(qrels, "{qid} 0 {id} 1").unwrap();
        }
        queries.push((qid, query.join(" ")));
    }
    std::fs::write(out.join("qrels.txt"), qrels).unwrap();
    for form in ["arabic_detached", "persian_detached", "zwnj", "glued"] {
        let mut tsv = String::from("query_id\tquery\n");
        for (qid, q) in &queries {
            let typed = forms(q).into_iter().find(|(f, _)| *f == form).unwrap().1;
            writeln!(tsv, "{qid}\t{typed}").unwrap();
        }
        std::fs::write(out.join(format!("queries_{form}.tsv")), tsv).unwrap();
    }
    eprintln!("{} queries over {} articles", queries.len(), articles.len());

    // goftar's index (searched through the CLI afterwards).
    let index_dir = out.join("goftar/index");
    let mut builder = IndexBuilder::create(&index_dir).unwrap();
    for a in &articles {
        builder
            .add(&Document {
                id: a.id.clone(),
                title: Some(a.title.clone()),
                paragraphs: Paragraph::numbered(a.paragraphs.iter().cloned()),
                ..Document::default()
            })
            .unwrap();
    }
    builder.finish().unwrap();

    // tantivy's default analyzer, same articles, title boosted like goftar's.
    let mut schema = Schema::builder();
    let id = schema.add_text_field("id", STRING | STORED);
    let title = schema.add_text_field("title", TEXT);
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer(100_000_000).unwrap();
    for a in &articles {
        writer
            .add_document(
                doc!(id => a.id.clone(), title => a.title.clone(), body => a.paragraphs.join("\n")),
            )
            .unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_field_boost(title, 2.0);
    for form in ["arabic_detached", "persian_detached", "zwnj", "glued"] {
        let mut run = String::new();
        for (qid, q) in &queries {
            let typed = forms(q).into_iter().find(|(f, _)| *f == form).unwrap().1;
            let (query, _) = parser.parse_query_lenient(&typed);
            let top = searcher
                .search(&query, &TopDocs::with_limit(RUN_DEPTH).order_by_score())
                .unwrap();
            for (rank, (score, address)) in top.into_iter().enumerate() {
                let d: TantivyDocument = searcher.doc(address).unwrap();
                let doc_id = d.get_first(id).and_then(|v| v.as_str()).unwrap_or_default();
                writeln!(
                    run,
                    "{qid} Q0 {doc_id} {} {score:.4} tantivy_default",
                    rank + 1
                )
                .unwrap();
            }
        }
        std::fs::write(out.join(format!("default_{form}.run")), run).unwrap();
    }
}

/// goftar's runs for the four forms, through the same engine as `goftar search --trec`.
#[test]
#[ignore = "needs the set written by write_eval_set_and_default_analyzer_runs"]
fn write_goftar_runs() {
    use goftar::index::{Scope, SearchRequest, Searcher};
    let out = std::env::var_os("GOFTAR_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/goftar-eval"));
    let searcher = Searcher::open(&out.join("goftar")).unwrap();
    for form in ["arabic_detached", "persian_detached", "zwnj", "glued"] {
        let queries = std::fs::read_to_string(out.join(format!("queries_{form}.tsv"))).unwrap();
        let mut run = String::new();
        for line in queries.lines().skip(1) {
            let Some((qid, text)) = line.split_once('\t') else {
                continue;
            };
            let request = SearchRequest {
                query: text.to_string(),
                scope: Scope::Articles,
                limit: RUN_DEPTH,
                ..SearchRequest::default()
            };
            for (rank, hit) in searcher.search(&request).unwrap().hits.iter().enumerate() {
                writeln!(
                    run,
                    "{qid} Q0 {} {} {:.4} goftar",
                    hit.id,
                    rank + 1,
                    hit.score
                )
                .unwrap();
            }
        }
        std::fs::write(out.join(format!("goftar_{form}.run")), run).unwrap();
    }
}
