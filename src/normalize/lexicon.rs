//! The embedded lexicon: for each word skeleton (the word with its ZWNJs removed), where its most
//! frequent spelling puts ZWNJs, how often it is written with and without them, and a few flags.
//!
//! ATTRIBUTION: `data/lexicon.fst` is derived by [`super::build_lexicon`] (counts and flags only,
//! no text) from the hazm 0.10.0 data files `words.dat`/`verbs.dat` (MIT, © Sobhe), the Persian
//! Wikipedia vocabulary of github.com/Text-Mining/Persian-Wikipedia-Corpus (CC BY-SA), and word
//! counts of the news collections listed in `../shared/README.md`.

use super::lexicon_table::{Bloom, Table, is_zwnj_preferred, shape_key};
pub use super::lexicon_table::{TYPED_FIX_MARGIN, word_hash};

/// The word is a present stem in hazm's verb list.
pub const PRESENT_STEM: u8 = 1;
/// The word is a past stem in hazm's verb list.
pub const PAST_STEM: u8 = 2;
/// hazm's lexicon lists the word (in its ZWNJ spelling when it has one): a lexicalized form.
pub const LISTED: u8 = 4;
/// News writers join the two parts with ZWNJ far more often than they space them.
pub const SPACED_JOIN: u8 = 8;
/// The word is a productive second part of ZWNJ compounds (`محور`, `کننده`, `ساز`…).
pub const COMPOUND_TAIL: u8 = 16;
/// hazm lists the word as a stopword (function words, pronouns, common verbs).
pub const STOPWORD: u8 = 32;

/// Counts are stored as `round(8·log2(1+count))`: one unit is a factor of 2^(1/8).
pub fn bucket(count: u64) -> u8 {
    ((8.0 * ((count as f64) + 1.0).log2()).round()).min(255.0) as u8
}

/// What the lexicon knows about one skeleton.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry(pub u64);

impl Entry {
    /// Packs the fields into the stored `u64`.
    pub fn pack(zwnj_mask: u32, zwnj_bucket: u8, glued_bucket: u8, flags: u8) -> Self {
        Entry(
            u64::from(zwnj_mask)
                | (u64::from(zwnj_bucket) << 32)
                | (u64::from(glued_bucket) << 40)
                | (u64::from(flags) << 48),
        )
    }
    /// Bit `i` set: the preferred spelling has a ZWNJ before char `i`.
    pub fn zwnj_mask(self) -> u32 {
        self.0 as u32
    }
    /// Frequency bucket of the ZWNJ spelling (0: never seen).
    pub fn zwnj_bucket(self) -> u8 {
        (self.0 >> 32) as u8
    }
    /// Frequency bucket of the glued spelling (0: never seen).
    pub fn glued_bucket(self) -> u8 {
        (self.0 >> 40) as u8
    }
    /// The flag bits (`PRESENT_STEM`, `LISTED`…).
    pub fn flags(self) -> u8 {
        (self.0 >> 48) as u8
    }
    /// True when `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.flags() & flag != 0
    }
    /// The larger of the two frequency buckets: how common the word is in any spelling.
    pub fn frequency(self) -> u8 {
        self.zwnj_bucket().max(self.glued_bucket())
    }
}

/// Bytes aligned for the slot tables (a slot never straddles a cache line).
#[repr(C, align(64))]
pub(crate) struct Aligned<B: ?Sized>(pub(crate) B);

/// Embeds a table file that the build script wrote (the lexicon's and the compound table's).
macro_rules! table_file {
    ($name:literal) => {{
        static BYTES: &$crate::normalize::lexicon::Aligned<[u8]> =
            &$crate::normalize::lexicon::Aligned(*include_bytes!(concat!(
                env!("OUT_DIR"),
                "/",
                $name
            )));
        &BYTES.0
    }};
}
pub(crate) use table_file;

/// The lexicon, as hash tables the build script laid out from `data/lexicon.fst` (see
/// [`super::lexicon_table`]): probed in place, nothing is decoded at run time.
pub struct Lexicon {
    all: Table<'static>,
    entries: usize,
    /// The few entries that [`TYPED_FIX_MARGIN`] lets fix in ZWNJ-typing text: a small table the
    /// common case (clean news) probes without leaving the cache.
    typed_fixes: Table<'static>,
    /// Which skeletons [`Lexicon::typed_fix`] may find: most words are rejected from L1.
    typed_filter: Bloom<'static>,
    /// The [`shape_key`]s of those skeletons, a bit each: checked before a word is even hashed.
    typed_shapes: &'static [u8],
    /// Which skeletons [`Lexicon::zwnj_spelled`] may find: a spaced pair is rarely one word,
    /// and this rejects most pairs without touching the large table.
    zwnj_filter: Bloom<'static>,
    /// The skeletons of `zwnj_filter` with one ZWNJ, by the `pair_hash` of the parts it cuts:
    /// a spaced pair is looked up only if its words' hashes pass.
    zwnj_pair_filter: Bloom<'static>,
}

impl Lexicon {
    fn embedded() -> Self {
        let entries: &[u8] = table_file!("lexicon_all.len");
        let entries = <[u8; 8]>::try_from(entries).map_or(0, u64::from_le_bytes);
        Self {
            all: Table::new(
                table_file!("lexicon_all.slots"),
                table_file!("lexicon_all.arena"),
            ),
            entries: usize::try_from(entries).unwrap_or(0),
            typed_fixes: Table::new(
                table_file!("lexicon_fixes.slots"),
                table_file!("lexicon_fixes.arena"),
            ),
            typed_filter: Bloom::new(table_file!("lexicon_fixes.bloom")),
            typed_shapes: table_file!("lexicon_fixes.shapes"),
            zwnj_filter: Bloom::new(table_file!("lexicon_zwnj.bloom")),
            zwnj_pair_filter: Bloom::new(table_file!("lexicon_zwnj_pairs.bloom")),
        }
    }

    /// What the lexicon knows about `skeleton` (a word without ZWNJ).
    #[inline]
    pub fn get(&self, skeleton: &str) -> Option<Entry> {
        self.get_bytes(skeleton.as_bytes())
    }

    /// [`Lexicon::get`] for a skeleton given as bytes.
    #[inline]
    pub fn get_bytes(&self, skeleton: &[u8]) -> Option<Entry> {
        self.all.get(skeleton, word_hash(skeleton)).map(Entry)
    }

    /// [`Lexicon::get`] for a skeleton whose [`word_hash`] is known.
    #[inline]
    pub fn get_hashed(&self, skeleton: &str, hash: u64) -> Option<Entry> {
        self.all.get(skeleton.as_bytes(), hash).map(Entry)
    }

    /// False when no skeleton that [`Lexicon::zwnj_spelled`] finds has a single ZWNJ between
    /// two parts with these hashes (`pair_hash` of their [`word_hash`]es).
    #[inline]
    pub fn may_join_with_zwnj(&self, pair_hash: u64) -> bool {
        self.zwnj_pair_filter.may_contain(pair_hash)
    }

    /// The entry of `skeleton` if text that types ZWNJs should still get its ZWNJ spelling.
    #[inline]
    pub fn typed_fix(&self, skeleton: &str) -> Option<Entry> {
        let shape = shape_key(skeleton.as_bytes());
        if self
            .typed_shapes
            .get(shape / 8)
            .is_some_and(|bits| bits >> (shape % 8) & 1 == 0)
        {
            return None;
        }
        let hash = word_hash(skeleton.as_bytes());
        if !self.typed_filter.may_contain(hash) {
            return None;
        }
        self.typed_fixes.get(skeleton.as_bytes(), hash).map(Entry)
    }

    /// The entry of `skeleton` if its preferred spelling has a ZWNJ and is more common than the
    /// glued one (`None` otherwise, like [`Lexicon::get`] filtered so, but faster on misses).
    #[inline]
    pub fn zwnj_spelled(&self, skeleton: &[u8]) -> Option<Entry> {
        self.zwnj_spelled_hashed(skeleton, word_hash(skeleton))
    }

    /// [`Lexicon::zwnj_spelled`] for a skeleton whose [`word_hash`] is known.
    #[inline]
    pub fn zwnj_spelled_hashed(&self, skeleton: &[u8], hash: u64) -> Option<Entry> {
        if !self.zwnj_filter.may_contain(hash) {
            return None;
        }
        self.all
            .get(skeleton, hash)
            .filter(|&v| is_zwnj_preferred(v))
            .map(Entry)
    }

    /// Number of skeletons known.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// True when the artifact was missing or unreadable (restoration then does nothing).
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }
}

/// The embedded lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::embedded);
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trips() {
        let e = Entry::pack(0b100, 90, 40, LISTED | SPACED_JOIN);
        assert_eq!(e.zwnj_mask(), 0b100);
        assert_eq!(e.zwnj_bucket(), 90);
        assert_eq!(e.glued_bucket(), 40);
        assert!(e.has(LISTED) && e.has(SPACED_JOIN) && !e.has(PAST_STEM));
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(1), 8);
    }

    #[test]
    fn embedded_lexicon_answers() {
        let lexicon = lexicon();
        assert!(lexicon.len() > 100_000);
        let e = lexicon.get("برنامههای").map(Entry::zwnj_mask);
        assert_eq!(e, Some(1 << 6));
        assert_eq!(
            lexicon.zwnj_spelled("برنامههای".as_bytes()),
            lexicon.get("برنامههای")
        );
        assert_eq!(lexicon.zwnj_spelled("کتابفروشیسلام".as_bytes()), None);
    }

    /// The tables the build script laid out answer exactly what the fst says.
    #[test]
    fn embedded_tables_agree_with_the_fst() {
        use fst::Streamer;
        let Ok(map) = fst::Map::new(&include_bytes!("data/lexicon.fst")[..]) else {
            panic!("data/lexicon.fst does not parse");
        };
        let lexicon = lexicon();
        assert_eq!(lexicon.len(), map.len());
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            let entry = Entry(value);
            assert_eq!(lexicon.get_bytes(key), Some(entry));
            let zwnj = is_zwnj_preferred(value).then_some(entry);
            assert_eq!(lexicon.zwnj_spelled(key), zwnj);
            if let Ok(word) = std::str::from_utf8(key) {
                let fix = super::super::lexicon_table::is_typed_fix(value).then_some(entry);
                assert_eq!(lexicon.typed_fix(word), fix);
            }
        }
    }
}
