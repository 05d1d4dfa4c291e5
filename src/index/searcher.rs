//! The opened index: searches with filters, sorting, facets and snippets, and lookups by id.
//! One [`Searcher`] is shared by every thread; each call takes a cheap snapshot of the index.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use tantivy::collector::Count;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, ReloadPolicy, TERMINATED, TantivyDocument, Term,
};

use super::facets::{FieldFacets, FlatFacetCollector, load_field};
use super::keys::day_number;
use super::query_build::{SearchFields, all_terms_in, build_ranked, exact_in};
use super::query_parse::parse;
use super::result_order::{
    Candidate, OrderColumns, best_scored, first_in_input_order, newest_first,
};
use super::schema::{
    ARTICLES_DIR, ArticleFields, CommonFields, SPEAKERS_FILE, STATEMENTS_DIR, StatementFields,
    register_analyzer,
};
use super::snippet::{self, render};
use super::speakers::SpeakerList;
use super::{
    ArticleView, Facets, Hit, Scope, SearchError, SearchRequest, SearchResponse, SortOrder,
};
use crate::model::Removal;

/// Largest page a request may ask for.
pub const MAX_LIMIT: usize = 1_000;
/// Deepest offset a request may ask for (deep paging costs memory per request).
pub const MAX_OFFSET: usize = 100_000;
/// Values listed per facet.
pub const FACET_VALUES: usize = 20;
/// A glued pair of query words is treated as a compound when this many documents write it so.
const MIN_COMPOUND_DOCS: u64 = 2;
/// Statements listed with an article, at most.
const MAX_ARTICLE_STATEMENTS: usize = 2_000;
/// Best word-score candidates that get the closeness bonus; the page is ranked among them. Reading
/// positions for every match made frequent pairs (`تیم ملی`, ~40k matches) ten times slower.
const RESCORED_CANDIDATES: usize = 200;

struct Opened {
    index: Index,
    reader: IndexReader,
    speaker_facets: FieldFacets,
    topic_facets: FieldFacets,
    source_facets: FieldFacets,
    order_columns: OrderColumns,
}

fn open_index(dir: &Path) -> anyhow::Result<Opened> {
    let index = Index::open_in_dir(dir)
        .with_context(|| format!("cannot open the index {}", dir.display()))?;
    register_analyzer(&index);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    // The index never changes once written, so the facet tables and the order columns stay valid
    // for the reader's life.
    let searcher = reader.searcher();
    Ok(Opened {
        speaker_facets: load_field(&searcher, "speaker_facet")?,
        topic_facets: load_field(&searcher, "topic_facet")?,
        source_facets: load_field(&searcher, "source_facet")?,
        order_columns: OrderColumns::load(&searcher)?,
        index,
        reader,
    })
}

/// An opened index, shared by `goftar search` and the server.
pub struct Searcher {
    dir: PathBuf,
    statements: Opened,
    statement_fields: StatementFields,
    articles: Opened,
    article_fields: ArticleFields,
    speakers: SpeakerList,
}

/// What a search computes besides the page of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Count speakers, topics and sources over all matching documents.
    pub facets: bool,
    /// Highlight the query's terms in each hit's snippet.
    pub snippets: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            facets: true,
            snippets: true,
        }
    }
}

/// The index folder inside `dir`: `dir` itself or `dir/index`.
fn locate(dir: &Path) -> anyhow::Result<PathBuf> {
    for candidate in [dir.to_path_buf(), dir.join("index")] {
        if candidate.join(STATEMENTS_DIR).join("meta.json").is_file()
            && candidate.join(ARTICLES_DIR).join("meta.json").is_file()
        {
            return Ok(candidate);
        }
    }
    anyhow::bail!(
        "no goftar index at {} (expected the output folder of `goftar process` or its index/ folder)",
        dir.display()
    )
}

impl Searcher {
    /// Opens `dir`: a `process` output directory or its `index/` folder.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let dir = locate(dir)?;
        let statements = open_index(&dir.join(STATEMENTS_DIR))?;
        let statement_fields = StatementFields::from_schema(&statements.index.schema())?;
        let articles = open_index(&dir.join(ARTICLES_DIR))?;
        let article_fields = ArticleFields::from_schema(&articles.index.schema())?;
        let speakers = SpeakerList::load(&dir.join(SPEAKERS_FILE))?;
        Ok(Searcher {
            dir,
            statements,
            statement_fields,
            articles,
            article_fields,
            speakers,
        })
    }

    /// The index folder that was opened.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of statements and articles indexed.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.statements.reader.searcher().num_docs(),
            self.articles.reader.searcher().num_docs(),
        )
    }

    /// Runs one search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        self.search_with(request, SearchOptions::default())
    }

    /// Runs one search, leaving out the facets or the highlighted snippets when the caller does
    /// not show them (a next page, a batch run); without snippets, `snippet` is the text's head.
    pub fn search_with(
        &self,
        request: &SearchRequest,
        options: SearchOptions,
    ) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        if request.limit > MAX_LIMIT {
            return Err(SearchError::BadParameter(format!(
                "limit must be at most {MAX_LIMIT}"
            )));
        }
        if request.offset > MAX_OFFSET {
            return Err(SearchError::BadParameter(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        let from = parse_day("from", request.from.as_deref())?;
        let to = parse_day("to", request.to.as_deref())?;
        let parsed = parse(&request.query)?;
        let (opened, common, fields, main_field) = match request.scope {
            Scope::Statements => {
                let f = &self.statement_fields;
                (
                    &self.statements,
                    &f.common,
                    self.statement_search_fields(),
                    f.text,
                )
            }
            Scope::Articles => {
                let f = &self.article_fields;
                (
                    &self.articles,
                    &f.common,
                    self.article_search_fields(),
                    f.body,
                )
            }
        };
        let searcher = opened.reader.searcher();
        let is_compound = |glued: &str| {
            // Known when the main text field holds it (ZWNJ compounds are indexed glued too).
            searcher
                .doc_freq(&Term::from_field_text(main_field, glued))
                .is_ok_and(|df| df >= MIN_COMPOUND_DOCS)
        };
        let ranked = build_ranked(&parsed, &fields, &is_compound);
        let text_query = ranked.combined();
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(speaker) = non_blank(&request.speaker) {
            filters.push(all_terms_in(common.speaker, speaker).unwrap_or_else(nothing));
        }
        if let Some(role) = non_blank(&request.role) {
            let query = match request.scope {
                Scope::Statements => all_terms_in(self.statement_fields.role, role),
                Scope::Articles => None,
            };
            filters.push(query.unwrap_or_else(nothing));
        }
        if let Some(topic) = non_blank(&request.topic) {
            filters.push(exact_in(common.topic_key, topic));
        }
        if let Some(source) = non_blank(&request.source) {
            filters.push(exact_in(common.source_key, source));
        }
        if from.is_some() || to.is_some() {
            let bound = |day: Option<i64>| match day {
                Some(d) => Bound::Included(Term::from_field_i64(common.day, d)),
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(bound(from), bound(to))));
        }
        let query: Box<dyn Query> = if filters.is_empty() {
            ranked.matching.box_clone()
        } else {
            let mut clauses = vec![(Occur::Must, ranked.matching.box_clone())];
            clauses.extend(filters.into_iter().map(|f| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(f, 0.0)) as Box<dyn Query>,
                )
            }));
            Box::new(BooleanQuery::new(clauses))
        };

        let facets = options.facets.then(|| {
            (
                FlatFacetCollector::new(&opened.speaker_facets, FACET_VALUES),
                FlatFacetCollector::new(&opened.topic_facets, FACET_VALUES),
                FlatFacetCollector::new(&opened.source_facets, FACET_VALUES),
            )
        });
        let sort_by_date = request.sort == SortOrder::Date || parsed.groups.is_empty();
        let (scored, total, facet_counts): (Vec<(f32, DocAddress)>, usize, _) = if sort_by_date {
            // tantivy wants a page of at least one; a zero limit still counts and facets.
            let collector =
                newest_first(&opened.order_columns, request.limit.max(1), request.offset);
            let (top, total, facet_counts) = searcher
                .search(&*query, &(collector, Count, facets))
                .map_err(index_error)?;
            (
                top.into_iter().map(|(_, a)| (0.0, a)).collect(),
                total,
                facet_counts,
            )
        } else {
            let wanted = request.offset + request.limit.max(1);
            let pool = if ranked.closeness.is_empty() {
                wanted
            } else {
                wanted.max(RESCORED_CANDIDATES)
            };
            let (candidates, total, facet_counts) = searcher
                .search(
                    &*query,
                    &(best_scored(&opened.order_columns, pool), Count, facets),
                )
                .map_err(index_error)?;
            let mut candidates: Vec<Candidate> =
                candidates.into_iter().map(Candidate::new).collect();
            Self::add_closeness(&searcher, &ranked.closeness, &mut candidates)
                .map_err(index_error)?;
            candidates.sort_by(Candidate::rank);
            let page: Vec<(f32, DocAddress)> = candidates
                .into_iter()
                .skip(request.offset)
                .take(request.limit.max(1))
                .map(|c| (c.score, c.address))
                .collect();
            (page, total, facet_counts)
        };
        let scored = if request.limit == 0 {
            Vec::new()
        } else {
            scored
        };

        let generator = if options.snippets {
            Some(snippet::generator(&searcher, &*text_query, main_field).map_err(index_error)?)
        } else {
            None
        };
        let mut hits = Vec::with_capacity(scored.len());
        for (score, address) in scored {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
            let mut hit = match request.scope {
                Scope::Statements => self.statement_hit(&doc),
                Scope::Articles => self.article_hit(&doc),
            };
            hit.score = score;
            let snippet = render(generator.as_ref(), &hit.text);
            hit.snippet = snippet.plain;
            hit.snippet_html = snippet.html;
            hits.push(hit);
        }
        let (speakers, topics, sources) = facet_counts.unwrap_or_default();
        Ok(SearchResponse {
            total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets: Facets {
                speakers,
                topics,
                sources,
            },
        })
    }

    /// Adds the closeness bonuses' scores to the candidates (as optional clauses of the query would).
    fn add_closeness(
        searcher: &tantivy::Searcher,
        closeness: &[Box<dyn Query>],
        candidates: &mut [Candidate],
    ) -> tantivy::Result<()> {
        if closeness.is_empty() || candidates.is_empty() {
            return Ok(());
        }
        // Scorers only move forward: visit the candidates segment by segment, in document order.
        candidates.sort_by_key(|c| c.address);
        for bonus in closeness {
            let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
            let mut start = 0;
            while start < candidates.len() {
                let segment_ord = candidates[start].address.segment_ord;
                let end = start
                    + candidates[start..]
                        .iter()
                        .take_while(|c| c.address.segment_ord == segment_ord)
                        .count();
                let reader = searcher.segment_reader(segment_ord);
                let mut scorer = weight.scorer(reader, 1.0)?;
                for candidate in &mut candidates[start..end] {
                    let doc_id = candidate.address.doc_id;
                    let mut doc = scorer.doc();
                    if doc != TERMINATED && doc < doc_id {
                        doc = scorer.seek(doc_id);
                    }
                    if doc == doc_id {
                        candidate.score += scorer.score();
                    }
                }
                start = end;
            }
        }
        Ok(())
    }

    /// One statement by id, with its full text (the snippet is the text's beginning).
    pub fn statement(&self, id: &str) -> Result<Option<Hit>, SearchError> {
        let f = &self.statement_fields;
        let Some(doc) = find_by_id(&self.statements, f.common.id, id)? else {
            return Ok(None);
        };
        let mut hit = self.statement_hit(&doc);
        let snippet = render(None, &hit.text);
        hit.snippet = snippet.plain;
        hit.snippet_html = snippet.html;
        Ok(Some(hit))
    }

    /// One article by id, with its kept and removed paragraphs and its statements in order.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>, SearchError> {
        let f = &self.article_fields;
        let Some(doc) = find_by_id(&self.articles, f.common.id, id)? else {
            return Ok(None);
        };
        let body = first_str(&doc, f.body).unwrap_or_default();
        let paragraphs: Vec<String> = if body.is_empty() {
            Vec::new()
        } else {
            body.split('\n').map(str::to_string).collect()
        };
        let paragraph_index: Vec<usize> = first_str(&doc, f.paragraph_index)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_else(|| (0..paragraphs.len()).collect());
        let removed: Vec<Removal> = first_str(&doc, f.removed)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let statements = self.statements_of(id)?;
        Ok(Some(ArticleView {
            id: first_str(&doc, f.common.id).unwrap_or_default(),
            title: first_str(&doc, f.common.title),
            date: first_str(&doc, f.common.date),
            source: first_str(&doc, f.common.source),
            url: first_str(&doc, f.url),
            duplicate_of: first_str(&doc, f.duplicate_of),
            paragraphs,
            paragraph_index,
            removed,
            topics: all_str(&doc, f.common.topics),
            statements,
        }))
    }

    /// Speakers whose name or a word of it starts with `prefix`, most quoted first.
    pub fn speakers(&self, prefix: &str, limit: usize) -> Vec<(String, u64)> {
        self.speakers.matching(prefix, limit)
    }

    /// The article's statements in reading order: the writer adds them in that order, one after
    /// another, so input order is reading order.
    fn statements_of(&self, article_id: &str) -> Result<Vec<Hit>, SearchError> {
        let f = &self.statement_fields;
        let searcher = self.statements.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(f.common.article_id, article_id),
            IndexRecordOption::Basic,
        );
        let found = searcher
            .search(
                &query,
                &first_in_input_order(&self.statements.order_columns, MAX_ARTICLE_STATEMENTS),
            )
            .map_err(index_error)?;
        let mut hits = Vec::with_capacity(found.len());
        for (_, address) in found {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
            let mut hit = self.statement_hit(&doc);
            let snippet = render(None, &hit.text);
            hit.snippet = snippet.plain;
            hit.snippet_html = snippet.html;
            hits.push(hit);
        }
        Ok(hits)
    }

    fn statement_search_fields(&self) -> SearchFields {
        self.statement_fields.search_fields()
    }

    fn article_search_fields(&self) -> SearchFields {
        self.article_fields.search_fields()
    }

    fn statement_hit(&self, doc: &TantivyDocument) -> Hit {
        let f = &self.statement_fields;
        let mut hit = common_hit(doc, &f.common);
        hit.speaker = first_str(doc, f.common.speaker);
        hit.role = first_str(doc, f.role);
        hit.cue = first_str(doc, f.cue);
        hit.kind = first_str(doc, f.kind);
        hit.text = first_str(doc, f.text).unwrap_or_default();
        hit
    }

    fn article_hit(&self, doc: &TantivyDocument) -> Hit {
        let f = &self.article_fields;
        let mut hit = common_hit(doc, &f.common);
        hit.text = first_str(doc, f.body).unwrap_or_default();
        hit
    }
}

fn common_hit(doc: &TantivyDocument, f: &CommonFields) -> Hit {
    Hit {
        id: first_str(doc, f.id).unwrap_or_default(),
        article_id: first_str(doc, f.article_id).unwrap_or_default(),
        title: first_str(doc, f.title),
        date: first_str(doc, f.date),
        source: first_str(doc, f.source),
        topics: all_str(doc, f.topics),
        ..Hit::default()
    }
}

fn first_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

fn all_str(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The document with this id; the first in input order when the input repeated an id.
fn find_by_id(
    opened: &Opened,
    field: Field,
    id: &str,
) -> Result<Option<TantivyDocument>, SearchError> {
    let searcher = opened.reader.searcher();
    let query = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
    let top = searcher
        .search(&query, &first_in_input_order(&opened.order_columns, 1))
        .map_err(index_error)?;
    match top.first() {
        Some(&(_, address)) => Ok(Some(searcher.doc(address).map_err(index_error)?)),
        None => Ok(None),
    }
}

fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn nothing() -> Box<dyn Query> {
    Box::new(tantivy::query::EmptyQuery)
}

/// Parses a `from`/`to` parameter (ISO, or Jalali `1403/02/12`).
fn parse_day(name: &str, value: Option<&str>) -> Result<Option<i64>, SearchError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => day_number(text).map(Some).ok_or_else(|| {
            SearchError::BadParameter(format!(
                "`{name}` is not a date: {text:?} (use YYYY-MM-DD or a Jalali date like 1403/02/12)"
            ))
        }),
    }
}

fn index_error(e: tantivy::TantivyError) -> SearchError {
    SearchError::Index(anyhow::Error::new(e))
}
