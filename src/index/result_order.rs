//! The order of search results, total so that every run and every page agrees.
//!
//! Results are ranked by score (relevance) or by day (date sort); ties follow each document's input
//! position, the `seq` column the writer fills. Tantivy itself breaks ties by document address, and
//! addresses depend on how the writer cut the index into segments and on the order tantivy merged
//! them in (its segment list is a hash map): the same corpus could list a tie run differently from
//! one `process` run to the next. Input positions are unique within an index, so with them no two
//! results compare equal and page 2 starts exactly where page 1 ended.

use std::cmp::Ordering;

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, TopDocs};
use tantivy::{DocAddress, Order, Score};

use super::schema::{DAY_FIELD, SEQ_FIELD};

/// A document's input position as the `seq` column gives it; `None` only for a document written
/// without one, which then goes after every positioned one.
type Seq = Option<u64>;

fn by_input_order() -> (SortByStaticFastValue<u64>, Order) {
    (SortByStaticFastValue::for_field(SEQ_FIELD), Order::Asc)
}

/// The `limit` newest matches after skipping `offset`: latest day first, undated last, one day's
/// documents in input order.
pub(super) fn newest_first(
    limit: usize,
    offset: usize,
) -> impl Collector<Fruit = Vec<((Option<i64>, Seq), DocAddress)>> {
    let by_day = (
        SortByStaticFastValue::<i64>::for_field(DAY_FIELD),
        Order::Desc,
    );
    TopDocs::with_limit(limit)
        .and_offset(offset)
        .order_by((by_day, by_input_order()))
}

/// The `limit` best-scored matches, equal scores in input order: the candidates [`Candidate`]
/// ranks, cut by the same order so which documents make the cut does not depend on addresses.
pub(super) fn best_scored(limit: usize) -> impl Collector<Fruit = Vec<((Score, Seq), DocAddress)>> {
    TopDocs::with_limit(limit).order_by((SortBySimilarityScore, by_input_order()))
}

/// The first `limit` matches in input order, for lookups whose matches all score alike (an id, an
/// article's statements).
pub(super) fn first_in_input_order(limit: usize) -> impl Collector<Fruit = Vec<(Seq, DocAddress)>> {
    TopDocs::with_limit(limit).order_by(by_input_order())
}

/// A match ranked by relevance: its score (closeness bonuses included), input position and address.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Candidate {
    pub score: Score,
    pub seq: Seq,
    pub address: DocAddress,
}

impl Candidate {
    /// Builds a candidate from what [`best_scored`] collects.
    pub fn new(((score, seq), address): ((Score, Seq), DocAddress)) -> Self {
        Candidate {
            score,
            seq,
            address,
        }
    }

    /// Relevance order: higher score first, then earlier input (unpositioned last).
    pub fn rank(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| input_order(self.seq, other.seq))
    }
}

/// Earlier input first; a document without a position after every positioned one, as the
/// collectors above place it.
fn input_order(a: Seq, b: Seq) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(score: Score, seq: Seq, doc_id: u32) -> Candidate {
        Candidate {
            score,
            seq,
            address: DocAddress::new(0, doc_id),
        }
    }

    #[test]
    fn relevance_ranks_by_score_then_input_position_never_by_address() {
        let mut candidates = [
            candidate(1.0, Some(7), 0),
            candidate(2.0, Some(9), 1),
            candidate(1.0, Some(3), 2),
            candidate(1.0, None, 3),
            candidate(2.0, Some(4), 4),
        ];
        candidates.sort_by(Candidate::rank);
        let seqs: Vec<Seq> = candidates.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [Some(4), Some(9), Some(3), Some(7), None]);
    }

    #[test]
    fn unpositioned_documents_go_last() {
        assert_eq!(input_order(Some(5), None), Ordering::Less);
        assert_eq!(input_order(None, Some(5)), Ordering::Greater);
        assert_eq!(input_order(None, None), Ordering::Equal);
        assert_eq!(input_order(Some(2), Some(5)), Ordering::Less);
    }
}
