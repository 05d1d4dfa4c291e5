//! Turning a [`ParsedQuery`] into a tantivy query for one index: every clause analyzed with the
//! same Persian analyzer as the text, BM25 over several fields with boosts, and a proximity bonus.

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::keys::exact_key;
use super::query_parse::{Clause, FieldName, Group, ParsedQuery, Role};
use super::stopwords::is_stopword;
use super::tokenizer::terms;
use crate::normalize::{Config, normalize};

/// Where free text is searched, with its boost; the first field is the main text (proximity).
#[derive(Debug, Clone)]
pub struct SearchFields {
    pub weighted: Vec<(Field, f32)>,
    pub speaker: Field,
    pub role: Option<Field>,
    pub topics: Field,
    pub source_key: Field,
    pub kind: Option<Field>,
}

/// Two query words this close (in positions) in the text earn the proximity bonus.
const PROXIMITY_SLOP: u32 = 3;
/// Weight of the proximity bonus relative to one word's score.
const PROXIMITY_BOOST: f32 = 1.0;
/// Adjacent word pairs that earn bonuses, at most (long pasted queries stay cheap).
const MAX_PAIR_BONUSES: usize = 8;
/// Share of the best field's score that the other fields add (dis-max tie breaker).
const TIE_BREAKER: f32 = 0.3;

/// The terms of query text: normalized like the indexed text (the pipeline stores normalized
/// paragraphs), then analyzed like it.
pub fn query_terms(text: &str) -> Vec<String> {
    terms(&normalize(text, &Config::default()).text)
}

/// Runs of plain words become one text, analyzed together: `می شود` and `برنامه ها` then join
/// exactly as they do in the indexed text.
fn join_plain_words(parsed: &ParsedQuery) -> ParsedQuery {
    let mut groups: Vec<Group> = Vec::with_capacity(parsed.groups.len());
    for group in &parsed.groups {
        let plain =
            |g: &Group| g.role == Role::Optional && matches!(g.alternatives[..], [Clause::Word(_)]);
        if plain(group)
            && let Some(previous) = groups.last_mut()
            && plain(previous)
            && let ([Clause::Word(before)], [Clause::Word(word)]) =
                (&mut previous.alternatives[..], &group.alternatives[..])
        {
            before.push(' ');
            before.push_str(word);
            continue;
        }
        groups.push(group.clone());
    }
    ParsedQuery { groups }
}

/// Longest compound recognized in parts (`گفت و گو`).
const MAX_COMPOUND_PARTS: usize = 3;

/// Groups analyzed query terms into concepts: runs of 2–3 terms whose glued spelling is a known
/// compound (`حجت الاسلام`, `گفت و گو`) are one concept, every other term is its own. Scoring a
/// compound as one word keeps it from counting twice against the rest of the query.
fn concepts(terms: &[String], is_compound: &dyn Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(terms.len());
    let mut i = 0;
    while i < terms.len() {
        let longest = (2..=MAX_COMPOUND_PARTS)
            .rev()
            .filter(|n| i + n <= terms.len())
            .find(|&n| is_compound(&terms[i..i + n].concat()));
        let n = longest.unwrap_or(1);
        out.push(terms[i..i + n].to_vec());
        i += n;
    }
    out
}

/// One concept over the weighted fields: a term, or a compound as its parts in a row or glued.
fn concept_query(parts: &[String], fields: &SearchFields) -> Option<Box<dyn Query>> {
    if parts.len() < 2 {
        return text_query(parts, fields);
    }
    let glued = parts.concat();
    let per_field: Vec<Box<dyn Query>> = fields
        .weighted
        .iter()
        .map(|&(field, boost)| {
            let glued_term = terms_in_field(field, std::slice::from_ref(&glued));
            // The parts anywhere in the field: reading positions for a phrase cost more than
            // it ranked better (the parts of a compound are almost always adjacent anyway).
            let in_parts = all_of(field, parts);
            let either = BooleanQuery::union(vec![in_parts, glued_term]);
            Box::new(BoostQuery::new(Box::new(either), boost)) as Box<dyn Query>
        })
        .collect();
    Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
        per_field,
        TIE_BREAKER,
    )))
}

fn all_of(field: Field, parts: &[String]) -> Box<dyn Query> {
    Box::new(BooleanQuery::intersection(
        parts
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>
            })
            .collect(),
    ))
}

/// Builds the query; an empty query matches every document. `is_compound` tells whether a glued
/// term occurs in the index (compounds written with ZWNJ are indexed glued too).
pub fn build(
    parsed: &ParsedQuery,
    fields: &SearchFields,
    is_compound: &dyn Fn(&str) -> bool,
) -> Box<dyn Query> {
    build_ranked(parsed, fields, is_compound).combined()
}

/// A query split in what decides the matches and what only adds to their scores: searching
/// `matching` and adding each `closeness` query's score to the best candidates ranks them as the
/// combined query does, without reading positions for every matching document.
pub struct RankedQuery {
    /// Decides which documents match, with their word scores.
    pub matching: Box<dyn Query>,
    /// Bonuses for query words found close together; they never change what matches.
    pub closeness: Vec<Box<dyn Query>>,
}

impl RankedQuery {
    /// The matching query with its bonuses as optional clauses (one query, exact scores).
    pub fn combined(&self) -> Box<dyn Query> {
        if self.closeness.is_empty() {
            return self.matching.box_clone();
        }
        let mut clauses = vec![(Occur::Must, self.matching.box_clone())];
        clauses.extend(
            self.closeness
                .iter()
                .map(|q| (Occur::Should, q.box_clone())),
        );
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Builds the query as a [`RankedQuery`]; see [`build`].
pub fn build_ranked(
    parsed: &ParsedQuery,
    fields: &SearchFields,
    is_compound: &dyn Fn(&str) -> bool,
) -> RankedQuery {
    let parsed = &join_plain_words(parsed);
    let keep_stopwords = parsed
        .groups
        .iter()
        .filter(|g| g.role == Role::Optional)
        .flat_map(|g| &g.alternatives)
        .all(|c| match c {
            Clause::Word(w) => query_terms(w).iter().all(|t| is_stopword(t)),
            _ => true,
        });
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Plain words: any one must match (more rank higher), even beside a required phrase or field.
    let mut words: Vec<Box<dyn Query>> = Vec::new();
    let mut free_terms: Vec<String> = Vec::new();
    for group in &parsed.groups {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for clause in &group.alternatives {
            let query = match clause {
                Clause::Word(text)
                    if group.role == Role::Optional && group.alternatives.len() == 1 =>
                {
                    // A run of free words: each concept (a term, or a compound the index knows
                    // written in parts) is one optional word.
                    for concept in concepts(&query_terms(text), is_compound) {
                        if concept.len() == 1 && !keep_stopwords && is_stopword(&concept[0]) {
                            continue;
                        }
                        if let Some(q) = concept_query(&concept, fields) {
                            words.push(q);
                        }
                        free_terms.push(concept.concat());
                    }
                    None
                }
                // An excluded or OR-ed word written as several terms must match them together.
                Clause::Word(text) | Clause::Phrase(text) => text_query(&query_terms(text), fields),
                Clause::Field(name, value) => field_query(*name, value, fields),
            };
            if let Some(query) = query {
                alternatives.push(query);
            }
        }
        let query: Box<dyn Query> = match alternatives.len() {
            0 => continue,
            1 => alternatives.remove(0),
            _ => Box::new(BooleanQuery::union(alternatives)),
        };
        match group.role {
            Role::Optional => words.push(query),
            Role::Required => clauses.push((Occur::Must, query)),
            Role::Excluded => clauses.push((Occur::MustNot, query)),
        }
    }
    match words.len() {
        0 => {}
        1 => clauses.push((Occur::Must, words.remove(0))),
        _ => clauses.push((Occur::Must, Box::new(BooleanQuery::union(words)))),
    }
    let closeness: Vec<Box<dyn Query>> = free_terms
        .windows(2)
        .take(MAX_PAIR_BONUSES)
        .filter_map(|pair| pair_bonus(&pair[0], &pair[1], fields))
        .collect();
    let has_positive = clauses.iter().any(|(o, _)| *o == Occur::Must);
    if !has_positive {
        if parsed.groups.iter().any(|g| g.role != Role::Excluded) {
            // Every word analyzed to nothing (punctuation only): nothing can match.
            return RankedQuery {
                matching: Box::new(EmptyQuery),
                closeness: Vec::new(),
            };
        }
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    RankedQuery {
        matching: Box::new(BooleanQuery::new(clauses)),
        closeness,
    }
}

/// A bonus that ranks a pair of adjacent query words higher where the text has them close together.
fn pair_bonus(first: &str, second: &str, fields: &SearchFields) -> Option<Box<dyn Query>> {
    let &(main, _) = fields.weighted.first()?;
    let positioned = vec![
        (0, Term::from_field_text(main, first)),
        (1, Term::from_field_text(main, second)),
    ];
    let proximity = PhraseQuery::new_with_offset_and_slop(positioned, PROXIMITY_SLOP);
    Some(Box::new(BoostQuery::new(
        Box::new(proximity),
        PROXIMITY_BOOST,
    )))
}

/// A word or phrase over the weighted fields: one term is a term query per field, several a phrase.
fn text_query(text_terms: &[String], fields: &SearchFields) -> Option<Box<dyn Query>> {
    if text_terms.is_empty() {
        return None;
    }
    let per_field: Vec<Box<dyn Query>> = fields
        .weighted
        .iter()
        .map(|&(field, boost)| {
            let query = terms_in_field(field, text_terms);
            Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>
        })
        .collect();
    Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
        per_field,
        TIE_BREAKER,
    )))
}

fn terms_in_field(field: Field, text_terms: &[String]) -> Box<dyn Query> {
    if let [single] = text_terms {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, single),
            IndexRecordOption::WithFreqs,
        ));
    }
    Box::new(PhraseQuery::new(
        text_terms
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect(),
    ))
}

/// Every term of `value` in `field` (any order): `speaker:روحانی` matches `حسن روحانی`.
pub fn all_terms_in(field: Field, value: &str) -> Option<Box<dyn Query>> {
    let value_terms = query_terms(value);
    if value_terms.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::intersection(
        value_terms
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect(),
    )))
}

/// An exact (folded) key: sources.
pub fn exact_in(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, &exact_key(value)),
        IndexRecordOption::Basic,
    ))
}

fn field_query(name: FieldName, value: &str, fields: &SearchFields) -> Option<Box<dyn Query>> {
    match name {
        FieldName::Speaker => all_terms_in(fields.speaker, value),
        FieldName::Role => fields.role.and_then(|f| all_terms_in(f, value)),
        FieldName::Topic => all_terms_in(fields.topics, value),
        FieldName::Source => Some(exact_in(fields.source_key, value)),
        FieldName::Kind => fields.kind.map(|f| {
            Box::new(TermQuery::new(
                Term::from_field_text(f, &value.to_lowercase()),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>
        }),
    }
    .or_else(|| Some(Box::new(EmptyQuery)))
}
