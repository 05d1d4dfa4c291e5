//! Bulk loading: `process` hands every document to [`IndexBuilder::add`]; tantivy's writer thread
//! indexes in the background within a fixed memory budget; `finish` commits and merges into one
//! segment per index, which is what makes later queries fast.
//!
//! Every document carries its input position (`seq`), which search breaks ties by; so neither the
//! segments the writer flushes nor the order tantivy merges them in shows in any result.

use crate::prehashed::PrehashedMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::merge_policy::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument};
use xxhash_rust::xxh3::xxh3_64;

use super::keys::{day_number, exact_key};
use super::schema::{
    ARTICLES_DIR, ArticleFields, CommonFields, SPEAKERS_FILE, STATEMENTS_DIR, StatementFields,
    register_analyzer,
};
use super::speakers::SpeakerList;
use crate::model::{Document, Statement};

/// Memory for the statements writer (shared by its threads); statements are most of the volume.
///
/// Smaller budgets do not make indexing cheaper (measured on 100 MB of distinct news, perf samples
/// of the indexing threads: 48/48 MiB and 24/24 MiB as many or more than 192/128 MiB) and add a
/// final merge of 2–9 segments (1–2.4 s at the end of the run).
const STATEMENTS_MEMORY: usize = 192 << 20;
/// Memory for the articles writer.
const ARTICLES_MEMORY: usize = 128 << 20;

/// Writes the indexes under `DIR/index/` while `process` runs.
pub struct IndexBuilder {
    dir: PathBuf,
    statements: IndexWriter,
    statement_fields: StatementFields,
    articles: IndexWriter,
    article_fields: ArticleFields,
    speaker_counts: HashMap<String, u64>,
    exact_keys: ExactKeys,
    /// Statements and articles added so far: the next one's input position. `add` is called in
    /// input order (the pipeline's sink is fed in order for any `--threads`), so the positions are
    /// the same from run to run.
    statements_added: u64,
    articles_added: u64,
}

/// [`exact_key`] of the names the writer sees again and again (sources, topics, speakers), each
/// analyzed once. Cleared when full, so memory stays bounded however many names a corpus has.
/// Keyed by a hash of the name (the name is kept to tell a collision), so a lookup hashes the name
/// once and compares it once.
#[derive(Default)]
struct ExactKeys(PrehashedMap<u64, (Box<str>, String)>);

impl ExactKeys {
    const CAPACITY: usize = 1 << 16;

    fn get(&mut self, name: &str) -> &str {
        let hash = xxh3_64(name.as_bytes());
        if self.0.len() >= Self::CAPACITY && !self.0.contains_key(&hash) {
            self.0.clear();
        }
        let entry = self
            .0
            .entry(hash)
            .or_insert_with(|| (name.into(), exact_key(name)));
        if *entry.0 != *name {
            // Two names with one hash: the newer one takes the slot.
            *entry = (name.into(), exact_key(name));
        }
        &entry.1
    }
}

/// Indexing threads per writer. One: every thread writes a segment of its own that `finish` must
/// merge, and `process` already keeps every core busy; with one thread each writer ends with a
/// single segment whenever its memory budget holds the run (measured on 100 MB of news: a fifth
/// less CPU in all, and a commit 3× faster).
const WRITER_THREADS: usize = 1;

/// The doc store keeps tantivy's lz4 compression: storing it raw saved ~1.5% of the run's CPU on
/// 100 MB of news and grew the index by 73% (118 → 204 MB).
fn create_index(dir: &Path, schema: tantivy::schema::Schema) -> anyhow::Result<Index> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("cannot replace the old index at {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema)?;
    register_analyzer(&index);
    Ok(index)
}

impl IndexBuilder {
    /// Creates (or replaces) the index at `dir`.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        Self::with_budgets(dir, STATEMENTS_MEMORY, ARTICLES_MEMORY)
    }

    /// [`Self::create`] with the writers' memory budgets in bytes.
    pub(super) fn with_budgets(
        dir: &Path,
        statements_memory: usize,
        articles_memory: usize,
    ) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let threads = WRITER_THREADS;
        let (schema, statement_fields) = StatementFields::schema();
        let statements = create_index(&dir.join(STATEMENTS_DIR), schema)?
            .writer_with_num_threads(threads, statements_memory)?;
        let (schema, article_fields) = ArticleFields::schema();
        let articles = create_index(&dir.join(ARTICLES_DIR), schema)?
            .writer_with_num_threads(threads, articles_memory)?;
        // Segments are merged once, by `finish`: merging on the way (tantivy's default policy)
        // would merge the same documents again and again while `process` runs.
        statements.set_merge_policy(Box::new(NoMergePolicy));
        articles.set_merge_policy(Box::new(NoMergePolicy));
        Ok(IndexBuilder {
            dir: dir.to_path_buf(),
            statements,
            statement_fields,
            articles,
            article_fields,
            speaker_counts: HashMap::new(),
            exact_keys: ExactKeys::default(),
            statements_added: 0,
            articles_added: 0,
        })
    }

    /// Adds an article and its statements.
    pub fn add(&mut self, doc: &Document) -> anyhow::Result<()> {
        for statement in &doc.statements {
            let record = self.statement_document(doc, statement, self.statements_added);
            self.statements.add_document(record)?;
            self.statements_added += 1;
            if let Some(speaker) = statement
                .speaker
                .as_deref()
                .filter(|s| !s.trim().is_empty())
            {
                // Most speakers are counted already: copy a name only the first time.
                match self.speaker_counts.get_mut(speaker) {
                    Some(count) => *count += 1,
                    None => {
                        self.speaker_counts.insert(speaker.to_string(), 1);
                    }
                }
            }
        }
        let record = self.article_document(doc, self.articles_added)?;
        self.articles.add_document(record)?;
        self.articles_added += 1;
        Ok(())
    }

    /// Commits and merges; the index is searchable afterwards.
    pub fn finish(mut self) -> anyhow::Result<()> {
        // The two indexes are independent: commit them side by side.
        let (statements, articles) = (&mut self.statements, &mut self.articles);
        std::thread::scope(|scope| {
            let statements = scope.spawn(|| commit_and_merge(statements));
            let articles = commit_and_merge(articles);
            statements
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("committing the statements panicked")))
                .and(articles)
        })?;
        self.statements.wait_merging_threads()?;
        self.articles.wait_merging_threads()?;
        let speakers = SpeakerList::from_counts(self.speaker_counts);
        let path = self.dir.join(SPEAKERS_FILE);
        speakers
            .save(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    fn statement_document(
        &mut self,
        doc: &Document,
        statement: &Statement,
        seq: u64,
    ) -> TantivyDocument {
        let f = &self.statement_fields;
        let keys = &mut self.exact_keys;
        let mut d = TantivyDocument::new();
        add_common(&mut d, &f.common, keys, doc, &statement.id, seq);
        if let Some(speaker) = statement
            .speaker
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            d.add_text(f.common.speaker, speaker);
            d.add_text(f.speaker_key, keys.get(speaker));
            d.add_text(f.common.speaker_facet, speaker);
        }
        if let Some(role) = statement.role.as_deref() {
            d.add_text(f.role, role);
        }
        d.add_text(f.cue, &statement.cue);
        d.add_text(f.kind, statement.kind.as_str());
        d.add_text(f.text, &statement.text);
        d.add_u64(f.paragraph, statement.paragraph as u64);
        d.add_f64(f.confidence, f64::from(statement.confidence));
        // Statements carry their own topics; fall back to the article's.
        let topics = if statement.topics.is_empty() {
            &doc.topics
        } else {
            &statement.topics
        };
        add_topics(&mut d, &f.common, keys, topics);
        d
    }

    fn article_document(&mut self, doc: &Document, seq: u64) -> anyhow::Result<TantivyDocument> {
        let f = &self.article_fields;
        let keys = &mut self.exact_keys;
        let mut d = TantivyDocument::new();
        add_common(&mut d, &f.common, keys, doc, &doc.id, seq);
        let body: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
        d.add_text(f.body, body.join("\n"));
        if let Some(url) = &doc.url {
            d.add_text(f.url, url);
        }
        let indexes: Vec<usize> = doc.paragraphs.iter().map(|p| p.index).collect();
        d.add_text(f.paragraph_index, serde_json::to_string(&indexes)?);
        d.add_text(f.removed, serde_json::to_string(&doc.removed)?);
        if let Some(original) = &doc.duplicate_of {
            d.add_text(f.duplicate_of, original);
        }
        let mut speakers: Vec<&str> = Vec::new();
        for statement in &doc.statements {
            if let Some(s) = statement
                .speaker
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                && !speakers.contains(&s)
            {
                speakers.push(s);
            }
        }
        for speaker in speakers {
            d.add_text(f.common.speaker, speaker);
            d.add_text(f.common.speaker_facet, speaker);
        }
        add_topics(&mut d, &f.common, keys, &doc.topics);
        Ok(d)
    }
}

#[cfg(test)]
impl IndexBuilder {
    /// Commits both indexes and merges each one's segments latest-written first, so document
    /// addresses run against input order from one segment to the next (what a hash-map ordered
    /// merge may do): tests see that no result order depends on addresses. Returns the number of
    /// segments each index had.
    pub(super) fn merge_latest_first(&mut self) -> [usize; 2] {
        [
            merge_latest_first(&mut self.statements),
            merge_latest_first(&mut self.articles),
        ]
    }
}

#[cfg(test)]
fn merge_latest_first(writer: &mut IndexWriter) -> usize {
    writer.commit().expect("commit");
    let searcher = writer.index().reader().expect("reader").searcher();
    // A segment's least input position tells when it was written.
    let mut segments: Vec<(u64, tantivy::index::SegmentId)> = searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            let positions = reader.fast_fields().u64(super::schema::SEQ_FIELD);
            let column = positions.expect("seq column");
            (column.min_value(), reader.segment_id())
        })
        .collect();
    segments.sort_unstable_by_key(|&(first, _)| std::cmp::Reverse(first));
    let ids: Vec<_> = segments.iter().map(|&(_, id)| id).collect();
    if ids.len() > 1 {
        writer.merge(&ids).wait().expect("merge");
    }
    ids.len()
}

fn add_common(
    d: &mut TantivyDocument,
    f: &CommonFields,
    keys: &mut ExactKeys,
    doc: &Document,
    id: &str,
    seq: u64,
) {
    d.add_text(f.id, id);
    d.add_u64(f.seq, seq);
    d.add_text(f.article_id, &doc.id);
    if let Some(title) = &doc.title {
        d.add_text(f.title, title);
    }
    if let Some(source) = doc.source.as_deref().filter(|s| !s.trim().is_empty()) {
        d.add_text(f.source, source);
        d.add_text(f.source_key, keys.get(source));
        d.add_text(f.source_facet, source);
    }
    if let Some(date) = &doc.date {
        d.add_text(f.date, date);
        if let Some(day) = day_number(date) {
            d.add_i64(f.day, day);
        }
    }
}

fn add_topics(d: &mut TantivyDocument, f: &CommonFields, keys: &mut ExactKeys, topics: &[String]) {
    for topic in topics.iter().filter(|t| !t.trim().is_empty()) {
        d.add_text(f.topics, topic);
        d.add_text(f.topic_key, keys.get(topic));
        d.add_text(f.topic_facet, topic.as_str());
    }
}

/// Commits, then merges the segments into one. The writer flushes a segment each time its memory
/// budget fills (several beyond ~300 MB of distinct news), and queries pay per segment: a term
/// dictionary lookup per field, scorers, collectors (the search bench's 550k statements left in 98
/// segments answered in 5.1 ms median, 1.25 ms merged). The merge order does not matter: results
/// are ordered by score, date and input position, never by address.
fn commit_and_merge(writer: &mut IndexWriter) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    writer.commit()?;
    let committed = started.elapsed();
    let segments = writer.index().searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    tracing::debug!(
        "index committed in {committed:?}, {} segments merged in {:?}",
        segments.len(),
        started.elapsed() - committed
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_keys_match_fresh_ones_and_stay_bounded() {
        let mut keys = ExactKeys::default();
        for name in ["خبرگزاري فارس", "  Fars  News ", "خبرگزاري فارس", ""]
        {
            assert_eq!(keys.get(name), exact_key(name));
        }
        assert_eq!(keys.0.len(), 3);
        for n in 0..ExactKeys::CAPACITY + 10 {
            let name = format!("موضوع {n}");
            assert_eq!(keys.get(&name), exact_key(&name));
        }
        assert!(keys.0.len() <= ExactKeys::CAPACITY);
    }
}
