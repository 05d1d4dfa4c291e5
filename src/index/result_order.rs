//! The order of search results, total so that every run and every page agrees.
//!
//! Results are ranked by score (relevance) or by day (date sort); ties follow each document's input
//! position, the `seq` column the writer fills. Tantivy itself breaks ties by document address, and
//! addresses depend on how the writer cut the index into segments and on the order tantivy merged
//! them in (its segment list is a hash map): the same corpus could list a tie run differently from
//! one `process` run to the next. Input positions are unique within an index, so with them no two
//! results compare equal and page 2 starts exactly where page 1 ended.
//!
//! The rank and the position are packed into one integer ([`RankKey`]): the collector then
//! compares one number per match, and reads a position only for matches that reach the current
//! cut. Tantivy's tuple sort keys (score, then the `seq` column) did the same job with ~27% more
//! instructions per query (callgrind, the search bench's 24 queries on 550k statements). The
//! columns are opened once, with the index ([`OrderColumns`]).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::sort_key::{Comparator, NaturalComparator};
use tantivy::collector::{
    Collector, SegmentSortKeyComputer, SortKeyComputer, TopDocs, TopNComputer,
};
use tantivy::columnar::{Column, ColumnValues};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::schema::{DAY_FIELD, SEQ_FIELD};

/// The position of a document written without one: after every positioned document.
const UNPOSITIONED: u64 = u64::MAX;

/// A rank (higher first) and an input position (lower first) in one integer, so the natural
/// order of keys is the result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RankKey(u128);

impl RankKey {
    fn new(rank: u64, seq: u64) -> Self {
        RankKey((u128::from(rank) << 64) | u128::from(u64::MAX - seq))
    }

    fn rank(self) -> u64 {
        (self.0 >> 64) as u64
    }

    /// The document's input position.
    pub fn seq(self) -> u64 {
        u64::MAX - self.0 as u64
    }

    /// The score a relevance key was made from.
    pub fn score(self) -> Score {
        score_of_rank(self.rank())
    }
}

/// A score as an integer of the same order (`f32::total_cmp`): the sign bit flipped for positive
/// scores, every bit for negative ones (without a branch: this runs for every match).
#[inline]
fn score_rank(score: Score) -> u64 {
    let bits = score.to_bits();
    let flip = (((bits as i32) >> 31) as u32) | 1 << 31;
    u64::from(bits ^ flip)
}

fn score_of_rank(rank: u64) -> Score {
    let ordered = rank as u32;
    let bits = if ordered >> 31 == 1 {
        ordered & !(1 << 31)
    } else {
        !ordered
    };
    Score::from_bits(bits)
}

/// A day (`yyyymmdd`) as a rank: later days higher, undated lowest.
fn day_rank(day: Option<i64>) -> u64 {
    // Flipping the sign bit keeps the order of i64s, and the +1 leaves 0 to undated documents
    // (only i64::MAX and the day before share a rank, far from any real date).
    day.map_or(0, |day| ((day as u64) ^ 1 << 63).saturating_add(1))
}

/// One segment's columns results are ordered by.
#[derive(Clone)]
struct SegmentColumns {
    /// Input positions; `None` when no document of the segment has one.
    seq: Option<Arc<dyn ColumnValues<u64>>>,
    /// Days; `None` when no document of the segment is dated.
    day: Option<Column<i64>>,
}

impl SegmentColumns {
    fn load(reader: &SegmentReader) -> tantivy::Result<Self> {
        let fast_fields = reader.fast_fields();
        Ok(SegmentColumns {
            seq: fast_fields
                .column_opt::<u64>(SEQ_FIELD)?
                .map(|column| column.first_or_default_col(UNPOSITIONED)),
            day: fast_fields.column_opt::<i64>(DAY_FIELD)?,
        })
    }
}

/// The order columns of every segment of an opened index, opened once: opening a column reads its
/// block index, ~0.34 M instructions on 550k statements (4% of a relevance query) every time.
#[derive(Clone, Default)]
pub(super) struct OrderColumns(Arc<HashMap<SegmentId, SegmentColumns>>);

impl OrderColumns {
    /// Opens the columns of every segment the searcher sees.
    pub fn load(searcher: &tantivy::Searcher) -> tantivy::Result<Self> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|reader| Ok((reader.segment_id(), SegmentColumns::load(reader)?)))
            .collect::<tantivy::Result<_>>()?;
        Ok(OrderColumns(Arc::new(columns)))
    }

    fn of(&self, reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        match self.0.get(&reader.segment_id()) {
            Some(columns) => Ok(columns.clone()),
            None => SegmentColumns::load(reader),
        }
    }
}

/// What results are ranked by before input order. A type rather than a value, so the per-match
/// code is compiled once for each and has no branch to take.
trait Primary: Copy + Send + Sync + 'static {
    /// Whether the rank needs the similarity score (tantivy skips scoring otherwise).
    const SCORED: bool;
    fn rank(self, columns: &SegmentColumns, doc: DocId, score: Score) -> u64;
}

/// Relevance: the similarity score (closeness bonuses are added to the candidates later).
#[derive(Debug, Clone, Copy)]
struct ByScore;

impl Primary for ByScore {
    const SCORED: bool = true;

    #[inline]
    fn rank(self, _columns: &SegmentColumns, _doc: DocId, score: Score) -> u64 {
        score_rank(score)
    }
}

/// The date sort: the document's day.
#[derive(Debug, Clone, Copy)]
struct ByDay;

impl Primary for ByDay {
    const SCORED: bool = false;

    #[inline]
    fn rank(self, columns: &SegmentColumns, doc: DocId, _score: Score) -> u64 {
        day_rank(columns.day.as_ref().and_then(|days| days.first(doc)))
    }
}

/// Input order alone: every match ranks alike.
#[derive(Debug, Clone, Copy)]
struct Unranked;

impl Primary for Unranked {
    const SCORED: bool = false;

    #[inline]
    fn rank(self, _columns: &SegmentColumns, _doc: DocId, _score: Score) -> u64 {
        0
    }
}

/// Ranks matches by `primary`, then by input position.
struct RankThenInputOrder<P> {
    primary: P,
    columns: OrderColumns,
}

impl<P: Primary> SortKeyComputer for RankThenInputOrder<P> {
    type SortKey = RankKey;
    type Child = SegmentRanks<P>;
    type Comparator = NaturalComparator;

    fn requires_scoring(&self) -> bool {
        P::SCORED
    }

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(SegmentRanks {
            primary: self.primary,
            columns: self.columns.of(reader)?,
        })
    }
}

/// [`RankThenInputOrder`] within one segment.
struct SegmentRanks<P> {
    primary: P,
    columns: SegmentColumns,
}

impl<P: Primary> SegmentRanks<P> {
    #[inline]
    fn seq(&self, doc: DocId) -> u64 {
        self.columns
            .seq
            .as_ref()
            .map_or(UNPOSITIONED, |positions| positions.get_val(doc))
    }

    /// Kept out of line: few matches get here, and the check before it stays small enough for the
    /// collector loop to inline.
    #[inline(never)]
    fn collect_above_cut<C: Comparator<RankKey>>(
        &self,
        rank: u64,
        doc: DocId,
        top_n: &mut TopNComputer<RankKey, DocId, C>,
    ) {
        top_n.push(RankKey::new(rank, self.seq(doc)), doc);
    }
}

impl<P: Primary> SegmentSortKeyComputer for SegmentRanks<P> {
    type SortKey = RankKey;
    type SegmentSortKey = RankKey;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, score: Score) -> RankKey {
        let rank = self.primary.rank(&self.columns, doc, score);
        RankKey::new(rank, self.seq(doc))
    }

    #[inline]
    fn compute_sort_key_and_collect<C: Comparator<RankKey>>(
        &mut self,
        doc: DocId,
        score: Score,
        top_n: &mut TopNComputer<RankKey, DocId, C>,
    ) {
        let rank = self.primary.rank(&self.columns, doc, score);
        // Most matches rank below the current cut (keys compare in natural order): they are left
        // out here without reading their position.
        if top_n.threshold.is_some_and(|cut| rank < cut.rank()) {
            return;
        }
        self.collect_above_cut(rank, doc, top_n);
    }

    fn convert_segment_sort_key(&self, key: RankKey) -> RankKey {
        key
    }
}

/// The `limit` newest matches after skipping `offset`: latest day first, undated last, one day's
/// documents in input order.
pub(super) fn newest_first(
    columns: &OrderColumns,
    limit: usize,
    offset: usize,
) -> impl Collector<Fruit = Vec<(RankKey, DocAddress)>> {
    TopDocs::with_limit(limit)
        .and_offset(offset)
        .order_by(RankThenInputOrder {
            primary: ByDay,
            columns: columns.clone(),
        })
}

/// The `limit` best-scored matches, equal scores in input order: the candidates [`Candidate`]
/// ranks, cut by the same order so which documents make the cut does not depend on addresses.
pub(super) fn best_scored(
    columns: &OrderColumns,
    limit: usize,
) -> impl Collector<Fruit = Vec<(RankKey, DocAddress)>> {
    TopDocs::with_limit(limit).order_by(RankThenInputOrder {
        primary: ByScore,
        columns: columns.clone(),
    })
}

/// The first `limit` matches in input order, for lookups whose matches all score alike (an id, an
/// article's statements).
pub(super) fn first_in_input_order(
    columns: &OrderColumns,
    limit: usize,
) -> impl Collector<Fruit = Vec<(RankKey, DocAddress)>> {
    TopDocs::with_limit(limit).order_by(RankThenInputOrder {
        primary: Unranked,
        columns: columns.clone(),
    })
}

/// A match ranked by relevance: its score (closeness bonuses included), input position and address.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Candidate {
    pub score: Score,
    pub seq: u64,
    pub address: DocAddress,
}

impl Candidate {
    /// Builds a candidate from what [`best_scored`] collects.
    pub fn new((key, address): (RankKey, DocAddress)) -> Self {
        Candidate {
            score: key.score(),
            seq: key.seq(),
            address,
        }
    }

    /// Relevance order: higher score first, then earlier input.
    pub fn rank(&self, other: &Self) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.seq.cmp(&other.seq))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_ranks_keep_the_order_of_scores_and_give_them_back() {
        let scores = [-3.5, -0.0, 0.0, 1e-9, 0.5, 1.0, 7.25, 1e30];
        for pair in scores.windows(2) {
            assert!(score_rank(pair[0]) < score_rank(pair[1]), "{pair:?}");
        }
        for score in scores {
            assert_eq!(score_of_rank(score_rank(score)).to_bits(), score.to_bits());
        }
    }

    #[test]
    fn day_ranks_put_later_days_first_and_undated_last() {
        let days = [
            None,
            Some(i64::MIN),
            Some(-1),
            Some(0),
            Some(20240501),
            Some(20240502),
        ];
        for pair in days.windows(2) {
            assert!(day_rank(pair[0]) < day_rank(pair[1]), "{pair:?}");
        }
    }

    #[test]
    fn keys_order_by_rank_then_earlier_input() {
        let key = |rank, seq| RankKey::new(rank, seq);
        assert!(key(2, 9) > key(1, 0));
        assert!(key(1, 3) > key(1, 7));
        assert!(key(1, UNPOSITIONED) < key(1, 0));
        assert_eq!((key(5, 42).rank(), key(5, 42).seq()), (5, 42));
        assert_eq!(key(score_rank(2.5), 0).score(), 2.5);
    }

    fn candidate(score: Score, seq: u64, doc_id: u32) -> Candidate {
        Candidate {
            score,
            seq,
            address: DocAddress::new(0, doc_id),
        }
    }

    #[test]
    fn relevance_ranks_by_score_then_input_position_never_by_address() {
        let mut candidates = [
            candidate(1.0, 7, 0),
            candidate(2.0, 9, 1),
            candidate(1.0, 3, 2),
            candidate(1.0, UNPOSITIONED, 3),
            candidate(2.0, 4, 4),
        ];
        candidates.sort_by(Candidate::rank);
        let seqs: Vec<u64> = candidates.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [4, 9, 3, 7, UNPOSITIONED]);
    }
}
