//! Ranking of one text's candidates: a linear score over [`features`](super::features), then
//! overlapping phrases are thinned out so the top of the list is diverse.

use super::boilerplate::is_boilerplate_given;
use super::candidates::{Collector, SurfaceRef};
use super::features::{self, COUNT, Frequencies, Inherited, Row};
use super::fold::key_words;
use super::table::Lexicon;

/// Weights of the linear score, in [`features::NAMES`] order.
pub type Weights = [f64; COUNT];

/// Default weights: fitted with a listwise (per-article softmax) loss on the features of the
/// candidates of a 70% training split of the tagged news articles (target: the phrases an editor
/// chose), never on the 30% used to measure, with the speakers stage run first (the `speaker`
/// feature). The keyphraseness columns were cross-fitted (each training article scored with the
/// counts of the other half), so their weight is what the prior is worth on unseen articles. The
/// bias is 0: a constant does not change a ranking. The weights of `class_share` and `full_name`
/// were added later, then all but the keyphraseness ones were tuned by a coordinate search scored
/// end to end on the training split (`benches/topics_eval/sweep.py`; a full refit with the new
/// features scored lower on the held-out split than these weights).
/// Refit: `benches/topics_eval/fit.sh`.
pub const DEFAULT_WEIGHTS: Weights = [
    0.0000, 1.4941, 1.3742, -0.6101, 0.1486, -0.3449, -2.7237, -1.8480, 0.9844, 0.4006, -1.6077,
    -0.7609, 0.4442, -0.4340, 0.4528, -0.4752, -0.5341, 1.7907, -0.2100, -4.1235, 0.5427, -1.8857,
    -2.5786, 0.1170, 0.4090, 0.5066, -1.1818, 0.2504, -0.1374, 0.9446, 2.5000, 0.5000, 1.1783,
    1.1624,
];

/// One ranked phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored<'c> {
    pub key: &'c str,
    /// Where its most common written form is (see [`SurfaceRef::text`]).
    pub surface: Option<SurfaceRef>,
    pub score: f64,
    /// Its features are [`Ranking::rows`]`[row]` (referred to, not copied: few callers read
    /// them, and each copy moved 34 numbers).
    pub row: usize,
}

/// A text's candidates ranked, with the features of each.
#[derive(Debug, Clone)]
pub struct Ranking<'c> {
    /// Best first (see [`rank`]).
    pub scored: Vec<Scored<'c>>,
    /// Every candidate's features, in no particular order.
    pub rows: Vec<Row<'c>>,
}

/// Share of words two phrases must have in common to say the same thing. A word and a two-word
/// phrase holding it (`پرسپولیس`, `باشگاه پرسپولیس`) stay distinct; a two-word phrase and a
/// three-word one holding it do not.
const NEAR_IDENTICAL: f64 = 0.6;

/// How many times the wanted number of distinct phrases is sorted (the rest may be
/// near-identical to them).
const HEAD_FACTOR: usize = 8;

/// A share that any common word reaches: with only three places (a statement's topics), `خراسان`
/// beside `خراسان جنوبی` wastes one, so there any shared word makes phrases overlap.
pub const SHARES_A_WORD: f64 = f64::MIN_POSITIVE;

/// Whether at least `share` of the words of the two phrase keys (of their union) are common.
#[cfg(test)]
pub fn overlaps_by(a: &str, b: &str, share: f64) -> bool {
    let words = |key| key_words(key).collect::<Vec<_>>();
    words_overlap_by(&words(a), &words(b), share)
}

/// [`overlaps_by`] of two keys already split into their words: the ranking compares each phrase
/// with every distinct one kept, so each is split once rather than at every comparison.
fn words_overlap_by(a: &[&str], b: &[&str], share: f64) -> bool {
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    union > 0 && shared > 0 && shared as f64 >= share * union as f64
}

/// Candidates ranked best first; among the first `distinct` places, near-identical ones (sharing
/// most words with a better one) move behind the distinct ones. Agency furniture is left out.
pub fn rank<'c, F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    collector: &'c Collector,
    freq: &F,
    lexicon: &L,
    weights: &Weights,
    speakers: &[String],
    distinct: usize,
    extent: Extent,
) -> Ranking<'c> {
    rank_apart(
        collector,
        freq,
        lexicon,
        weights,
        speakers,
        distinct,
        NEAR_IDENTICAL,
        extent,
        None,
    )
}

/// How much of the ranking to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The sorted head only (`distinct` × [`HEAD_FACTOR`] phrases): all a caller taking the
    /// first `distinct` ever reads, and it spares building a [`Scored`] for every candidate.
    Head,
    /// Every candidate (for explanations and fitting).
    All,
}

/// [`rank`] with the share of common words (see [`words_overlap_by`]) that defers a phrase, and
/// the rows of another text the phrases may take their features of the phrase alone from (see
/// [`Inherited`]).
#[allow(clippy::too_many_arguments)]
pub fn rank_apart<'c, F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    collector: &'c Collector,
    freq: &F,
    lexicon: &L,
    weights: &Weights,
    speakers: &[String],
    distinct: usize,
    overlap_share: f64,
    extent: Extent,
    inherited: Option<Inherited<'_, '_>>,
) -> Ranking<'c> {
    let rows = features::compute(collector, freq, lexicon, speakers, inherited);
    // (score, key, index into `rows`): cheap to sort; a `Scored` is built for kept ones only.
    // Sized for every candidate: collected from a filter, it would grow step by step.
    let mut scored: Vec<(f64, &str, usize)> = Vec::with_capacity(rows.len());
    scored.extend(
        rows.iter()
            .enumerate()
            .filter(|(_, r)| !is_boilerplate_given(r.key, r.candidate.attribution))
            .map(|(i, r)| {
                let score = r.features.iter().zip(weights).map(|(x, w)| x * w).sum();
                (score, r.key, i)
            }),
    );
    let order = |a: &(f64, &str, usize), b: &(f64, &str, usize)| {
        b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
    };
    // Only the head is ever read in order: sort a generous head, leave the tail as it falls.
    let head = (distinct * HEAD_FACTOR).min(scored.len());
    if head > 0 && head < scored.len() {
        scored.select_nth_unstable_by(head - 1, order);
    }
    // Keys are unique, so no two entries compare equal and an unstable sort orders them alike.
    scored[..head].sort_unstable_by(order);
    if extent == Extent::Head {
        scored.truncate(head);
    }
    let wanted = distinct;
    let mut distinct: Vec<Scored> = Vec::with_capacity(scored.len());
    // The words of the first `wanted` distinct phrases, which later phrases are compared with.
    let mut distinct_words: Vec<Vec<&str>> = Vec::with_capacity(wanted);
    let mut words: Vec<&str> = Vec::new();
    let mut rest = Vec::new();
    for (score, key, row) in scored {
        let s = Scored {
            key,
            surface: rows[row].candidate.best_surface(),
            score,
            row,
        };
        if distinct.len() < wanted {
            words.clear();
            words.extend(key_words(key));
            if distinct_words
                .iter()
                .any(|d| words_overlap_by(d, &words, overlap_share))
            {
                rest.push(s);
                continue;
            }
            distinct_words.push(std::mem::take(&mut words));
        }
        distinct.push(s);
    }
    // Past the wanted places order is by score alone; the near-identical ones come last.
    distinct.extend(rest);
    Ranking {
        scored: distinct,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::{Entry, flags};
    use super::*;

    struct Flat;
    impl Frequencies for Flat {
        fn lookup(&self, key: &str) -> (Entry, f64, f64) {
            let df = if key == "ایران" { 900.0 } else { 3.0 };
            (Entry::default(), df, 1000.0)
        }
    }
    struct Words;
    impl Lexicon for Words {
        fn entry(&self, key: &str) -> Entry {
            let flags = if ["و", "در", "به", "از"].contains(&key) {
                flags::STOP
            } else {
                flags::NOUN | flags::KNOWN
            };
            Entry {
                flags,
                ..Entry::default()
            }
        }
    }

    #[test]
    fn rare_title_phrases_beat_common_late_ones_and_furniture_is_dropped() {
        let mut c = Collector::new(true);
        c.add("مدیریت شهری در قم", 0, true, &Words);
        c.add(
            "به گزارش خبرگزاری فارس، ایران و ایران و مدیریت شهری.",
            1,
            false,
            &Words,
        );
        let ranked: Vec<String> = rank(&c, &Flat, &Words, &DEFAULT_WEIGHTS, &[], 10, Extent::All)
            .scored
            .into_iter()
            .map(|s| s.key.to_string())
            .collect();
        // The two rare title phrases lead (which one first depends on how often editors tag each).
        let mut head = ranked[..2].to_vec();
        head.sort();
        assert_eq!(head, ["قم", "مدیریت شهری"], "{ranked:?}");
        assert!(!ranked.iter().any(|k| k.contains("گزارش") || k == "فارس"));
        let common_late = ranked.iter().position(|k| k == "ایران");
        let rare_title = ranked.iter().position(|k| k == "قم");
        assert!(rare_title < common_late, "{ranked:?}");
    }

    #[test]
    fn near_identical_means_most_words_shared() {
        let overlaps = |a: &str, b: &str| overlaps_by(a, b, NEAR_IDENTICAL);
        assert!(overlaps("حزب کمونیست", "حزب کمونیست تاجیکستان"));
        assert!(!overlaps("پرسپولیس", "باشگاه پرسپولیس"));
        assert!(!overlaps("تیم ملی ایران", "ایران"));
        assert!(overlaps_by("خراسان", "خراسان جنوبی", SHARES_A_WORD));
        assert!(!overlaps_by("خراسان", "استان", SHARES_A_WORD));
    }
}
