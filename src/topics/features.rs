//! What the ranking knows of each candidate of one text, as numbers: frequency, position, title,
//! rarity in news, phrase shape, word classes, and how complete the phrase is (a phrase that news
//! nearly always writes inside a longer one, like `انتخابات ریاست` in `انتخابات ریاست جمهوری`,
//! is a fragment).

use super::candidates::{Candidate, Collector};
use super::fold::key_words;
use super::keyphrases::Keyphrases;
use super::phrases::Phrases;
use super::running::key_hash;
use super::table::{Entry, Lexicon, flags};

/// Document frequency source: background table and run counts together.
pub trait Frequencies {
    /// `(background entry, documents holding key, documents counted)`.
    fn lookup(&self, key: &str) -> (Entry, f64, f64);

    /// [`Self::lookup`] of a key whose xxh3 hash is known (implementations keyed by that hash
    /// skip hashing it again).
    fn lookup_hashed(&self, key: &str, _hash: u64) -> (Entry, f64, f64) {
        self.lookup(key)
    }
}

/// A candidate's background entry and its document frequency (background plus run), looked up
/// once per text.
#[derive(Debug, Clone, Copy)]
struct Known {
    entry: Entry,
    df: f64,
    /// Occurrences in this text when the candidate is a single word (0 for longer phrases).
    single_count: u32,
    /// Occurrences in this text.
    count: u32,
    /// Its place among the ranked candidates.
    row: u32,
}

/// Documents a phrase must appear in before its share inside longer phrases means anything.
const MIN_FRAGMENT_EVIDENCE: f64 = 3.0;

/// Number of features (the first is the constant 1).
pub const COUNT: usize = 34;

/// Feature names, in order (for explanations and the tuning scripts).
pub const NAMES: [&str; COUNT] = [
    "bias",
    "log_count",
    "idf",
    "in_title",
    "lead",
    "log_first_segment",
    "first_position",
    "one_word",
    "two_words",
    "three_words",
    "loose",
    "unknown_words",
    "head_noun",
    "wiki_frequency",
    "cohesion",
    "fragment",
    "subsumed",
    "speaker",
    "spread",
    "adjective",
    "title_likelihood",
    "light_verb",
    "time_words",
    "idf_one_word",
    "title_one_word",
    "log_count_one_word",
    "idf_squared",
    "title_head",
    "name_like",
    "part_repeated",
    "class_share",
    "full_name",
    "keyphrase_tagged",
    "keyphrase_share",
];

/// Words of dates and times of day: news mentions them everywhere, editors never tag them.
const TIME_WORDS: [&str; 20] = [
    "امروز",
    "دیروز",
    "فردا",
    "امشب",
    "صبح",
    "ظهر",
    "عصر",
    "بعدازظهر",
    "شب",
    "روز",
    "هفته",
    "ماه",
    "سال",
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سهشنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
];

/// Bit `n` set for the byte length `n` of each of [`TIME_WORDS`]: most words are ruled out by
/// their length alone, without comparing them to each.
const TIME_WORD_LENGTHS: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < TIME_WORDS.len() {
        mask |= 1 << TIME_WORDS[i].len();
        i += 1;
    }
    mask
};

fn is_time_word(word: &str) -> bool {
    word.len() < 64 && TIME_WORD_LENGTHS & (1 << word.len()) != 0 && TIME_WORDS.contains(&word)
}

/// The features of one candidate.
pub type Features = [f64; COUNT];

/// `ln(1 + n)`: counts and segment numbers are small, and a table of the same values spares
/// most of the ranking's logarithms.
#[cfg(test)]
fn ln_one_plus(n: u32) -> f64 {
    ln_one_plus_in(ln_table(), n)
}

/// [`ln_one_plus`] with the table at hand (see [`ln_table`]).
fn ln_one_plus_in(table: &[f64], n: u32) -> f64 {
    table
        .get(n as usize)
        .copied()
        .unwrap_or_else(|| (f64::from(n) + 1.0).ln())
}

/// `ln(1 + i)` for the small whole numbers `i`.
fn ln_table() -> &'static [f64] {
    const SMALL: usize = 1024;
    static TABLE: std::sync::LazyLock<Vec<f64>> =
        std::sync::LazyLock::new(|| (0..SMALL).map(|i| (1.0 + i as f64).ln()).collect());
    &TABLE
}

/// `ln(1 + x)` for a count `x` held as a float (document frequencies), from a table when `x` is
/// a small whole number: the same value, bit for bit.
fn ln_one_plus_whole(x: f64) -> f64 {
    // Saturating: negative and huge values fall outside the table, as do fractions.
    let whole = x as usize;
    if whole as f64 == x
        && let Some(&ln) = ln_table().get(whole)
    {
        return ln;
    }
    (x + 1.0).ln()
}

/// A many-word phrase written once, outside the title and lead: not an established phrase of
/// this text. Left out before any lookup, which also saves most of the ranking's work (most
/// n-grams of a text occur once).
pub fn is_stray(c: &Candidate) -> bool {
    c.words > 1 && c.count < 2 && !c.in_title && c.first_segment > 1
}

/// One candidate of a text with its features.
#[derive(Debug, Clone)]
pub struct Row<'c> {
    pub key: &'c str,
    pub candidate: &'c Candidate,
    pub features: Features,
    /// Its place among the text's phrases (see [`Phrases::position_hashed`]).
    ///
    /// [`Phrases::position_hashed`]: super::phrases::Phrases::position_hashed
    pub slot: u32,
    /// Its background entry and document frequency (background plus run).
    entry: Entry,
    df: f64,
}

/// The rows of a text another text's phrases are also phrases of (a statement's article): what
/// depends on a phrase alone (its frequencies, its words' classes, the editors' priors...) is
/// taken from there rather than looked up and worked out again.
#[derive(Debug, Clone, Copy)]
pub struct Inherited<'a, 'r> {
    /// The other text's rows.
    pub rows: &'a [Row<'r>],
    /// By slot of the text being ranked: the index in `rows` of its phrase's row there
    /// ([`NO_ROW`] when it has none).
    pub row_of_slot: &'a [u32],
}

/// No row (see [`Inherited::row_of_slot`]).
pub const NO_ROW: u32 = u32::MAX;

impl<'a, 'r> Inherited<'a, 'r> {
    /// Whether the phrase in slot `slot` may have an inherited row.
    pub fn may_have_row(self, slot: usize) -> bool {
        self.row_of_slot.get(slot).is_some_and(|&r| r != NO_ROW)
    }

    /// The inherited row of the phrase in slot `slot`, when it has one for as many words.
    fn row(self, slot: usize, words: usize) -> Option<&'a Row<'r>> {
        let row = *self.row_of_slot.get(slot)?;
        self.rows
            .get(row as usize)
            .filter(|r| r.candidate.words == words)
    }
}

/// Computes the features of every candidate of `collector`'s text (strays left out), in no
/// particular order.
///
/// With `inherited`, a phrase that has a row there takes what depends on the phrase alone from
/// it (the same numbers, as the frequencies and speakers are the same).
pub fn compute<'c, F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    collector: &'c Collector,
    freq: &F,
    lexicon: &L,
    speakers: &[String],
    inherited: Option<Inherited<'_, '_>>,
) -> Vec<Row<'c>> {
    let candidates = &collector.candidates;
    // The row of each phrase of the text (by slot): with the text's own index of phrase hashes,
    // what is known of a word or shorter phrase of the text is found by its hash.
    let mut row_of_slot = vec![NO_ROW; candidates.len()];
    let keyphrases = Keyphrases::embedded();
    // One hash per phrase serves the background table, the run counts and the keyphrase table.
    let mut rows: Vec<Pending<'c, '_>> = Vec::with_capacity(candidates.len());
    let mut knowns: Vec<Known> = Vec::with_capacity(candidates.len());
    let mut docs = 1.0;
    for (slot, (key, hash, c)) in candidates.iter_hashed().enumerate() {
        if is_stray(c) {
            continue;
        }
        let source = inherited.and_then(|i| i.row(slot, c.words));
        let (entry, d, prior) = match source {
            Some(source) => (source.entry, source.df, [0.0; 4]),
            None => {
                let (entry, d, n) = freq.lookup_hashed(key, hash);
                docs = n;
                let (class_share, full_name) = if c.words == 1 {
                    lexicon.name_evidence(key, hash)
                } else {
                    (0.0, false)
                };
                let [tagged, share] = keyphrases.features_hashed(hash);
                (
                    entry,
                    d,
                    [class_share, f64::from(u8::from(full_name)), tagged, share],
                )
            }
        };
        let single_count = if c.words == 1 { c.count } else { 0 };
        let own = Known {
            entry,
            df: d,
            single_count,
            count: c.count,
            row: knowns.len() as u32,
        };
        if let Some(at) = row_of_slot.get_mut(slot) {
            *at = own.row;
        }
        knowns.push(own);
        rows.push(Pending {
            key,
            candidate: c,
            prior,
            slot: slot as u32,
            source: source.map(|r| &r.features),
        });
    }
    let known = KnownPhrases {
        phrases: candidates,
        row_of_slot: &row_of_slot,
        rows: &knowns,
    };
    // Fragments: how much of a phrase's news frequency a one-word-longer phrase of this text holds;
    // subsumed: the text never writes it outside that longer phrase. By row; a stray shorter
    // phrase has no row and no features, so what it would get is not kept.
    let mut fragment = vec![0.0f64; rows.len()];
    let mut subsumed = vec![false; rows.len()];
    for (
        Pending {
            key, candidate: c, ..
        },
        own,
    ) in rows.iter().zip(&knowns)
    {
        if c.words < 2 {
            continue;
        }
        let long_df = own.df;
        // A space is one byte: the cuts are char boundaries.
        let bytes = key.as_bytes();
        let shorter = [
            bytes
                .iter()
                .rposition(|&b| b == b' ')
                .and_then(|at| key.get(..at)),
            bytes
                .iter()
                .position(|&b| b == b' ')
                .and_then(|at| key.get(at + 1..)),
        ];
        for sub in shorter.into_iter().flatten() {
            let Some(sub) = known.get(sub) else {
                continue;
            };
            let row = sub.row as usize;
            // Only news evidence counts: a phrase news never saw is no fragment of anything.
            if sub.df >= MIN_FRAGMENT_EVIDENCE {
                fragment[row] = fragment[row].max((long_df / sub.df).min(1.0));
            }
            if sub.count <= c.count {
                subsumed[row] = true;
            }
        }
    }
    let context = Context {
        docs,
        lexicon,
        freq,
        known,
        speakers,
        total_positions: f64::from(collector.position.max(1)),
        total_segments: f64::from(collector.segments.max(1)),
        fragment: &fragment,
        subsumed: &subsumed,
        ln_table: ln_table(),
    };
    // Each row's features are written in place: built apart and moved in, the 34 numbers were
    // copied once more per candidate.
    let mut computed: Vec<Row<'c>> = Vec::with_capacity(rows.len());
    for (pending, &own) in rows.into_iter().zip(&knowns) {
        computed.push(Row {
            key: pending.key,
            candidate: pending.candidate,
            features: [0.0; COUNT],
            slot: pending.slot,
            entry: own.entry,
            df: own.df,
        });
        if let Some(row) = computed.last_mut() {
            match pending.source {
                Some(source) => context.inherited_features_into(
                    pending.key,
                    pending.candidate,
                    own,
                    source,
                    &mut row.features,
                ),
                None => context.features_into(
                    pending.key,
                    pending.candidate,
                    pending.prior,
                    own,
                    &mut row.features,
                ),
            }
        }
    }
    computed
}

/// A candidate given a row, before its features are computed.
struct Pending<'c, 'r> {
    key: &'c str,
    candidate: &'c Candidate,
    /// See [`Context::features_into`] (unused with a `source`).
    prior: [f64; 4],
    slot: u32,
    /// The features of its inherited row, if any.
    source: Option<&'r Features>,
}

/// What is known of the phrases of a text that have a row, found by their key's hash in the
/// text's own index of phrases.
#[derive(Clone, Copy)]
struct KnownPhrases<'a> {
    phrases: &'a Phrases,
    /// By slot in `phrases`: the row ([`NO_ROW`] for none).
    row_of_slot: &'a [u32],
    /// By row.
    rows: &'a [Known],
}

impl KnownPhrases<'_> {
    /// What is known of the phrase `key` of the text (`None` when it has no row).
    fn get(&self, key: &str) -> Option<Known> {
        let slot = self.phrases.position_hashed(key_hash(key))?;
        let row = *self.row_of_slot.get(slot)?;
        self.rows.get(row as usize).copied()
    }
}

/// What the features of one candidate are computed from.
struct Context<'a, F: ?Sized, L: ?Sized> {
    docs: f64,
    lexicon: &'a L,
    freq: &'a F,
    /// Background entries and document frequencies of this text's candidates.
    known: KnownPhrases<'a>,
    speakers: &'a [String],
    total_positions: f64,
    total_segments: f64,
    /// By row (see [`Known::row`]).
    fragment: &'a [f64],
    subsumed: &'a [bool],
    /// See [`ln_table`] (looked up once per text rather than per feature).
    ln_table: &'static [f64],
}

impl<F: Frequencies + ?Sized, L: Lexicon + ?Sized> Context<'_, F, L> {
    fn entry_of(&self, key: &str, known: Option<Known>) -> Entry {
        known.map_or_else(|| self.lexicon.word_entry(key), |k| k.entry)
    }

    /// `prior`: what is known of the phrase before this text: its class share and full-name
    /// flag (see [`Lexicon::name_evidence`]), then its [`Keyphrases`] features (how often editors
    /// tagged it). `own` is what [`compute`] looked up for `key` itself. The features are
    /// written to `out`.
    fn features_into(
        &self,
        key: &str,
        c: &Candidate,
        prior: [f64; 4],
        own: Known,
        out: &mut Features,
    ) {
        let docs = self.docs;
        let own_known = Some(own);
        let df = own.df;
        let mut all_unknown = true;
        let mut min_wiki = f64::MAX;
        let mut min_word_df = f64::MAX;
        let mut head_noun = false;
        let mut light_verb = 0.0f64;
        let mut time_words = 0.0;
        let mut outside_dictionary = 0.0;
        let mut max_part_count = 0u32;
        for (i, word) in key_words(key).enumerate() {
            // A one-word key may still hold a space (a glued `تر` ending): only the whole key
            // is known already.
            let word_known = if word.len() == key.len() {
                own_known
            } else {
                self.known.get(word)
            };
            let entry = self.entry_of(word, word_known);
            all_unknown &= !entry.has(flags::KNOWN);
            min_wiki = min_wiki.min(f64::from(entry.wiki));
            if i == 0 {
                head_noun = entry.has(flags::NOUN);
            }
            light_verb = light_verb.max(f64::from(entry.light_verb) / 255.0);
            time_words += f64::from(u8::from(is_time_word(word)));
            outside_dictionary += f64::from(u8::from(
                entry.has(flags::KNOWN) && !entry.has(flags::DICTIONARY),
            ));
            if c.words > 1 {
                max_part_count = max_part_count.max(word_known.map_or(0, |k| k.single_count));
            }
            if c.words > 1 {
                let word_df = word_known.map_or_else(|| self.freq.lookup(word).1, |k| k.df);
                min_word_df = min_word_df.min(word_df);
            }
        }
        let idf = ((docs + 1.0) / (df + 1.0)).ln();
        let cohesion = if c.words > 1 {
            ln_one_plus_whole(df) - ln_one_plus_whole(min_word_df)
        } else {
            0.0
        };
        let own_entry = self.entry_of(key, own_known);
        let single_adjective = c.words == 1 && own_entry.has(flags::ADJECTIVE);
        let [class_share, full_name, keyphrase_tagged, keyphrase_share] = prior;
        // The features of the text are written by `text_features_into` (left 0 here).
        *out = [
            1.0,
            0.0,
            idf,
            0.0,
            0.0,
            0.0,
            0.0,
            b(c.words == 1),
            b(c.words == 2),
            b(c.words == 3),
            0.0,
            b(all_unknown),
            b(head_noun),
            min_wiki / 100.0,
            cohesion,
            0.0,
            0.0,
            b(self.speakers.iter().any(|s| s == key)),
            0.0,
            b(single_adjective),
            ((f64::from(own_entry.title_df) + 0.5) / (df + 1.0)).ln(),
            light_verb,
            time_words / c.words as f64,
            b(c.words == 1) * idf,
            0.0,
            0.0,
            idf * idf / 10.0,
            0.0,
            outside_dictionary / c.words as f64,
            0.0,
            class_share,
            full_name,
            keyphrase_tagged,
            keyphrase_share,
        ];
        self.text_features_into(c, own, max_part_count, out);
    }

    /// [`Self::features_into`] of a phrase whose features of the phrase alone are those of
    /// `source` (see [`Inherited`]): only those of this text are worked out.
    fn inherited_features_into(
        &self,
        key: &str,
        c: &Candidate,
        own: Known,
        source: &Features,
        out: &mut Features,
    ) {
        let mut max_part_count = 0u32;
        if c.words > 1 {
            for word in key_words(key) {
                let single = self.known.get(word).map_or(0, |k| k.single_count);
                max_part_count = max_part_count.max(single);
            }
        }
        *out = *source;
        self.text_features_into(c, own, max_part_count, out);
    }

    /// Writes the features that depend on this text (counts, places, the text's other
    /// phrases) into `out`, leaving those of the phrase alone. `max_part_count`: the most
    /// occurrences in this text of one of the phrase's words alone (0 for one word).
    #[inline]
    fn text_features_into(
        &self,
        c: &Candidate,
        own: Known,
        max_part_count: u32,
        out: &mut Features,
    ) {
        let row = own.row as usize;
        let df = own.df;
        let ln_count = ln_one_plus_in(self.ln_table, c.count);
        out[1] = ln_count;
        out[3] = b(c.in_title);
        out[4] = b(c.first_segment <= 1);
        out[5] = ln_one_plus_in(self.ln_table, c.first_segment);
        out[6] = f64::from(c.first_position) / self.total_positions;
        out[10] = b(c.words > 1 && c.count < 2 && df < 2.0);
        out[15] = self.fragment.get(row).copied().unwrap_or(0.0);
        out[16] = b(self.subsumed.get(row).copied().unwrap_or(false));
        out[18] = f64::from(c.segments) / self.total_segments;
        out[24] = b(c.words == 1 && c.in_title);
        out[25] = b(c.words == 1) * ln_count;
        out[27] = b(c.in_title && c.first_position == 0);
        out[29] = if c.words > 1 {
            ln_one_plus_in(self.ln_table, max_part_count) - ln_count
        } else {
            0.0
        };
    }
}

/// A flag as a feature.
fn b(x: bool) -> f64 {
    if x { 1.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_words_are_found_by_length_then_spelling() {
        for word in TIME_WORDS {
            assert!(is_time_word(word), "{word}");
        }
        for word in ["", "قم", "امروزه", "سالن", "ماهی", "برنامه‌های بلند مدت"]
        {
            assert!(!is_time_word(word), "{word}");
        }
    }

    #[test]
    fn tabled_logarithms_are_the_computed_ones() {
        for n in [0u32, 1, 2, 7, 255, 1023, 1024, 5000, u32::MAX] {
            let x = f64::from(n);
            assert_eq!(ln_one_plus(n).to_bits(), (1.0 + x).ln().to_bits(), "{n}");
            assert_eq!(
                ln_one_plus_whole(x).to_bits(),
                (x + 1.0).ln().to_bits(),
                "{n}"
            );
        }
        assert_eq!(ln_one_plus_whole(2.5), 3.5f64.ln());
        assert_eq!(ln_one_plus_whole(f64::MAX), f64::MAX.ln());
        assert_eq!(ln_one_plus_whole(-1.0), f64::NEG_INFINITY);
        assert_eq!(ln_one_plus_whole(-0.5), 0.5f64.ln());
        assert!(ln_one_plus_whole(f64::NAN).is_nan());
    }
}
