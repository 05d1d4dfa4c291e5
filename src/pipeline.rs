//! The flow of one run: read → (parallel) normalize + fingerprint → (in order) de-duplicate →
//! (parallel) speakers + topics → (in order) sinks. The only module that knows every stage.
//!
//! Batches are cut by record count and bytes only, never by thread count, and every decision that
//! depends on earlier articles runs sequentially in input order: the output is byte-identical for
//! any `--threads`.
//!
//! The batches flow through a pipeline so no core waits on the in-order parts: a reader thread
//! cuts batch N+2 while batch N+1 is normalized and fingerprinted alongside the de-duplication and
//! analysis of batch N, and a writer thread serializes and indexes batch N−1. Each distinct input
//! line is normalized and fingerprinted once ([`lines`]), so repeated lines cost a hash lookup.

mod lines;
mod long_lines;

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, sync_channel};
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
    /// Memory for normalized and fingerprinted lines kept to skip repeats (0 turns it off).
    pub line_memo_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            normalize: normalize::Config::default(),
            dedup: dedup::Config::default(),
            batch_records: 1024,
            batch_bytes: 16 << 20,
            line_memo_bytes: 64 << 20,
        }
    }
}

/// Where processed documents and rejected records go, in input order. [`Pipeline::run_records`]
/// feeds it from a writer thread of its own while the next batches are processed.
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
    /// Paragraphs de-duplication forgot to stay within its memory cap (their later copies were
    /// kept); 0 when every paragraph was compared with every earlier one.
    pub dedup_forgotten: u64,
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
    memo: lines::LineMemo,
    summary: Summary,
    clock: StageClock,
}

/// Busy time of each phase of a run (logged at debug level; phases overlap, so the sum exceeds
/// the wall time): shows what bounds throughput.
#[derive(Debug, Default, Clone)]
struct StageClock {
    learn: Duration,
    wait_for_input: Duration,
    prepare: Duration,
    decide: Duration,
    analyse: Duration,
    record: Duration,
    wait_for_writer: Duration,
}

fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    *slot += started.elapsed();
    value
}

/// Documents of one batch (or why a record was rejected), in input order, on their way to a sink.
type Outcome = Vec<Result<Document, RecordError>>;

/// A batch for the writer thread: its outcomes and the input bytes it covered.
struct Written {
    outcomes: Outcome,
    input_bytes: u64,
}

impl Pipeline {
    pub fn new(options: Options) -> Self {
        let deduper = dedup::Deduper::new(options.dedup.clone());
        let memo = lines::LineMemo::new(options.line_memo_bytes);
        Pipeline {
            options,
            deduper,
            topics: topics::TopicModel::new(),
            speakers: speakers::SpeakerTable::new(),
            memo,
            summary: Summary::default(),
            clock: StageClock::default(),
        }
    }

    /// A first, cheaper pass over re-readable input: learns the page furniture of each source (short
    /// lines printed under many of its articles) so the main pass removes it from the first article
    /// on. Records that fail to parse are skipped here; the main pass reports them. The lines it
    /// normalizes stay in the line memo (within its budget) for the main pass.
    pub fn learn_records<I>(&mut self, records: I)
    where
        I: IntoIterator<Item = RawRecord>,
        I::IntoIter: Send,
    {
        let started = Instant::now();
        let mut learner = dedup::FurnitureLearner::new();
        let (max_records, max_bytes) = (self.options.batch_records, self.options.batch_bytes);
        let config = &self.options.normalize;
        let memo = &mut self.memo;
        std::thread::scope(|scope| {
            let input = read_ahead(scope, records.into_iter(), max_records, max_bytes);
            for batch in input {
                let parsed = batch.par_iter().map(RawRecord::parse).collect();
                drop(batch);
                for doc in lines::prepare_for_learning(parsed, memo, config) {
                    learner.observe(&doc);
                }
            }
        });
        self.deduper = dedup::Deduper::with_furniture(self.options.dedup.clone(), learner.finish());
        self.summary.wall_time += started.elapsed();
        self.clock.learn += started.elapsed();
    }

    /// Runs raw records (from [`crate::corpus::RecordReader`]) through every stage into `sink`.
    /// Parallelism comes from the current rayon pool; reading and the sink get a thread each.
    pub fn run_records<I, S>(&mut self, records: I, sink: &mut S) -> anyhow::Result<()>
    where
        I: IntoIterator<Item = RawRecord>,
        I::IntoIter: Send,
        S: Sink + Send + ?Sized,
    {
        let started = Instant::now();
        let (max_records, max_bytes) = (self.options.batch_records, self.options.batch_bytes);
        let result = std::thread::scope(|scope| {
            let mut input = read_ahead(scope, records.into_iter(), max_records, max_bytes);
            // One batch waits while the writer works on another: memory stays bounded.
            let (to_writer, from_pipeline) = sync_channel::<Written>(1);
            let writer = scope.spawn(move || write_batches(from_pipeline, sink));

            let mut pending: Option<(lines::PreparedBatch, u64)> = None;
            loop {
                let next = timed(&mut self.clock.wait_for_input, || input.next());
                if next.is_none() && pending.is_none() {
                    break;
                }
                let Pipeline {
                    options,
                    deduper,
                    topics,
                    memo,
                    clock,
                    ..
                } = self;
                let (mut prepare_time, mut decide_time, mut analyse_time) = Default::default();
                // Batch N+1 is normalized while batch N is de-duplicated and analysed.
                let (prepared, analysed) = rayon::join(
                    || {
                        next.map(|batch| {
                            timed(&mut prepare_time, || {
                                let bytes: usize = batch.iter().map(RawRecord::len).sum();
                                let parsed = batch.par_iter().map(RawRecord::parse).collect();
                                drop(batch);
                                let prepared =
                                    lines::prepare_batch(parsed, memo, &options.normalize);
                                (prepared, bytes as u64)
                            })
                        })
                    },
                    || {
                        pending.take().map(|(prepared, bytes)| {
                            let (mut outcome, sources, paragraphs) =
                                timed(&mut decide_time, || decide(deduper, prepared));
                            timed(&mut analyse_time, || {
                                analyse(topics, &options.normalize, &mut outcome, sources)
                            });
                            (outcome, paragraphs, bytes)
                        })
                    },
                );
                clock.prepare += prepare_time;
                clock.decide += decide_time;
                clock.analyse += analyse_time;
                pending = prepared;
                if let Some((outcome, paragraphs, input_bytes)) = analysed {
                    let started = Instant::now();
                    self.record(&outcome, paragraphs, input_bytes);
                    self.clock.record += started.elapsed();
                    let written = Written {
                        outcomes: outcome,
                        input_bytes,
                    };
                    let sent = timed(&mut self.clock.wait_for_writer, || to_writer.send(written));
                    if sent.is_err() {
                        // The writer stopped on an error: it is reported below.
                        break;
                    }
                }
            }
            drop(to_writer);
            drop(input);
            timed(&mut self.clock.wait_for_writer, || writer.join())
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the output writer thread panicked")))
        });
        self.summary.wall_time += started.elapsed();
        let (lines, bytes) = self.memo.size();
        tracing::debug!(
            "stage busy times: {:?}; line memo: {lines} lines, ~{} MB",
            self.clock,
            bytes >> 20
        );
        result
    }

    /// Runs articles already in memory through every stage into `sink`, on the current thread
    /// (and the rayon pool).
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
            let prepared = lines::prepare_batch(batch, &mut self.memo, &self.options.normalize);
            let (mut outcome, sources, paragraphs) = decide(&mut self.deduper, prepared);
            analyse(&self.topics, &self.options.normalize, &mut outcome, sources);
            self.record(&outcome, paragraphs, 0);
            write_outcome(sink, &outcome)?;
        }
        self.summary.input_bytes += bytes as u64;
        self.summary.wall_time += started.elapsed();
        Ok(())
    }

    /// The in-order bookkeeping after analysis: topic statistics and the speaker table learn from
    /// the batch (so the next batch is analysed with them), and the counts are kept.
    fn record(&mut self, outcome: &Outcome, paragraphs: u64, input_bytes: u64) {
        self.summary.dedup_forgotten = self.deduper.forgotten_paragraphs();
        self.summary.paragraphs += paragraphs;
        self.summary.input_bytes += input_bytes;
        for item in outcome {
            self.summary.records += 1;
            match item {
                Ok(doc) => {
                    self.topics.observe(doc);
                    self.speakers.add(doc);
                    self.count(doc);
                }
                Err(error) => {
                    self.summary.rejected += 1;
                    tracing::warn!("skipped record: {error}");
                }
            }
        }
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

/// De-duplicates a prepared batch in input order; also returns each document's source maps (for
/// [`analyse`]) and how many paragraphs the batch had before.
fn decide(
    deduper: &mut dedup::Deduper,
    prepared: lines::PreparedBatch,
) -> (Outcome, Vec<lines::SourceMaps>, u64) {
    let mut paragraphs = 0u64;
    let mut sources = Vec::with_capacity(prepared.len());
    let outcome = prepared
        .into_iter()
        .map(|item| match item {
            Ok(lines::Prepared {
                mut doc,
                prints,
                sources: maps,
            }) => {
                paragraphs += doc.paragraphs.len() as u64;
                deduper.decide(&mut doc, &prints);
                sources.push(maps);
                Ok(doc)
            }
            Err(error) => {
                sources.push(lines::SourceMaps::default());
                Err(error)
            }
        })
        .collect();
    (outcome, sources, paragraphs)
}

/// Finds statements and topics in parallel, with the topic statistics of the batches before.
/// Statements quote the input body (through each line's source map, `sources` in step with
/// `outcome`), which is then let go.
fn analyse(
    topic_model: &topics::TopicModel,
    config: &normalize::Config,
    outcome: &mut Outcome,
    sources: Vec<lines::SourceMaps>,
) {
    outcome
        .par_iter_mut()
        .zip(sources)
        .filter_map(|(item, sources)| Some((item.as_mut().ok()?, sources)))
        .for_each(|(doc, sources)| {
            doc.statements = speakers::extract(doc);
            speakers::quote_statements_mapped(doc, config, |line| sources.get(line));
            doc.body = String::new();
            let (article_topics, statement_topics) = topic_model.document_topics(doc);
            doc.topics = article_topics;
            for (statement, topics) in doc.statements.iter_mut().zip(statement_topics) {
                statement.topics = topics;
            }
        });
}

/// Hands a batch to the sink in input order.
fn write_outcome<S: Sink + ?Sized>(sink: &mut S, outcome: &Outcome) -> anyhow::Result<()> {
    for item in outcome {
        match item {
            Ok(doc) => sink.document(doc)?,
            Err(error) => sink.error(error)?,
        }
    }
    Ok(())
}

/// The writer thread: every batch to the sink, in order, until the pipeline hangs up.
fn write_batches<S: Sink + ?Sized>(batches: Receiver<Written>, sink: &mut S) -> anyhow::Result<()> {
    for batch in batches {
        write_outcome(sink, &batch.outcomes)?;
        sink.progress(batch.input_bytes);
    }
    Ok(())
}

/// Cuts records into batches on a thread of its own, one batch ahead of the pipeline.
fn read_ahead<'scope, I>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    records: I,
    max_records: usize,
    max_bytes: usize,
) -> impl Iterator<Item = Vec<RawRecord>> + 'scope
where
    I: Iterator<Item = RawRecord> + Send + 'scope,
{
    let (to_pipeline, from_reader) = sync_channel(1);
    scope.spawn(move || {
        for batch in batches(records, max_records, max_bytes) {
            if to_pipeline.send(batch).is_err() {
                // The pipeline stopped early (the sink failed): nothing more to read.
                return;
            }
        }
    });
    from_reader.into_iter()
}

/// Normalizes an article's title and paragraphs into a [`Document`]. Blank paragraphs are dropped;
/// each kept one remembers its input index.
pub fn prepare(article: Article, config: &normalize::Config) -> Document {
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
        .as_deref()
        .map(|t| normalize::normalize(t, config).text.trim().to_string())
        .filter(|t| !t.is_empty());
    Document::from_article(article, title, paragraphs)
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
