//! Writing a run's results: `articles.jsonl`, `statements.jsonl`, `errors.jsonl`, `speakers.jsonl`,
//! `summary.json` and the search index, all in input order.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::corpus::RecordError;
use crate::index::IndexBuilder;
use crate::model::{Document, Removal};
use crate::pipeline::{Sink, Summary};
use crate::speakers::SpeakerTable;

/// One line of `articles.jsonl`.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'a str>,
    /// Kept, normalized paragraphs.
    pub paragraphs: Vec<&'a str>,
    /// The input index (position in the body split on `\n`) of each kept paragraph.
    pub paragraph_index: Vec<usize>,
    pub removed: &'a [Removal],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<&'a str>,
    pub topics: &'a [String],
    pub statements: usize,
    #[serde(flatten)]
    pub extra: &'a Map<String, Value>,
}

impl<'a> ArticleRecord<'a> {
    pub fn new(doc: &'a Document) -> Self {
        ArticleRecord {
            id: &doc.id,
            title: doc.title.as_deref(),
            date: doc.date.as_deref(),
            source: doc.source.as_deref(),
            url: doc.url.as_deref(),
            category: doc.category.as_deref(),
            paragraphs: doc.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            paragraph_index: doc.paragraphs.iter().map(|p| p.index).collect(),
            removed: &doc.removed,
            duplicate_of: doc.duplicate_of.as_deref(),
            topics: &doc.topics,
            statements: doc.statements.len(),
            extra: &doc.extra,
        }
    }
}

/// The files of an output directory.
pub struct OutputDir {
    dir: PathBuf,
    articles: BufWriter<File>,
    statements: BufWriter<File>,
    errors: BufWriter<File>,
    index: Option<IndexBuilder>,
    on_progress: Option<Box<dyn FnMut(u64) + Send>>,
}

fn create(dir: &Path, name: &str) -> anyhow::Result<BufWriter<File>> {
    let path = dir.join(name);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

impl OutputDir {
    /// Creates `dir` and its files; `index` also builds the search index under `dir/index/`.
    pub fn create(dir: &Path, index: bool) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
        let index =
            if index {
                let index_dir = dir.join("index");
                Some(IndexBuilder::create(&index_dir).with_context(|| {
                    format!("cannot create the index at {}", index_dir.display())
                })?)
            } else {
                None
            };
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            articles: create(dir, "articles.jsonl")?,
            statements: create(dir, "statements.jsonl")?,
            errors: create(dir, "errors.jsonl")?,
            index,
            on_progress: None,
        })
    }

    /// Calls `f` with the input bytes each batch covered.
    pub fn on_progress(&mut self, f: impl FnMut(u64) + Send + 'static) {
        self.on_progress = Some(Box::new(f));
    }

    /// Flushes every file, writes `speakers.jsonl` and `summary.json`, and commits the index.
    pub fn finish(mut self, speakers: &SpeakerTable, summary: &Summary) -> anyhow::Result<()> {
        for (name, w) in [
            ("articles.jsonl", &mut self.articles),
            ("statements.jsonl", &mut self.statements),
            ("errors.jsonl", &mut self.errors),
        ] {
            w.flush()
                .with_context(|| format!("cannot write {}", self.dir.join(name).display()))?;
        }
        let mut w = create(&self.dir, "speakers.jsonl")?;
        speakers.write_jsonl(&mut w)?;
        w.flush()?;
        let mut w = create(&self.dir, "summary.json")?;
        serde_json::to_writer_pretty(&mut w, summary)?;
        w.write_all(b"\n")?;
        w.flush()?;
        if let Some(index) = self.index.take() {
            index.finish().context("cannot commit the search index")?;
        }
        Ok(())
    }
}

fn write_line<T: Serialize>(w: &mut BufWriter<File>, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    w.write_all(b"\n")?;
    Ok(())
}

impl Sink for OutputDir {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        write_line(&mut self.articles, &ArticleRecord::new(doc))
            .context("cannot write articles.jsonl")?;
        for statement in &doc.statements {
            write_line(&mut self.statements, statement).context("cannot write statements.jsonl")?;
        }
        if let Some(index) = &mut self.index {
            index.add(doc)?;
        }
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> anyhow::Result<()> {
        write_line(&mut self.errors, error).context("cannot write errors.jsonl")
    }

    fn progress(&mut self, input_bytes: u64) {
        if let Some(f) = &mut self.on_progress {
            f(input_bytes);
        }
    }
}
