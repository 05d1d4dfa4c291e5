//! The sequential half of de-duplication: paragraph by paragraph in input order, against every
//! fingerprint kept so far. The first occurrence wins; later copies point at it.

use std::collections::{HashSet, VecDeque};

use super::Config;
use super::fingerprint::{
    self, Fingerprints, MIN_NEAR_WORDS, Novelty, NumberFacts, ParagraphPrint, ParagraphWords,
};
use super::furniture::{Furniture, FurnitureJudge};
use super::lsh::{LshIndex, PrehashedMap, map_bytes, map_growth, vec_growth};
use super::token_set::{TokenArena, TokenSet, TokenSpan};
use crate::model::{Document, Paragraph, ParagraphRef, Removal, RemovalReason};

/// Exact copies inside one article need at least this many words (shorter lines such as a
/// repeated `کارت زرد` in a match report are content).
const MIN_EXACT_WORDS_IN_ARTICLE: u32 = 3;
/// Exact copies across articles need at least this many words: short headings (`شرح بازی:`)
/// recur across a source's stories; recurring short lines are furniture's business.
const MIN_EXACT_WORDS_ACROSS: u32 = 5;
/// Jaccard similarity of a later paragraph's words with an earlier one's, counted: words shared,
/// plus missing words re-typing explains (a split or joined compound stands for the words it
/// covers), over the earlier paragraph's words plus the function words the later one adds.
fn similarity(shared: usize, novelty: &Novelty, earlier_words: usize) -> f64 {
    let union = earlier_words + novelty.function_words + novelty.light_words + novelty.new_words;
    ((shared + novelty.explained) as f64 / union.max(1) as f64).min(1.0)
}

/// A copy keeps every negation of its original, or drops some (a dropped word), but never adds
/// one or negates something else.
fn negations_kept_or_dropped(later: &ParagraphPrint, earlier: &NearEntry) -> bool {
    if later.negations == earlier.negations {
        later.negation_mask == earlier.negation_mask
    } else {
        later.negations < earlier.negations && later.negation_mask & !earlier.negation_mask == 0
    }
}

/// A copy may add a few words that carry no fact besides particles (re-typing drops words, so the
/// first occurrence may be the shorter), at most this many counting the particles added with
/// them; a paragraph that adds more is a rewrite, and a rewrite may say more.
const MAX_ADDED_WORDS: usize = 2;

/// Share of an article's content paragraphs that must copy one earlier article to syndicate it.
const SYNDICATED_SHARE: f64 = 0.5;

/// Where a kept paragraph lives: article ordinal and input index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Location {
    article: u32,
    index: u32,
}

/// Bytes of one exact-table entry: paragraph hash and location.
const EXACT_ENTRY: usize = std::mem::size_of::<(u64, Location)>();
/// Bytes of one article id slot (the id's own bytes are counted apart).
const ID_SLOT: usize = std::mem::size_of::<Box<str>>();

/// What a near-duplicate candidate must be checked against.
#[derive(Debug, Clone)]
struct NearEntry {
    location: Location,
    distinct: u32,
    numbers: NumberFacts,
    negations: u32,
    negation_mask: u32,
    tokens: TokenSpan,
}

/// A match found for one paragraph.
struct Match {
    location: Location,
    reason: RemovalReason,
    similarity: Option<f32>,
}

/// Corpus-wide de-duplication state; fed articles in input order.
///
/// Memory per kept paragraph (and per near copy, so copies of copies are found): about 17 bytes in
/// the exact table; for paragraphs of 8 words or more another ~40 bytes of near-duplicate entry
/// (facts and location), 2 bytes per distinct word (about 70) and 8 × ~13 bytes of LSH buckets
/// and links: about 270 bytes measured on real news, against 300–1,000 bytes of text, which is
/// never held. Ten million paragraphs take about 2.7 GB.
///
/// [`Config::max_memory_bytes`] bounds it: before a paragraph would take the tables past it, the
/// older half of what is stored is forgotten in one compaction: every entry pointing at an
/// article up to the median one (exact-table entries, near entries, their words, their LSH
/// links), and those articles' ids. Later copies of them are kept as new. Which paragraphs are
/// forgotten depends on the input order only, never on threads.
#[derive(Default)]
pub struct Deduper {
    config: Config,
    furniture: FurnitureJudge,
    /// Ids of the articles from `first_article` on (those still pointed at, and the newer ones).
    article_ids: VecDeque<Box<str>>,
    first_article: u32,
    articles: u32,
    article_id_bytes: usize,
    exact: PrehashedMap<u64, Location>,
    near: Vec<NearEntry>,
    words: TokenArena,
    lsh: LshIndex,
    /// Paragraphs decided so far.
    paragraphs: u64,
    /// Stored paragraphs forgotten to stay within the memory cap.
    forgotten: u64,
    /// Articles before this one are forgotten (their ids go at the end of the current article).
    remembered_from: u32,
    /// Compactions so far.
    compactions: u32,
}

impl std::fmt::Debug for Deduper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deduper")
            .field("config", &self.config)
            .field("articles", &self.articles)
            .field("exact", &self.exact.len())
            .field("near", &self.near.len())
            .field("forgotten", &self.forgotten)
            .finish()
    }
}

impl Deduper {
    /// A de-duplicator that learns furniture from running counts only (streaming input).
    pub fn new(config: Config) -> Self {
        Self::with_furniture(config, Furniture::default())
    }

    /// A de-duplicator that also knows the furniture learned in a pass over the corpus
    /// ([`FurnitureLearner`](super::FurnitureLearner)).
    pub fn with_furniture(config: Config, furniture: Furniture) -> Self {
        Deduper {
            config,
            furniture: FurnitureJudge::new(furniture),
            ..Deduper::default()
        }
    }

    /// Approximate heap bytes of the fingerprint tables (table capacity, not just what is used);
    /// kept within [`Config::max_memory_bytes`].
    pub fn heap_bytes(&self) -> usize {
        map_bytes(self.exact.capacity(), EXACT_ENTRY)
            + self.near.capacity() * std::mem::size_of::<NearEntry>()
            + self.lsh.heap_bytes()
            + self.words.heap_bytes()
            + self.article_ids.capacity() * ID_SLOT
            + self.article_id_bytes
    }

    /// Stored paragraphs forgotten so far to stay within [`Config::max_memory_bytes`] (0: every
    /// paragraph was compared with every earlier one).
    pub fn forgotten_paragraphs(&self) -> u64 {
        self.forgotten
    }

    /// The id of the article with ordinal `article`, while it is remembered.
    fn article_id(&self, article: u32) -> Option<&str> {
        let slot = article.checked_sub(self.first_article)?;
        self.article_ids.get(slot as usize).map(|id| &**id)
    }

    /// Would growing the tables by `growth` bytes take them past the cap?
    fn over_cap(&self, growth: usize) -> bool {
        self.heap_bytes().saturating_add(growth) > self.config.max_memory_bytes
    }

    /// Decides which paragraphs of `doc` are copies or furniture: moves them from `doc.paragraphs` to
    /// `doc.removed` (unless `keep_duplicates`) and sets `doc.duplicate_of` for syndicated copies.
    pub fn decide(&mut self, doc: &mut Document, fingerprints: &Fingerprints) {
        let recomputed;
        let prints = if prints_match(doc, fingerprints) {
            fingerprints
        } else {
            // The caller changed the paragraphs after fingerprinting: fingerprint what is there.
            recomputed = fingerprint::fingerprint(doc);
            &recomputed
        };
        let article = self.articles;
        self.articles = self.articles.saturating_add(1);
        let id_growth = vec_growth(
            self.article_ids.len(),
            self.article_ids.capacity(),
            1,
            ID_SLOT,
        ) + doc.id.len();
        if self.over_cap(id_growth) {
            self.forget_older_half(article);
        }
        self.article_ids.push_back(doc.id.as_str().into());
        self.article_id_bytes += doc.id.len();

        let mut matches: Vec<Option<Match>> = Vec::with_capacity(doc.paragraphs.len());
        let mut line_keys = HashSet::new();
        for (print, paragraph) in prints.paragraphs.iter().zip(&doc.paragraphs) {
            self.paragraphs += 1;
            let is_furniture = print.known_furniture
                || print
                    .line_key
                    .is_some_and(|key| self.furniture.is_furniture(prints.source, key));
            if let Some(key) = print.line_key {
                line_keys.insert(key);
            }
            let found = if is_furniture {
                Some(Match {
                    location: Location { article, index: 0 },
                    reason: RemovalReason::Boilerplate,
                    similarity: None,
                })
            } else {
                let found = self.find_copy(print, &paragraph.text, article);
                match &found {
                    None => self.remember(print, print_location(print, article), article),
                    // A copy of this copy is found even where it has drifted further from the
                    // original (a syndicated article re-syndicated): the copy is remembered too,
                    // pointing at the original.
                    Some(copy) if copy.reason == RemovalReason::NearDuplicate => {
                        self.remember(print, copy.location, article);
                    }
                    Some(_) => {}
                }
                found
            };
            matches.push(found);
        }
        self.furniture.record(prints.source, &line_keys);
        self.apply(doc, article, matches);
        // Only now: this article's matches may point at articles just forgotten.
        while self.first_article < self.remembered_from {
            let Some(id) = self.article_ids.pop_front() else {
                break;
            };
            self.article_id_bytes -= id.len();
            self.first_article += 1;
        }
    }

    /// The earlier paragraph `print` (the fingerprint of `text`) copies, if any.
    fn find_copy(&self, print: &ParagraphPrint, text: &str, article: u32) -> Option<Match> {
        if let Some(&location) = self.exact.get(&print.exact) {
            let min_words = if location.article == article {
                MIN_EXACT_WORDS_IN_ARTICLE
            } else {
                MIN_EXACT_WORDS_ACROSS
            };
            if print.words >= min_words {
                return Some(Match {
                    location,
                    reason: RemovalReason::Duplicate,
                    similarity: None,
                });
            }
        }
        let signature = print.signature.as_ref()?;
        let numbers = print.number_facts();
        let later_keys = TokenSet::keys_of(&print.token_hashes);
        let mut best: Option<(f64, &NearEntry)> = None;
        // The words in order, for the pairs that get that far (few).
        let mut words: Option<ParagraphWords> = None;
        for ordinal in self.lsh.candidates(signature) {
            let Some(entry) = self.near.get(ordinal as usize) else {
                continue;
            };
            // Similarity can be no higher than the ratio of the set sizes: skip hopeless pairs
            // before looking at their words.
            let size_ratio = f64::from(print.distinct.min(entry.distinct))
                / f64::from(print.distinct.max(entry.distinct).max(1));
            if size_ratio < self.config.threshold
                || !numbers.consistent_with(&entry.numbers)
                || !negations_kept_or_dropped(print, entry)
            {
                continue;
            }
            let earlier = self.words.get(entry.tokens);
            // Most candidates share a few common words only: counting shared words is cheap,
            // explaining the missing ones is not.
            let shared = earlier.shared(&later_keys);
            if shared * 2 < earlier.len().max(later_keys.len()) {
                continue;
            }
            let words = words.get_or_insert_with(|| ParagraphWords::of(text));
            let novelty = words.novelty(&earlier);
            // A copy that lost a negation must not look like a negated verb turned positive.
            let negation_dropped = print.negations != entry.negations;
            if novelty.new_words > 0
                || (novelty.light_words > 0
                    && novelty.light_words + novelty.function_words > MAX_ADDED_WORDS)
                || (negation_dropped
                    && (novelty.explained_by_prefix > 0
                        || words.turns_a_negation_positive(print, &earlier)))
            {
                continue;
            }
            let similarity = similarity(shared, &novelty, earlier.len());
            if similarity >= self.config.threshold && best.is_none_or(|(j, _)| similarity > j) {
                best = Some((similarity, entry));
            }
        }
        best.map(|(jaccard, entry)| Match {
            location: entry.location,
            reason: RemovalReason::NearDuplicate,
            similarity: Some(jaccard as f32),
        })
    }

    /// Keeps the fingerprint of a paragraph: one seen for the first time, at its own location, or
    /// a near copy, at its original's. `article` is the one being decided. Makes room first if
    /// the tables would outgrow the cap; with no room even then, the paragraph is not kept.
    fn remember(&mut self, print: &ParagraphPrint, location: Location, article: u32) {
        if self.over_cap(self.growth_to_remember(print)) {
            self.forget_older_half(article);
            if self.over_cap(self.growth_to_remember(print)) {
                return;
            }
        }
        if location.article < self.remembered_from {
            // A near copy of an original just forgotten: its id is going too.
            return;
        }
        if print.words >= MIN_EXACT_WORDS_IN_ARTICLE {
            self.exact.entry(print.exact).or_insert(location);
        }
        if let Some(signature) = print.signature.filter(|_| print.words >= MIN_NEAR_WORDS) {
            self.near.push(NearEntry {
                location,
                distinct: print.distinct,
                numbers: print.number_facts(),
                negations: print.negations,
                negation_mask: print.negation_mask,
                tokens: self.words.push(&print.token_hashes, &print.piece_hashes),
            });
            self.lsh.insert(&signature);
        }
    }

    /// Heap bytes [`remember`](Self::remember) may add for `print` (at most).
    fn growth_to_remember(&self, print: &ParagraphPrint) -> usize {
        let mut growth = 0;
        if print.words >= MIN_EXACT_WORDS_IN_ARTICLE {
            growth += map_growth(self.exact.len(), self.exact.capacity(), EXACT_ENTRY);
        }
        if print.signature.is_some() && print.words >= MIN_NEAR_WORDS {
            growth += vec_growth(
                self.near.len(),
                self.near.capacity(),
                1,
                std::mem::size_of::<NearEntry>(),
            ) + self
                .words
                .growth_for(print.token_hashes.len() + print.piece_hashes.len())
                + self.lsh.growth_on_insert();
        }
        growth
    }

    /// Forgets every stored entry pointing at an article up to the median one of all entries (so
    /// at least half of them; all of them before `article`, the one being decided, when nothing
    /// is stored), keeping the tables' capacity for what comes next. The articles' ids go at the
    /// end of the current [`decide`](Self::decide).
    fn forget_older_half(&mut self, article: u32) {
        let mut articles: Vec<u32> = self
            .near
            .iter()
            .map(|entry| entry.location.article)
            .chain(self.exact.values().map(|location| location.article))
            .collect();
        let last_forgotten = if articles.is_empty() {
            article.checked_sub(1)
        } else {
            let middle = (articles.len() - 1) / 2;
            Some(*articles.select_nth_unstable(middle).1)
        };
        drop(articles);
        let Some(last_forgotten) = last_forgotten else {
            return;
        };
        let remembered = |location: &Location| location.article > last_forgotten;

        let kept: Vec<bool> = self.near.iter().map(|e| remembered(&e.location)).collect();
        self.lsh.retain(&kept);
        drop(kept);
        self.near.retain(|entry| remembered(&entry.location));
        self.words
            .compact(self.near.iter_mut().map(|entry| &mut entry.tokens));

        let capacity = self.exact.capacity();
        let before = self.exact.len();
        let old = std::mem::take(&mut self.exact);
        // A fresh table of the same capacity: erasing in place leaves tombstones that would make
        // the table look full again soon.
        let mut exact = PrehashedMap::with_capacity_and_hasher(capacity, Default::default());
        exact.extend(old.into_iter().filter(|(_, location)| remembered(location)));
        self.exact = exact;
        self.forgotten += (before - self.exact.len()) as u64;

        let first_compaction = self.compactions == 0;
        self.compactions += 1;
        // The current article's id stays: its paragraphs are still to be stored and pointed at.
        self.remembered_from = self
            .remembered_from
            .max(last_forgotten.saturating_add(1).min(article));
        let last_id = self.article_id(last_forgotten).unwrap_or("?");
        if first_compaction {
            tracing::warn!(
                "dedup memory cap reached after {} paragraphs: paragraphs of article {} and \
                 earlier are no longer compared; raise --dedup-memory to keep them",
                self.paragraphs,
                last_id
            );
        } else {
            tracing::debug!(
                "dedup memory cap reached again after {} paragraphs: forgot up to article {}",
                self.paragraphs,
                last_id
            );
        }
    }

    /// Records the removals, moves removed paragraphs out unless duplicates are kept, and marks a
    /// syndicated copy.
    fn apply(&self, doc: &mut Document, article: u32, matches: Vec<Option<Match>>) {
        let paragraphs = std::mem::take(&mut doc.paragraphs);
        let mut kept = Vec::with_capacity(paragraphs.len());
        let mut content = 0usize;
        let mut copied_from: PrehashedMap<u32, usize> = PrehashedMap::default();
        for (paragraph, found) in paragraphs.into_iter().zip(matches) {
            let Some(found) = found else {
                content += 1;
                kept.push(paragraph);
                continue;
            };
            if found.reason != RemovalReason::Boilerplate {
                content += 1;
                if found.location.article != article {
                    *copied_from.entry(found.location.article).or_insert(0) += 1;
                }
            }
            doc.removed.push(self.removal(&paragraph, &found));
            if self.config.keep_duplicates {
                kept.push(paragraph);
            }
        }
        doc.paragraphs = kept;
        // Most copied source first; ties go to the earlier article.
        let syndicated = copied_from
            .into_iter()
            .max_by_key(|&(source, copies)| (copies, std::cmp::Reverse(source)))
            .filter(|&(_, copies)| {
                // One copied paragraph syndicates only an article that has nothing else.
                (copies >= 2 || copies == content)
                    && copies as f64 > SYNDICATED_SHARE * content as f64
            });
        if let Some((source, _)) = syndicated {
            doc.duplicate_of = self.article_id(source).map(str::to_string);
        }
    }

    fn removal(&self, paragraph: &Paragraph, found: &Match) -> Removal {
        let duplicate_of = (found.reason != RemovalReason::Boilerplate)
            .then(|| self.article_id(found.location.article))
            .flatten()
            .map(|id| ParagraphRef {
                article_id: id.to_string(),
                index: found.location.index as usize,
            });
        Removal {
            index: paragraph.index,
            reason: found.reason,
            duplicate_of,
            similarity: found.similarity,
            text: paragraph.text.clone(),
        }
    }
}

/// Where the paragraph `print` describes sits.
fn print_location(print: &ParagraphPrint, article: u32) -> Location {
    Location {
        article,
        index: u32::try_from(print.index).unwrap_or(u32::MAX),
    }
}

/// Do the fingerprints describe exactly the document's paragraphs?
fn prints_match(doc: &Document, fingerprints: &Fingerprints) -> bool {
    doc.paragraphs.len() == fingerprints.paragraphs.len()
        && doc
            .paragraphs
            .iter()
            .zip(&fingerprints.paragraphs)
            .all(|(p, f)| p.index == f.index)
}
