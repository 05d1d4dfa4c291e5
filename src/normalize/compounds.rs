//! Spaced compounds: which `A B` pairs a writer who types spaces for ZWNJs means as one word
//! (`برنامه ریزی`, `سه شنبه`, `مرمت گران`), decided from a table the build derives from word
//! counts (`data/compounds.fst`, written by [`super::build_lexicon`]).
//!
//! Two kinds of evidence, both measured on real text:
//! - bound tails: words that occur far more often as the second part of a ZWNJ compound than on
//!   their own (`گیری`, `سازی`, `کننده`, `نگاران`): after a content word they are its suffix;
//! - known compounds: skeletons the lexicon spells with one ZWNJ, judged by how much more often
//!   they occur as one word than their parts' frequencies predict (a pointwise association in the
//!   log-count buckets), by hazm listing them, and by how news writers who do type ZWNJs write
//!   the pair (joined, or spaced as two words: `امام خمینی`).
//!
//! ATTRIBUTION: derived (counts and flags only) from the Persian Wikipedia vocabulary of
//! github.com/Text-Mining/Persian-Wikipedia-Corpus (CC BY-SA), hazm 0.10.0 `words.dat` (MIT) and
//! the news collections listed in `../shared/README.md`.

use super::lexicon::table_file;
use super::lexicon_table::{Bloom, Table, pair_hash, word_hash};

/// The artifact's file name under `src/normalize/data/`.
pub(crate) const FILE_NAME: &str = "compounds.fst";

/// The word is a bound compound tail.
const BOUND_TAIL: u8 = 1;
/// The skeleton, cut at its stored boundary, is a compound where the writer spaces affixes.
const JOIN_SPACED: u8 = 2;
/// The same with stronger evidence: joined even when the text shows no writing habit.
const JOIN_UNMARKED: u8 = 4;

/// The word is a bound tail even by a stricter share ([`build`]'s `STRONG_TAIL_SHARE`): joined
/// also where the text shows no writing habit.
const STRONG_TAIL: u8 = 16;

/// News writers who type ZWNJs write the pair spaced far more often than joined: two words.
const NEWS_SPACED: u8 = 8;

/// The table's value for `key`: (flags, boundary char index). Laid out by the build script
/// (`lexicon_table::compound_files`) and probed in place: nothing is decoded at run time.
#[inline]
fn lookup(key: &[u8]) -> Option<(u8, u8)> {
    lookup_hashed(key, word_hash(key))
}

/// [`lookup`] for a key whose [`word_hash`] is known.
#[inline]
fn lookup_hashed(key: &[u8], hash: u64) -> Option<(u8, u8)> {
    const TABLE: Table<'static> = Table::new(
        table_file!("compounds.slots"),
        table_file!("compounds.arena"),
    );
    const FILTER: Bloom<'static> = Bloom::new(table_file!("compounds.bloom"));
    if !FILTER.may_contain(hash) {
        return None;
    }
    TABLE
        .get(key, hash)
        .map(|value| (value as u8, (value >> 8) as u8))
}

/// False when no pair of the table starts with `head` (cut at its boundary): most words begin
/// no compound, and one filter probe then answers for every pair and stem after them.
#[inline]
pub(crate) fn may_head_compound(head: &str) -> bool {
    may_head_compound_hashed(word_hash(head.as_bytes()))
}

/// [`may_head_compound`] for a head by its [`word_hash`].
#[inline]
pub(crate) fn may_head_compound_hashed(head_hash: u64) -> bool {
    const HEADS: Bloom<'static> = Bloom::new(table_file!("compounds.heads.bloom"));
    HEADS.may_contain(head_hash)
}

/// False when no pair of the table is cut into parts with these hashes (the [`pair_hash`] of
/// their [`word_hash`]es): most pairs after a possible head are still no compound.
#[inline]
pub(crate) fn may_be_pair(pair: u64) -> bool {
    const PAIRS: Bloom<'static> = Bloom::new(table_file!("compounds.pairs.bloom"));
    PAIRS.may_contain(pair)
}

/// True when `word` is a bound compound tail (`سازی`, `گیری`, `کننده`); outside
/// `spaced_writer` text only the strongly bound ones (not `نامه`, also a word of its own).
pub(crate) fn is_bound_tail(word: &str, spaced_writer: bool) -> bool {
    is_bound_tail_hashed(word, word_hash(word.as_bytes()), spaced_writer)
}

/// [`is_bound_tail`] for a word whose [`word_hash`] is known.
#[inline]
pub(crate) fn is_bound_tail_hashed(word: &str, hash: u64, spaced_writer: bool) -> bool {
    let wanted = if spaced_writer {
        BOUND_TAIL
    } else {
        STRONG_TAIL
    };
    lookup_hashed(word.as_bytes(), hash).is_some_and(|(flags, _)| flags & wanted != 0)
}

/// The table's flags for the pair `left right` cut where it is spaced (0: nothing known).
fn pair_flags(left: &str, right: &str) -> u8 {
    if !may_head_compound(left) {
        return 0;
    }
    pair_flags_after_head(left, right)
}

/// [`pair_flags`] for a `left` that [`may_head_compound`] already let through.
fn pair_flags_after_head(left: &str, right: &str) -> u8 {
    let mut key = [0u8; 128];
    let len = left.len() + right.len();
    let Some(out) = key.get_mut(..len) else {
        return 0;
    };
    out[..left.len()].copy_from_slice(left.as_bytes());
    out[left.len()..].copy_from_slice(right.as_bytes());
    match lookup(out) {
        Some((flags, boundary)) if usize::from(boundary) == left.chars().count() => flags,
        _ => 0,
    }
}

/// True when news writers who type ZWNJs keep `left right` apart (`اهل بیت`, `قائم مقام`).
pub(crate) fn news_spaces(left: &str, right: &str) -> bool {
    pair_flags(left, right) & NEWS_SPACED != 0
}

/// Whether the spaced pair `left right` is a known compound to be joined with a ZWNJ:
/// `spaced_writer` when the text is known to type spaces for ZWNJs (weaker evidence suffices).
/// Skips the head filter (same answers without it): callers probe [`may_head_compound`] once
/// for a left word, not again for every stem tried after it.
pub(crate) fn is_spaced_compound(left: &str, right: &str, spaced_writer: bool) -> bool {
    let wanted = if spaced_writer {
        JOIN_SPACED
    } else {
        JOIN_UNMARKED
    };
    pair_flags_after_head(left, right) & wanted != 0
}

/// [`is_spaced_compound`] for words whose [`word_hash`]es are known: the pair filter first.
#[inline]
pub(crate) fn is_spaced_compound_hashed(
    left: &str,
    right: &str,
    hashes: (u64, u64),
    spaced_writer: bool,
) -> bool {
    may_be_pair(pair_hash(hashes.0, hashes.1)) && is_spaced_compound(left, right, spaced_writer)
}

/// Derivation of the table, run by `goftar lexicon build`.
pub(super) mod build {
    use std::collections::{BTreeMap, HashMap};
    use std::path::Path;

    use super::super::affixes::VERB_PREFIXES;
    use super::super::lexicon::{COMPOUND_TAIL, Entry, LISTED, STOPWORD};
    use super::super::script::ZWNJ;
    use super::{BOUND_TAIL, JOIN_SPACED, JOIN_UNMARKED, NEWS_SPACED, STRONG_TAIL};

    /// A tail must end at least this many distinct compounds…
    const MIN_TAIL_TYPES: u64 = 5;
    /// …and occur inside compounds at least as often as alone (ratio in percent).
    const MIN_TAIL_SHARE: u64 = 50;
    /// The share of a strongly bound tail.
    const STRONG_TAIL_SHARE: u64 = 60;
    /// Association (in count buckets, 8 per doubling) that makes a known compound: how much
    /// more often it occurs as one word than its parts' frequencies predict, up to a constant.
    const MIN_ASSOCIATION: f64 = -160.0;
    /// The margin over [`MIN_ASSOCIATION`] a compound needs in text that shows no writing habit:
    /// there a false join costs more, since the line may be clean text without any ZWNJ.
    const UNMARKED_MARGIN: f64 = 20.0;
    /// A compound hazm does not list must be seen this often as one word (bucket 42 ≈ 38
    /// times): rarer joined spellings are mostly typos of names (`جوادی‌آملی`).
    const MIN_UNLISTED: f64 = 42.0;
    /// Bonus for a compound hazm lists and for a second part that ends many compounds.
    const LISTED_BONUS: f64 = 20.0;
    const TAIL_BONUS: f64 = 10.0;

    /// How news writers who type ZWNJs write a pair: spaced, and joined with a ZWNJ.
    #[derive(Default, Clone, Copy)]
    struct NewsPair {
        spaced: u64,
        joined: u64,
    }

    impl NewsPair {
        /// Joined at least twice and at least half as often as spaced.
        fn joins(self) -> bool {
            self.joined >= 2 && 2 * self.joined >= self.spaced
        }
        /// Spaced often and rarely joined: two words that meet (`امام خمینی`).
        fn spaces(self) -> bool {
            self.spaced >= 4 && 5 * self.joined < self.spaced
        }
    }

    /// `8·log2(2^(a/8) + 2^(b/8))`: the bucket of the sum of two bucketed counts.
    fn bucket_sum(a: u8, b: u8) -> f64 {
        match (a, b) {
            (0, b) => f64::from(b),
            (a, 0) => f64::from(a),
            (a, b) => 8.0 * ((f64::from(a) / 8.0).exp2() + (f64::from(b) / 8.0).exp2()).log2(),
        }
    }

    /// The boundary (char index) of a mask with exactly one ZWNJ.
    fn single_boundary(mask: u32) -> Option<usize> {
        (mask.count_ones() == 1).then(|| mask.trailing_zeros() as usize)
    }

    /// Derives the table: key → flags | boundary << 8.
    pub(crate) fn derive(
        fawiki: &HashMap<String, u64>,
        news: &[(String, bool)],
        lexicon: &HashMap<&str, Entry>,
    ) -> BTreeMap<String, u64> {
        let mut table: BTreeMap<String, u64> = BTreeMap::new();

        // Bound tails, measured on Wikipedia's running text.
        let mut inside: HashMap<&str, (u64, u64)> = HashMap::new();
        for (form, &n) in fawiki {
            let mut pieces = form.split(ZWNJ);
            let (Some(head), Some(tail), None) = (pieces.next(), pieces.next(), pieces.next())
            else {
                continue;
            };
            if head.is_empty() || tail.is_empty() || VERB_PREFIXES.contains(&head) {
                continue;
            }
            let slot = inside.entry(tail).or_default();
            slot.0 += n;
            slot.1 += 1;
        }
        for (tail, (count, types)) in inside {
            let alone = fawiki.get(tail).copied().unwrap_or(0);
            let share_at_least = |percent: u64| count * 100 >= percent * (alone + count + 1);
            if types >= MIN_TAIL_TYPES && share_at_least(MIN_TAIL_SHARE) {
                let mut flags = BOUND_TAIL;
                if share_at_least(STRONG_TAIL_SHARE) {
                    flags |= STRONG_TAIL;
                }
                *table.entry(tail.to_string()).or_default() |= u64::from(flags);
            }
        }

        // How ZWNJ-typing news writers write each candidate pair.
        let boundary_of = |a: &str, b: &str| -> Option<String> {
            let skeleton = format!("{a}{b}");
            let e = lexicon.get(skeleton.as_str())?;
            (single_boundary(e.zwnj_mask()) == Some(a.chars().count())).then_some(skeleton)
        };
        let mut pairs: HashMap<String, NewsPair> = HashMap::new();
        for (text, _) in news.iter().filter(|(_, types_zwnj)| *types_zwnj) {
            let tokens: Vec<Option<&str>> = super::super::build::news_tokens(text).collect();
            for token in tokens.iter().flatten() {
                let pieces: Vec<&str> = token.split(ZWNJ).collect();
                for w in pieces.windows(2) {
                    if let Some(key) = boundary_of(w[0], w[1]) {
                        pairs.entry(key).or_default().joined += 1;
                    }
                }
            }
            for window in tokens.windows(3) {
                if let [Some(a), Some(""), Some(b)] = window {
                    let a = a.rsplit(ZWNJ).next().unwrap_or(a);
                    let b = b.split(ZWNJ).next().unwrap_or(b);
                    if a.is_empty() || b.is_empty() {
                        continue;
                    }
                    if let Some(key) = boundary_of(a, b) {
                        pairs.entry(key).or_default().spaced += 1;
                    }
                }
            }
        }

        // Known compounds.
        for (&skeleton, &entry) in lexicon {
            let Some(boundary) = single_boundary(entry.zwnj_mask()) else {
                continue;
            };
            let Some((split, _)) = skeleton.char_indices().nth(boundary) else {
                continue;
            };
            let (left, right) = skeleton.split_at(split);
            let (Some(l), Some(r)) = (lexicon.get(left), lexicon.get(right)) else {
                continue;
            };
            let news = pairs.get(skeleton).copied().unwrap_or_default();
            if news.spaces() {
                *table.entry(skeleton.to_string()).or_default() |=
                    u64::from(NEWS_SPACED) | (boundary as u64) << 8;
                continue;
            }
            // Two function words make a compound only where news writers join them: hazm
            // lists some (`نه‌تا`) that are mostly two words in running text.
            if l.has(STOPWORD) && r.has(STOPWORD) && !news.joins() {
                continue;
            }
            let seen = bucket_sum(entry.zwnj_bucket(), entry.glued_bucket());
            if !entry.has(LISTED) && seen < MIN_UNLISTED {
                continue;
            }
            let mut association = seen - f64::from(l.frequency()) - f64::from(r.frequency());
            if entry.has(LISTED) {
                association += LISTED_BONUS;
            }
            if r.has(COMPOUND_TAIL) {
                association += TAIL_BONUS;
            }
            // Where the writer spaces affixes, news writers joining the pair is enough; where
            // the text shows no habit, a stronger association must hold by itself.
            let mut flags = 0u8;
            if association >= MIN_ASSOCIATION || news.joins() {
                flags |= JOIN_SPACED;
            }
            if association >= MIN_ASSOCIATION + UNMARKED_MARGIN {
                flags |= JOIN_UNMARKED;
            }
            if flags != 0 {
                *table.entry(skeleton.to_string()).or_default() |=
                    u64::from(flags) | (boundary as u64) << 8;
            }
        }
        table
    }

    /// Writes the table as an fst map.
    pub(crate) fn write(table: &BTreeMap<String, u64>, path: &Path) -> anyhow::Result<()> {
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut builder = fst::MapBuilder::new(file)?;
        for (key, value) in table {
            builder.insert(key.as_bytes(), *value)?;
        }
        builder.finish()?;
        tracing::info!(entries = table.len(), path = %path.display(), "spaced-compound table written");
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn bucket_sums_add_counts() {
            assert_eq!(bucket_sum(0, 40), 40.0);
            assert!((bucket_sum(40, 40) - 48.0).abs() < 1e-9);
            assert_eq!(single_boundary(1 << 3), Some(3));
            assert_eq!(single_boundary(0b1010), None);
        }

        #[test]
        fn derives_tails_and_compounds() {
            let fawiki: HashMap<String, u64> = [
                ("سازی", 10),
                ("سال", 1000),
                ("برج\u{200C}سازی", 20),
                ("پاک\u{200C}سازی", 20),
                ("خانه\u{200C}سازی", 20),
                ("راه\u{200C}سازی", 20),
                ("فرهنگ\u{200C}سازی", 20),
                ("دو\u{200C}سال", 20),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let lexicon: HashMap<&str, Entry> = [
                ("برنامهریزی", Entry::pack(1 << 6, 100, 30, LISTED)),
                ("برنامه", Entry::pack(0, 0, 119, 0)),
                ("ریزی", Entry::pack(0, 0, 87, 0)),
                ("امامخمینی", Entry::pack(1 << 4, 40, 0, 0)),
                ("امام", Entry::pack(0, 0, 113, 0)),
                ("خمینی", Entry::pack(0, 0, 105, 0)),
            ]
            .into_iter()
            .collect();
            let table = derive(&fawiki, &[], &lexicon);
            assert_eq!(
                table.get("سازی"),
                Some(&u64::from(BOUND_TAIL | STRONG_TAIL))
            );
            assert_eq!(table.get("سال"), None);
            let joined = u64::from(JOIN_SPACED | JOIN_UNMARKED) | 6 << 8;
            assert_eq!(table.get("برنامهریزی"), Some(&joined));
            assert_eq!(table.get("امامخمینی"), None);
        }

        #[test]
        fn news_evidence() {
            let joined = NewsPair {
                spaced: 53,
                joined: 102,
            };
            assert!(joined.joins() && !joined.spaces());
            let apart = NewsPair {
                spaced: 40,
                joined: 1,
            };
            assert!(!apart.joins() && apart.spaces());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_answers() {
        assert!(is_bound_tail("گیری", false));
        assert!(is_bound_tail("سازی", false));
        assert!(is_bound_tail("نامه", true) && !is_bound_tail("نامه", false));
        assert!(!is_bound_tail("سال", true));
        assert!(is_spaced_compound("برنامه", "ریزی", true));
        assert!(is_spaced_compound("سه", "شنبه", true));
        assert!(!is_spaced_compound("امام", "خمینی", true));
        assert!(!is_spaced_compound("سال", "گذشته", true));
    }

    /// The tables the build script laid out answer exactly what the fst says.
    #[test]
    fn embedded_table_agrees_with_the_fst() {
        use fst::Streamer;
        let Ok(map) = fst::Map::new(&include_bytes!("data/compounds.fst")[..]) else {
            panic!("data/compounds.fst does not parse");
        };
        assert!(map.len() > 1000);
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            assert_eq!(lookup(key), Some((value as u8, (value >> 8) as u8)));
            if let Some(head) = super::super::lexicon_table::compound_head(key, value) {
                let head = std::str::from_utf8(head).unwrap_or_default();
                assert!(may_head_compound(head), "{head}");
            }
            assert_eq!(value >> 16, 0);
        }
        assert_eq!(lookup("کتابفروشیسلام".as_bytes()), None);
    }
}
