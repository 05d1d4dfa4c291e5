//! Stage 4: ranked topics (keyphrases) per article and per statement.
//!
//! Candidates are word n-grams (1–4) between stopwords, verbs, numbers and punctuation
//! ([`candidates`]); they are ranked by frequency, position, title presence and rarity
//! ([`score`]), where rarity comes from an embedded background table of news document frequencies
//! ([`table`], built by [`build_background`]) plus the run's own counts ([`running`]), and on how
//! often news editors tagged the phrase in a training split of tagged news ([`keyphrases`]). A
//! one-word name is shown in the full form news mostly writes it in ([`completion`]).

mod boilerplate;
mod build;
mod candidates;
mod completion;
mod features;
mod fold;
mod hashing;
mod keyphrases;
mod phrases;
mod running;
mod score;
mod spacing;
mod table;
mod tag_forms;
mod tokens;
mod tsv;
mod untagged;
mod word_memo;

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Mutex;

use hashing::FxHashMap;

use crate::model::{Document, Statement};
use candidates::Collector;
use features::Frequencies;
pub use features::NAMES as FEATURE_NAMES;
use running::RunningCounts;
use score::Weights;
use table::Background;

/// Topics returned per article (when the article has that many candidates).
pub const ARTICLE_TOPICS: usize = 10;
/// Topics returned per statement.
pub const STATEMENT_TOPICS: usize = 3;

/// Background document frequencies (embedded) plus the run's own running counts.
#[derive(Debug)]
pub struct TopicModel {
    background: &'static Background,
    running: RunningCounts,
    weights: Weights,
    /// Phrase hashes of articles ranked but not yet observed, by document fingerprint: `observe`
    /// (sequential, on the pipeline's main thread) then counts them without collecting the
    /// article again.
    pending: Mutex<FxHashMap<u64, Vec<u64>>>,
}

/// Articles whose phrases wait for `observe` at most (a batch's worth); beyond, the oldest
/// information is dropped and `observe` collects again.
const PENDING_LIMIT: usize = 2048;

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("entries", &self.entries())
            .field("docs", &self.docs())
            .finish()
    }
}

impl Default for TopicModel {
    fn default() -> Self {
        Self::new()
    }
}

/// Background and run frequencies seen as one corpus.
struct Combined<'a> {
    background: &'a Background,
    running: &'a RunningCounts,
}

impl Frequencies for Combined<'_> {
    fn lookup(&self, key: &str) -> (table::Entry, f64, f64) {
        self.lookup_hashed(key, running::key_hash(key))
    }

    /// Both tables are keyed by the same xxh3 hash.
    #[inline]
    fn lookup_hashed(&self, _key: &str, hash: u64) -> (table::Entry, f64, f64) {
        let entry = self.background.entry_hashed(hash);
        let df = f64::from(entry.df) + f64::from(self.running.df_hashed(hash));
        let docs = f64::from(self.background.docs()) + self.running.docs() as f64;
        (entry, df, docs)
    }
}

impl TopicModel {
    /// A model over the embedded background table, with empty run counts.
    pub fn new() -> Self {
        TopicModel {
            background: Background::embedded(),
            running: RunningCounts::default(),
            weights: weights_from_env(),
            pending: Mutex::default(),
        }
    }

    /// A model with explicit ranking weights.
    pub fn with_weights(weights: Weights) -> Self {
        TopicModel {
            weights,
            ..TopicModel::new()
        }
    }

    fn frequencies(&self) -> Combined<'_> {
        Combined {
            background: self.background,
            running: &self.running,
        }
    }

    fn collect(&self, doc: &Document, keep_surfaces: bool) -> Collector {
        let bytes = doc.title.as_ref().map_or(0, String::len)
            + doc.paragraphs.iter().map(|p| p.text.len()).sum::<usize>();
        let mut collector = Collector::for_text_bytes(keep_surfaces, bytes);
        if let Some(title) = &doc.title {
            collector.add(title, 0, true, self.background);
        }
        for (i, paragraph) in doc.paragraphs.iter().enumerate() {
            let segment = i as u32 + 1;
            // A ranked article's statements are ranked from their paragraphs' runs.
            if keep_surfaces
                && doc
                    .statements
                    .iter()
                    .any(|s| s.paragraph == paragraph.index)
            {
                collector.add_keeping_runs(&paragraph.text, segment, false, self.background);
            } else {
                collector.add(&paragraph.text, segment, false, self.background);
            }
        }
        collector
    }

    /// Keys of the speakers named in the document's statements.
    fn speaker_keys(&self, doc: &Document) -> Vec<String> {
        doc.statements
            .iter()
            .filter_map(|s| s.speaker.as_deref())
            .map(|name| {
                name.split_whitespace()
                    .map(fold::fold)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Adds a processed document to the run's statistics. Called in input order after each batch, so
    /// results do not depend on the thread count.
    pub fn observe(&mut self, doc: &Document) {
        let fingerprint = document_fingerprint(doc);
        let pending = self
            .pending
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&fingerprint);
        match pending {
            Some(hashes) => self.running.add_hashed_document(hashes),
            None => {
                let collector = self.collect(doc, false);
                self.running
                    .add_hashed_document(collector.candidates.hashes());
            }
        }
    }

    /// Keeps the phrase hashes of a ranked article for `observe`.
    fn remember(&self, fingerprint: u64, collector: &Collector) {
        let hashes = collector.candidates.hashes().collect();
        let mut pending = self
            .pending
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if pending.len() >= PENDING_LIMIT {
            pending.clear();
        }
        pending.insert(fingerprint, hashes);
    }

    /// At least 10 ranked topics (fewer only when the article has fewer candidates), best first.
    pub fn article_topics(&self, doc: &Document) -> Vec<String> {
        let collector = self.article_candidates(doc);
        self.topics_of_article(doc, &collector, &self.speaker_keys(doc))
    }

    /// [`Self::article_topics`] and [`Self::statements_topics`] of one document in one call: its
    /// candidates are collected once and its speakers' keys found once.
    /// The statements then take the features of the phrase alone from the article's ranking
    /// (see [`features::Inherited`]) instead of working them out again.
    pub fn document_topics(&self, doc: &Document) -> (Vec<String>, Vec<Vec<String>>) {
        let collector = self.article_candidates(doc);
        let speakers = self.speaker_keys(doc);
        let (article, ranking) = self.ranked_article(doc, &collector, &speakers);
        if doc.statements.is_empty() {
            return (article, Vec::new());
        }
        let mut row_of_slot = vec![features::NO_ROW; collector.candidates.len()];
        for (i, row) in ranking.rows.iter().enumerate() {
            if let Some(slot) = row_of_slot.get_mut(row.slot as usize) {
                *slot = i as u32;
            }
        }
        let from_article = ArticleRows {
            rows: &ranking.rows,
            row_of_slot: &row_of_slot,
        };
        let statements = doc
            .statements
            .iter()
            .map(|s| self.ranked_statement(doc, &collector, &speakers, s, Some(&from_article)))
            .collect();
        (article, statements)
    }

    fn topics_of_article(
        &self,
        doc: &Document,
        collector: &Collector,
        speakers: &[String],
    ) -> Vec<String> {
        self.ranked_article(doc, collector, speakers).0
    }

    /// The article's topics, and the ranking they were taken from.
    fn ranked_article<'c>(
        &self,
        doc: &Document,
        collector: &'c Collector,
        speakers: &[String],
    ) -> (Vec<String>, score::Ranking<'c>) {
        let segments = segment_texts(doc);
        let ranking = self.rank(collector, speakers, ARTICLE_TOPICS, score::Extent::Head);
        let shown = shown_topics(
            &ranking.scored,
            &segments,
            self.background,
            ARTICLE_TOPICS,
            doc,
        );
        (shown, ranking)
    }

    /// Every candidate of the article, ranked, with its score and features (for inspection and
    /// for fitting the ranking weights).
    pub fn explain(&self, doc: &Document) -> Vec<ExplainedTopic> {
        let collector = self.article_candidates(doc);
        let segments = segment_texts(doc);
        let speakers = self.speaker_keys(doc);
        let ranking = self.rank(&collector, &speakers, ARTICLE_TOPICS, score::Extent::All);
        ranking
            .scored
            .iter()
            .map(|s| ExplainedTopic {
                text: s.surface.map(|r| r.text(&segments)).unwrap_or_default(),
                key: s.key.to_string(),
                score: s.score,
                features: ranking.rows[s.row].features.to_vec(),
            })
            .collect()
    }

    fn rank<'c>(
        &self,
        collector: &'c Collector,
        speakers: &[String],
        distinct: usize,
        extent: score::Extent,
    ) -> score::Ranking<'c> {
        self.warm_lookups(collector, None);
        score::rank(
            collector,
            &self.frequencies(),
            self.background,
            &self.weights,
            speakers,
            distinct,
            extent,
        )
    }

    /// Reads the background and run-count slots of the phrases the ranking looks up, in one
    /// tight loop: the tables are far bigger than the CPU cache, and misses taken together
    /// overlap, where inside the feature computation they were waited for one at a time. Reads
    /// only; the ranking then finds the slots in the cache.
    /// Phrases with an `inherited` row are not looked up, so not read.
    fn warm_lookups(&self, collector: &Collector, inherited: Option<features::Inherited<'_, '_>>) {
        let mut touched = 0u64;
        for (slot, (_, hash, candidate)) in collector.candidates.iter_hashed().enumerate() {
            if !features::is_stray(candidate) && !inherited.is_some_and(|i| i.may_have_row(slot)) {
                touched ^= self.background.entry_hashed(hash).pack()
                    ^ u64::from(self.running.df_hashed(hash));
            }
        }
        std::hint::black_box(touched);
    }

    /// Ranks a statement's phrases: with three places, phrases sharing any word are kept apart.
    fn rank_statement<'c>(
        &self,
        collector: &'c Collector,
        speakers: &[String],
        inherited: Option<features::Inherited<'_, '_>>,
    ) -> score::Ranking<'c> {
        self.warm_lookups(collector, inherited);
        score::rank_apart(
            collector,
            &self.frequencies(),
            self.background,
            &self.weights,
            speakers,
            STATEMENT_TOPICS,
            score::SHARES_A_WORD,
            score::Extent::Head,
            inherited,
        )
    }

    /// The article's candidates. The pipeline asks for an article's topics and then for each of
    /// its statements' on the same thread, so the last article's candidates are kept per thread
    /// (keyed by a hash of its text) instead of being collected again for every statement.
    fn article_candidates(&self, doc: &Document) -> Rc<Collector> {
        thread_local! {
            static LAST: RefCell<Option<(u64, Rc<Collector>)>> = const { RefCell::new(None) };
        }
        let fingerprint = document_fingerprint(doc);
        if let Some(hit) = LAST.with_borrow(|last| {
            last.as_ref()
                .filter(|(f, _)| *f == fingerprint)
                .map(|(_, c)| Rc::clone(c))
        }) {
            return hit;
        }
        let collector = Rc::new(self.collect(doc, true));
        self.remember(fingerprint, &collector);
        LAST.set(Some((fingerprint, Rc::clone(&collector))));
        collector
    }

    /// The top 3 topics of one statement, in the context of its article: the statement's own
    /// phrases, carrying their article-wide frequency, title and lead presence.
    pub fn statement_topics(&self, doc: &Document, statement: &Statement) -> Vec<String> {
        let article = self.article_candidates(doc);
        self.topics_of_statement(doc, &article, &self.speaker_keys(doc), statement)
    }

    /// [`Self::statement_topics`] of each of the document's statements, in order: the article's
    /// candidates and speakers are found once for all of them.
    pub fn statements_topics(&self, doc: &Document) -> Vec<Vec<String>> {
        if doc.statements.is_empty() {
            return Vec::new();
        }
        let article = self.article_candidates(doc);
        let speakers = self.speaker_keys(doc);
        doc.statements
            .iter()
            .map(|s| self.topics_of_statement(doc, &article, &speakers, s))
            .collect()
    }

    fn topics_of_statement(
        &self,
        doc: &Document,
        article: &Collector,
        speakers: &[String],
        statement: &Statement,
    ) -> Vec<String> {
        self.ranked_statement(doc, article, speakers, statement, None)
    }

    /// [`Self::topics_of_statement`], taking the features of the phrase alone from the
    /// article's rows when given them.
    fn ranked_statement(
        &self,
        doc: &Document,
        article: &Collector,
        speakers: &[String],
        statement: &Statement,
        article_rows: Option<&ArticleRows<'_, '_>>,
    ) -> Vec<String> {
        let mut own = Collector::for_text_bytes(true, statement.text.len());
        let taken_from_article = statement_paragraph(doc, statement).is_some_and(|(i, text)| {
            own.add_slice(
                article,
                i as u32 + 1,
                text,
                statement.start..statement.end,
                1,
            )
        });
        if !taken_from_article {
            own.add(&statement.text, 1, false, self.background);
        }
        // By slot of the statement's phrases: the article's row of the same phrase.
        let mut row_of_slot = Vec::with_capacity(if article_rows.is_some() {
            own.candidates.len()
        } else {
            0
        });
        for (hash, candidate) in own.candidates.iter_hashed_mut() {
            let in_article = article.candidates.position_hashed(hash);
            if let Some(in_article) = in_article.and_then(|i| article.candidates.get_at(i)) {
                candidate.in_title = in_article.in_title;
                candidate.first_segment = in_article.first_segment;
                candidate.count += in_article.count;
            }
            if let Some(rows) = article_rows {
                row_of_slot.push(in_article.map_or(features::NO_ROW, |i| {
                    rows.row_of_slot.get(i).copied().unwrap_or(features::NO_ROW)
                }));
            }
        }
        let inherited = article_rows.map(|rows| features::Inherited {
            rows: rows.rows,
            row_of_slot: &row_of_slot,
        });
        let segments = ["", statement.text.as_str()];
        let ranking = self.rank_statement(&own, speakers, inherited);
        shown_topics(
            &ranking.scored,
            &segments,
            self.background,
            STATEMENT_TOPICS,
            doc,
        )
    }
}

/// An article's ranked rows, by the slot of each phrase in its collector (see
/// [`features::Inherited`]).
struct ArticleRows<'a, 'r> {
    rows: &'a [features::Row<'r>],
    row_of_slot: &'a [u32],
}

/// The first `wanted` ranked phrases as shown: their written form, a one-word name completed to
/// the full name news writes it in (see [`completion`]), a two-word name written as one word
/// spaced for editors who write so, then in the longer form the editors of `doc`'s source tag it
/// in (see [`spacing`] and [`tag_forms`]), no phrase twice.
fn shown_topics(
    ranked: &[score::Scored<'_>],
    segments: &[&str],
    background: &Background,
    wanted: usize,
    doc: &Document,
) -> Vec<String> {
    let completions = background.completions();
    let tag_forms = tag_forms::TagForms::embedded();
    let mut shown: Vec<String> = Vec::with_capacity(wanted);
    let mut keys: Vec<String> = Vec::with_capacity(wanted);
    let source = doc.source.as_deref().unwrap_or("");
    let untagged = untagged::SourcePhrases::untagged().of_source(source);
    let often_tagged = untagged::SourcePhrases::often_tagged().of_source(source);
    // Phrases the source's editors do not tag, shown only when nothing else is left.
    let (mut deferred, mut deferred_keys): (Vec<String>, Vec<String>) = Default::default();
    // The shown phrases' word keys, for the editors' habit tables (empty when the source has none).
    let mut text_keys: Vec<String> = Vec::with_capacity(wanted);
    let needs_key = tag_forms.has_source(source) || untagged.is_some() || often_tagged.is_some();
    for scored in ranked {
        if shown.len() == wanted {
            break;
        }
        let Some(text) = scored.surface.map(|r| r.text(segments)) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let (text, key) = match completions.complete(scored.key, &text) {
            Some((full_text, full_key)) => (full_text, full_key.to_string()),
            None => (text, scored.key.to_string()),
        };
        let text = if tag_forms.writes_spaced(source) {
            background.spacings().respace(&text).unwrap_or(text)
        } else {
            text
        };
        // A tag form already shown (`جم` and `پارس جنوبی` both stand for `پارس جنوبی جم`)
        // leaves the phrase as the text writes it.
        // The shown text's word key, computed once for the tag forms and the habit tables.
        let text_key = if needs_key {
            tag_forms::word_key(&text)
        } else {
            String::new()
        };
        let (text, key, text_key) = match tag_forms.tag_of_key(source, &text_key) {
            Some(tag) => {
                let tag_key = tag_forms::word_key(tag);
                if keys.contains(&tag_key) {
                    (text, key, text_key)
                } else {
                    (tag.to_string(), tag_key.clone(), tag_key)
                }
            }
            None => (text, key, text_key),
        };
        if keys.contains(&key) {
            continue;
        }
        if untagged.is_some_and(|u| u.contains(&text_key)) {
            if !deferred_keys.contains(&key) {
                deferred_keys.push(key);
                deferred.push(text);
            }
            continue;
        }
        keys.push(key);
        shown.push(text);
        text_keys.push(text_key);
    }
    let room = wanted - shown.len();
    shown.extend(deferred.into_iter().take(room));
    // What the source's editors usually tag leads; each group keeps its rank order.
    let Some(often_tagged) = often_tagged else {
        return shown;
    };
    let leads = |i: usize| text_keys.get(i).is_some_and(|k| often_tagged.contains(k));
    let mut order: Vec<usize> = (0..shown.len()).collect();
    order.sort_by_key(|&i| !leads(i));
    let mut slots: Vec<Option<String>> = shown.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The position in `doc.paragraphs` and the text of the paragraph `statement` is a slice of
/// (`None` when its text is not that slice).
fn statement_paragraph<'d>(doc: &'d Document, statement: &Statement) -> Option<(usize, &'d str)> {
    let (i, paragraph) = doc
        .paragraphs
        .iter()
        .enumerate()
        .find(|(_, p)| p.index == statement.paragraph)?;
    let text = paragraph.text.as_str();
    (text.get(statement.start..statement.end) == Some(statement.text.as_str())).then_some((i, text))
}

/// The document's texts by segment number: 0 the title (empty when none), then the paragraphs.
fn segment_texts(doc: &Document) -> Vec<&str> {
    std::iter::once(doc.title.as_deref().unwrap_or(""))
        .chain(doc.paragraphs.iter().map(|p| p.text.as_str()))
        .collect()
}

/// A hash of everything candidates are collected from.
fn document_fingerprint(doc: &Document) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(doc.id.as_bytes());
    for text in segment_texts(doc) {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.digest()
}

/// Ranking weights; `GOFTAR_TOPIC_WEIGHTS` (comma-separated, in [`FEATURE_NAMES`] order) overrides
/// them for tuning experiments.
fn weights_from_env() -> Weights {
    if let Ok(spec) = std::env::var("GOFTAR_TOPIC_WEIGHTS") {
        let v: Vec<f64> = spec
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        if let Ok(w) = Weights::try_from(v.as_slice()) {
            return w;
        }
    }
    score::DEFAULT_WEIGHTS
}

/// One ranked candidate with the evidence behind its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedTopic {
    /// The phrase as written.
    pub text: String,
    /// Its merge key (folded words, plural and ezafe dropped).
    pub key: String,
    pub score: f64,
    /// Feature values in [`FEATURE_NAMES`] order.
    pub features: Vec<f64>,
}

/// Builds the embedded background document-frequency table from `../shared/data` into `out_dir`.
pub fn build_background(shared_data: &Path, out_dir: &Path) -> anyhow::Result<()> {
    build::build(shared_data, out_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn doc() -> Document {
        Document {
            id: "a".into(),
            title: Some("مدیریت شهری در قم".into()),
            paragraphs: vec![Paragraph {
                index: 0,
                text: "شهردار قم از برنامه‌های محله‌محور گفت.".into(),
            }],
            ..Document::default()
        }
    }

    #[test]
    fn observing_a_ranked_article_counts_what_a_fresh_collection_counts() {
        let mut ranked_first = TopicModel::new();
        let _ = ranked_first.article_topics(&doc());
        ranked_first.observe(&doc());
        let mut observed_only = TopicModel::new();
        observed_only.observe(&doc());
        for key in ["مدیریت شهری", "قم", "محلهمحور", "شهردار قم"] {
            assert_eq!(
                ranked_first.running.df(key),
                observed_only.running.df(key),
                "{key}"
            );
            assert_eq!(ranked_first.running.df(key), 1, "{key}");
        }
        assert_eq!(ranked_first.running.docs(), 1);
        assert!(
            ranked_first
                .pending
                .lock()
                .map(|p| p.is_empty())
                .unwrap_or(false)
        );
    }

    #[test]
    fn statements_together_get_the_topics_each_gets_alone() {
        let mut article = doc();
        article.paragraphs.push(Paragraph {
            index: 1,
            text: "وزیر کشور گفت مدیریت شهری در قم و تهران تغییر می‌کند.".into(),
        });
        let statement = |text: &str, speaker: Option<&str>| Statement {
            id: String::new(),
            article_id: "a".into(),
            paragraph: 0,
            speaker: speaker.map(String::from),
            role: None,
            cue: "گفت".into(),
            kind: crate::model::StatementKind::Indirect,
            quote: text.into(),
            text: text.into(),
            start: 0,
            end: text.len(),
            confidence: 1.0,
            topics: Vec::new(),
        };
        article.statements = vec![
            statement("مدیریت شهری در قم و تهران تغییر می‌کند", Some("وزیر کشور")),
            statement("شهردار قم از برنامه‌های محله‌محور گفت", None),
        ];
        let model = TopicModel::new();
        let alone: Vec<Vec<String>> = article
            .statements
            .iter()
            .map(|s| model.statement_topics(&article, s))
            .collect();
        assert!(alone.iter().all(|t| !t.is_empty()), "{alone:?}");
        assert_eq!(model.statements_topics(&article), alone);
        let fresh = TopicModel::new();
        assert_eq!(
            fresh.document_topics(&article),
            (fresh.article_topics(&article), alone)
        );
        assert!(TopicModel::new().statements_topics(&doc()).is_empty());
    }

    #[test]
    fn a_statement_ranks_alike_from_its_paragraphs_runs_or_collected_alone() {
        let mut article = doc();
        let paragraph = "وزیر کشور گفت مدیریت شهری در قم و تهران و برنامه‌های محله‌محور تغییر می‌کند.";
        article.paragraphs.push(Paragraph {
            index: 3,
            text: paragraph.into(),
        });
        let text = "مدیریت شهری در قم و تهران و برنامه‌های محله‌محور تغییر می‌کند";
        let start = paragraph.find(text).unwrap_or_default();
        let statement = Statement {
            id: String::new(),
            article_id: "a".into(),
            paragraph: 3,
            speaker: Some("وزیر کشور".into()),
            role: None,
            cue: "گفت".into(),
            kind: crate::model::StatementKind::Indirect,
            quote: text.into(),
            text: text.into(),
            start,
            end: start + text.len(),
            confidence: 1.0,
            topics: Vec::new(),
        };
        assert_eq!(
            statement_paragraph(&article, &statement),
            Some((1, paragraph))
        );
        // Offsets that do not give its text: the statement is collected alone.
        let misplaced = Statement {
            start: start + 1,
            end: start + 1 + text.len(),
            ..statement.clone()
        };
        assert_eq!(statement_paragraph(&article, &misplaced), None);
        article.statements = vec![statement, misplaced];
        let topics = TopicModel::new().statements_topics(&article);
        assert!(!topics[0].is_empty(), "{topics:?}");
        assert_eq!(topics[0], topics[1]);
    }

    #[test]
    fn a_surname_is_shown_as_the_full_name_once() {
        let doc = Document {
            id: "m".into(),
            title: Some("مسی در بارسلونا ماند".into()),
            paragraphs: vec![Paragraph {
                index: 0,
                text:
                    "مسی گفت در بارسلونا می‌ماند. لیونل مسی قراردادش را تمدید کرد و مسی خوشحال است."
                        .into(),
            }],
            ..Document::default()
        };
        let topics = TopicModel::new().article_topics(&doc);
        assert!(topics.iter().any(|t| t == "لیونل مسی"), "{topics:?}");
        assert!(!topics.iter().any(|t| t == "مسی"), "{topics:?}");
        assert_eq!(
            topics.iter().filter(|t| t.as_str() == "لیونل مسی").count(),
            1,
            "{topics:?}"
        );
    }
}
