//! What the ranking knows of each candidate of one text, as numbers: frequency, position, title,
//! rarity in news, phrase shape, word classes, and how complete the phrase is (a phrase that news
//! nearly always writes inside a longer one, like `انتخابات ریاست` in `انتخابات ریاست جمهوری`,
//! is a fragment).

use super::candidates::{Candidate, Collector};
use super::fold::key_words;
use super::hashing::FxHashMap as HashMap;
use super::keyphrases::Keyphrases;
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
fn ln_one_plus(n: u32) -> f64 {
    ln_one_plus_whole(f64::from(n))
}

/// `ln(1 + x)` for a count `x` held as a float (document frequencies), from a table when `x` is
/// a small whole number: the same value, bit for bit.
fn ln_one_plus_whole(x: f64) -> f64 {
    const SMALL: usize = 1024;
    static TABLE: std::sync::LazyLock<Vec<f64>> =
        std::sync::LazyLock::new(|| (0..SMALL).map(|i| (1.0 + i as f64).ln()).collect());
    if (0.0..SMALL as f64).contains(&x)
        && x.fract() == 0.0
        && let Some(&ln) = TABLE.get(x as usize)
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
}

/// Computes the features of every candidate of `collector`'s text (strays left out), in no
/// particular order.
pub fn compute<'c, F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    collector: &'c Collector,
    freq: &F,
    lexicon: &L,
    speakers: &[String],
) -> Vec<Row<'c>> {
    let candidates = &collector.candidates;
    let mut known: HashMap<&str, Known> =
        HashMap::with_capacity_and_hasher(candidates.len(), Default::default());
    let keyphrases = Keyphrases::embedded();
    // One hash per phrase serves the background table, the run counts and the keyphrase table.
    let mut rows: Vec<(&str, &Candidate, [f64; 4], Known)> = Vec::with_capacity(candidates.len());
    let mut docs = 1.0;
    for (key, hash, c) in candidates.iter_hashed() {
        if is_stray(c) {
            continue;
        }
        let (entry, d, n) = freq.lookup_hashed(key, hash);
        docs = n;
        let single_count = if c.words == 1 { c.count } else { 0 };
        let own = Known {
            entry,
            df: d,
            single_count,
            count: c.count,
            row: rows.len() as u32,
        };
        known.insert(key, own);
        let (class_share, full_name) = if c.words == 1 {
            lexicon.name_evidence(key, hash)
        } else {
            (0.0, false)
        };
        let [tagged, share] = keyphrases.features_hashed(hash);
        let prior = [class_share, f64::from(u8::from(full_name)), tagged, share];
        rows.push((key, c, prior, own));
    }
    // Fragments: how much of a phrase's news frequency a one-word-longer phrase of this text holds;
    // subsumed: the text never writes it outside that longer phrase. By row; a stray shorter
    // phrase has no row and no features, so what it would get is not kept.
    let mut fragment = vec![0.0f64; rows.len()];
    let mut subsumed = vec![false; rows.len()];
    for (key, c, _, own) in &rows {
        if c.words < 2 {
            continue;
        }
        let long_df = own.df;
        let shorter = [
            key.rsplit_once(' ').map(|x| x.0),
            key.split_once(' ').map(|x| x.1),
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
        known: &known,
        speakers,
        total_positions: f64::from(collector.position.max(1)),
        total_segments: f64::from(collector.segments.max(1)),
        fragment: &fragment,
        subsumed: &subsumed,
    };
    // Each row's features are written in place: built apart and moved in, the 34 numbers were
    // copied once more per candidate.
    let mut computed: Vec<Row<'c>> = Vec::with_capacity(rows.len());
    for (key, candidate, prior, own) in rows {
        computed.push(Row {
            key,
            candidate,
            features: [0.0; COUNT],
        });
        if let Some(row) = computed.last_mut() {
            context.features_into(key, candidate, prior, own, &mut row.features);
        }
    }
    computed
}

/// What the features of one candidate are computed from.
struct Context<'a, F: ?Sized, L: ?Sized> {
    docs: f64,
    lexicon: &'a L,
    freq: &'a F,
    /// Background entries and document frequencies of this text's candidates.
    known: &'a HashMap<&'a str, Known>,
    speakers: &'a [String],
    total_positions: f64,
    total_segments: f64,
    /// By row (see [`Known::row`]).
    fragment: &'a [f64],
    subsumed: &'a [bool],
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
        let (docs, total_positions, total_segments) =
            (self.docs, self.total_positions, self.total_segments);
        let row = own.row as usize;
        let own_known = Some(own);
        let df = own_known.map_or(0.0, |k| k.df);
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
                self.known.get(word).copied()
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
        let own = self.entry_of(key, own_known);
        let single_adjective = c.words == 1 && own.has(flags::ADJECTIVE);
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        let [class_share, full_name, keyphrase_tagged, keyphrase_share] = prior;
        *out = [
            1.0,
            ln_one_plus(c.count),
            idf,
            b(c.in_title),
            b(c.first_segment <= 1),
            ln_one_plus(c.first_segment),
            f64::from(c.first_position) / total_positions,
            b(c.words == 1),
            b(c.words == 2),
            b(c.words == 3),
            b(c.words > 1 && c.count < 2 && df < 2.0),
            b(all_unknown),
            b(head_noun),
            min_wiki / 100.0,
            cohesion,
            self.fragment.get(row).copied().unwrap_or(0.0),
            b(self.subsumed.get(row).copied().unwrap_or(false)),
            b(self.speakers.iter().any(|s| s == key)),
            f64::from(c.segments) / total_segments,
            b(single_adjective),
            ((f64::from(own.title_df) + 0.5) / (df + 1.0)).ln(),
            light_verb,
            time_words / c.words as f64,
            b(c.words == 1) * idf,
            b(c.words == 1 && c.in_title),
            b(c.words == 1) * ln_one_plus(c.count),
            idf * idf / 10.0,
            b(c.in_title && c.first_position == 0),
            outside_dictionary / c.words as f64,
            if c.words > 1 {
                ln_one_plus(max_part_count) - ln_one_plus(c.count)
            } else {
                0.0
            },
            class_share,
            full_name,
            keyphrase_tagged,
            keyphrase_share,
        ];
    }
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
    }
}
