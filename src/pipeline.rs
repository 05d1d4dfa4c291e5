//! The flow of one run: read → (parallel) normalize + fingerprint → (in order) de-duplicate →
//! (parallel) speakers + topics → (in order) sinks. The only module that knows every stage.
//!
//! Batches are cut by record count and bytes only, never by thread count, and every decision that
//! depends on earlier articles runs sequentially in input order: the output is byte-identical for
//! any `--threads`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{RawRecord, RecordError};
use crate::model::{Article, Document, Paragraph};
use crate::{dedup, normalize, speakers, topics};

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    pub normalize: normalize::Config,
    pub dedup: dedup::Config,
    /// Records per batch: bounds memory together with `batch_bytes`.
    pub batch_records: usize,
    pub batch_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            normalize: normalize::Config::default(),
            dedup: dedup::Config::default(),
            batch_records: 1024,
            batch_bytes: 16 << 20,
        }
    }
}

/// Where processed documents and rejected records go, in input order.
pub trait Sink {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()>;
    fn error(&mut self, error: &RecordError) -> anyhow::Result<()>;
    /// Called once per batch with the bytes of input it covered (for progress reports).
    fn progress(&mut self, _input_bytes: u64) {}
}

/// Collects everything in memory: for library users and tests.
#[derive(Debug, Default)]
pub struct VecSink {
    pub documents: Vec<Document>,
    pub errors: Vec<RecordError>,
}

impl Sink for VecSink {
    fn document(&mut self, doc: &Document) -> anyhow::Result<()> {
        self.documents.push(doc.clone());
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> anyhow::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }
}

/// Counts of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub records: u64,
    pub articles: u64,
    pub rejected: u64,
    pub syndicated_copies: u64,
    pub paragraphs: u64,
    pub paragraphs_kept: u64,
    pub removed: BTreeMap<&'static str, u64>,
    pub statements: u64,
    pub input_bytes: u64,
    #[serde(serialize_with = "as_secs")]
    pub wall_time: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

impl Summary {
    pub fn mb_per_second(&self) -> f64 {
        let secs = self.wall_time.as_secs_f64().max(1e-9);
        self.input_bytes as f64 / 1e6 / secs
    }
}

/// The whole job. Holds the corpus-wide state (de-duplication fingerprints, topic statistics,
/// the speaker table), so one `Pipeline` is one run.
pub struct Pipeline {
    options: Options,
    deduper: dedup::Deduper,
    topics: topics::TopicModel,
    speakers: speakers::SpeakerTable,
    summary: Summary,
}

impl Pipeline {
    pub fn new(options: Options) -> Self {
        let deduper = dedup::Deduper::new(options.dedup.clone());
        Pipeline {
            options,
            deduper,
            topics: topics::TopicModel::new(),
            speakers: speakers::SpeakerTable::new(),
            summary: Summary::default(),
        }
    }

    /// A first, cheaper pass over re-readable input: learns the page furniture of each source (short
    /// lines printed under many of its articles) so the main pass removes it from the first article
    /// on. Records that fail to parse are skipped here; the main pass reports them.
    pub fn learn_records<I>(&mut self, records: I)
    where
        I: IntoIterator<Item = RawRecord>,
    {
        let started = Instant::now();
        let mut learner = dedup::FurnitureLearner::new();
        let config = &self.options.normalize;
        for batch in batches(
            records.into_iter(),
            self.options.batch_records,
            self.options.batch_bytes,
        ) {
            let docs: Vec<Option<Document>> = batch
                .par_iter()
                .map(|r| r.parse().ok().map(|article| prepare(article, config)))
                .collect();
            for doc in docs.iter().flatten() {
                learner.observe(doc);
            }
        }
        self.deduper = dedup::Deduper::with_furniture(self.options.dedup.clone(), learner.finish());
        self.summary.wall_time += started.elapsed();
    }

    /// Runs raw records (from [`crate::corpus::RecordReader`]) through every stage into `sink`.
    /// Parallelism comes from the current rayon pool.
    pub fn run_records<I, S>(&mut self, records: I, sink: &mut S) -> anyhow::Result<()>
    where
        I: IntoIterator<Item = RawRecord>,
        S: Sink + ?Sized,
    {
        let started = Instant::now();
        for batch in batches(
            records.into_iter(),
            self.options.batch_records,
            self.options.batch_bytes,
        ) {
            let bytes: usize = batch.iter().map(RawRecord::len).sum();
            let parsed: Vec<Result<Article, RecordError>> =
                batch.par_iter().map(RawRecord::parse).collect();
            drop(batch);
            self.run_batch(parsed, sink)?;
            sink.progress(bytes as u64);
            self.summary.input_bytes += bytes as u64;
        }
        self.summary.wall_time += started.elapsed();
        Ok(())
    }

    /// Runs articles already in memory through every stage into `sink`.
    pub fn run_articles<S: Sink + ?Sized>(
        &mut self,
        articles: Vec<Article>,
        sink: &mut S,
    ) -> anyhow::Result<()> {
        let started = Instant::now();
        let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
        let mut articles = articles.into_iter().map(Ok).peekable();
        while articles.peek().is_some() {
            let batch: Vec<_> = articles.by_ref().take(self.options.batch_records).collect();
            self.run_batch(batch, sink)?;
        }
        self.summary.input_bytes += bytes as u64;
        self.summary.wall_time += started.elapsed();
        Ok(())
    }

    fn run_batch<S: Sink + ?Sized>(
        &mut self,
        batch: Vec<Result<Article, RecordError>>,
        sink: &mut S,
    ) -> anyhow::Result<()> {
        let config = &self.options.normalize;
        let prepared: Vec<Result<(Document, dedup::Fingerprints), RecordError>> = batch
            .into_par_iter()
            .map(|record| {
                record.map(|article| {
                    let doc = prepare(article, config);
                    let fingerprints = dedup::fingerprint(&doc);
                    (doc, fingerprints)
                })
            })
            .collect();

        let mut docs = Vec::with_capacity(prepared.len());
        let mut order = Vec::with_capacity(prepared.len());
        for item in prepared {
            self.summary.records += 1;
            match item {
                Ok((mut doc, fingerprints)) => {
                    self.summary.paragraphs += (doc.paragraphs.len()) as u64;
                    self.deduper.decide(&mut doc, &fingerprints);
                    order.push(Ok(docs.len()));
                    docs.push(doc);
                }
                Err(error) => order.push(Err(error)),
            }
        }

        let topic_model = &self.topics;
        docs.par_iter_mut().for_each(|doc| {
            doc.statements = speakers::extract(doc);
            speakers::quote_statements(doc, config);
            doc.body = String::new();
            doc.topics = topic_model.article_topics(doc);
            let statement_topics: Vec<Vec<String>> = doc
                .statements
                .iter()
                .map(|s| topic_model.statement_topics(doc, s))
                .collect();
            for (statement, topics) in doc.statements.iter_mut().zip(statement_topics) {
                statement.topics = topics;
            }
        });

        for item in order {
            match item {
                Ok(i) => {
                    let doc = &docs[i];
                    self.topics.observe(doc);
                    self.speakers.add(doc);
                    self.count(doc);
                    sink.document(doc)?;
                }
                Err(error) => {
                    self.summary.rejected += 1;
                    tracing::warn!("skipped record: {error}");
                    sink.error(&error)?;
                }
            }
        }
        Ok(())
    }

    fn count(&mut self, doc: &Document) {
        let s = &mut self.summary;
        s.articles += 1;
        s.syndicated_copies += u64::from(doc.duplicate_of.is_some());
        s.paragraphs_kept += doc.paragraphs.len() as u64;
        s.statements += doc.statements.len() as u64;
        for removal in &doc.removed {
            *s.removed.entry(removal.reason.as_str()).or_default() += 1;
        }
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The corpus speaker table built so far.
    pub fn speakers(&self) -> &speakers::SpeakerTable {
        &self.speakers
    }
}

/// Normalizes an article's title and paragraphs into a [`Document`]. Blank paragraphs are dropped;
/// each kept one remembers its input index.
pub fn prepare(article: Article, config: &normalize::Config) -> Document {
    let input_bytes = article.body.len();
    let paragraphs = article
        .body
        .split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .filter_map(|(index, line)| {
            let text = normalize::normalize(line, config).text;
            let text = text.trim();
            (!text.is_empty()).then(|| Paragraph {
                index,
                text: text.to_string(),
            })
        })
        .collect();
    let title = article
        .title
        .map(|t| normalize::normalize(&t, config).text.trim().to_string())
        .filter(|t| !t.is_empty());
    Document {
        id: article.id,
        title,
        date: article.date,
        source: article.source,
        url: article.url,
        category: article.category,
        extra: article.extra,
        input_bytes,
        paragraphs,
        body: article.body,
        ..Document::default()
    }
}

/// Cuts records into batches by count and bytes: never by thread count, so results do not depend on it.
fn batches<I: Iterator<Item = RawRecord>>(
    records: I,
    max_records: usize,
    max_bytes: usize,
) -> impl Iterator<Item = Vec<RawRecord>> {
    let mut records = records.peekable();
    std::iter::from_fn(move || {
        records.peek()?;
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        while batch.len() < max_records && bytes < max_bytes {
            let Some(record) = records.next() else { break };
            bytes += record.len();
            batch.push(record);
        }
        Some(batch)
    })
}
