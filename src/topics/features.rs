//! What the ranking knows of each candidate of one text, as numbers: frequency, position, title,
//! rarity in news, phrase shape, word classes, and how complete the phrase is (a phrase that news
//! nearly always writes inside a longer one, like `انتخابات ریاست` in `انتخابات ریاست جمهوری`,
//! is a fragment).

use std::collections::HashMap;

use super::candidates::{Candidate, Collector};
use super::table::{Lexicon, flags};

/// Document frequency source: background table and run counts together.
pub trait Frequencies {
    /// `(documents holding key, documents counted)`.
    fn df(&self, key: &str) -> (f64, f64);
}

/// Documents a phrase must appear in before its share inside longer phrases means anything.
const MIN_FRAGMENT_EVIDENCE: f64 = 3.0;

/// Number of features (the first is the constant 1).
pub const COUNT: usize = 28;

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

/// The features of one candidate.
pub type Features = [f64; COUNT];

/// Computes the features of every candidate of `collector`'s text.
pub fn compute<F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    collector: &Collector,
    freq: &F,
    lexicon: &L,
    speakers: &[String],
) -> HashMap<String, Features> {
    let candidates = &collector.candidates;
    let mut df: HashMap<&str, f64> = HashMap::with_capacity(candidates.len());
    let mut docs = 1.0;
    for key in candidates.keys() {
        let (d, n) = freq.df(key);
        docs = n;
        df.insert(key.as_str(), d);
    }
    // Fragments: how much of a phrase's news frequency a one-word-longer phrase of this text holds;
    // subsumed: the text never writes it outside that longer phrase.
    let mut fragment: HashMap<&str, f64> = HashMap::new();
    let mut subsumed: HashMap<&str, bool> = HashMap::new();
    for (key, c) in candidates {
        if c.words < 2 {
            continue;
        }
        let long_df = df.get(key.as_str()).copied().unwrap_or(0.0);
        let shorter = [
            key.rsplit_once(' ').map(|x| x.0),
            key.split_once(' ').map(|x| x.1),
        ];
        for sub in shorter.into_iter().flatten() {
            let Some((sub_key, sub)) = candidates.get_key_value(sub) else {
                continue;
            };
            let sub_df = df.get(sub_key.as_str()).copied().unwrap_or(0.0);
            // Only news evidence counts: a phrase news never saw is no fragment of anything.
            if sub_df >= MIN_FRAGMENT_EVIDENCE {
                let f = fragment.entry(sub_key.as_str()).or_insert(0.0);
                *f = f.max((long_df / sub_df).min(1.0));
            }
            if sub.count <= c.count {
                subsumed.insert(sub_key.as_str(), true);
            }
        }
    }
    let total_positions = f64::from(collector.position.max(1));
    let total_segments = f64::from(collector.segments.max(1));
    let mut out = HashMap::with_capacity(candidates.len());
    for (key, c) in candidates {
        let d = df.get(key.as_str()).copied().unwrap_or(0.0);
        out.insert(
            key.clone(),
            features_of(
                key,
                c,
                d,
                docs,
                lexicon,
                freq,
                &df,
                speakers,
                (total_positions, total_segments),
                &fragment,
                &subsumed,
            ),
        );
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn features_of<F: Frequencies + ?Sized, L: Lexicon + ?Sized>(
    key: &str,
    c: &Candidate,
    df: f64,
    docs: f64,
    lexicon: &L,
    freq: &F,
    known_df: &HashMap<&str, f64>,
    speakers: &[String],
    (total_positions, total_segments): (f64, f64),
    fragment: &HashMap<&str, f64>,
    subsumed: &HashMap<&str, bool>,
) -> Features {
    let mut all_unknown = true;
    let mut min_wiki = f64::MAX;
    let mut min_word_df = f64::MAX;
    let mut head_noun = false;
    let mut light_verb = 0.0f64;
    let mut time_words = 0.0;
    for (i, word) in key.split(' ').enumerate() {
        let entry = lexicon.entry(word);
        all_unknown &= !entry.has(flags::KNOWN);
        min_wiki = min_wiki.min(f64::from(entry.wiki));
        if i == 0 {
            head_noun = entry.has(flags::NOUN);
        }
        light_verb = light_verb.max(f64::from(entry.light_verb) / 255.0);
        time_words += f64::from(u8::from(TIME_WORDS.contains(&word)));
        if c.words > 1 {
            let word_df = known_df
                .get(word)
                .copied()
                .unwrap_or_else(|| freq.df(word).0);
            min_word_df = min_word_df.min(word_df);
        }
    }
    let idf = ((docs + 1.0) / (df + 1.0)).ln();
    let cohesion = if c.words > 1 {
        (df + 1.0).ln() - (min_word_df + 1.0).ln()
    } else {
        0.0
    };
    let single_adjective = c.words == 1 && lexicon.entry(key).has(flags::ADJECTIVE);
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    [
        1.0,
        (1.0 + f64::from(c.count)).ln(),
        idf,
        b(c.in_title),
        b(c.first_segment <= 1),
        (1.0 + f64::from(c.first_segment)).ln(),
        f64::from(c.first_position) / total_positions,
        b(c.words == 1),
        b(c.words == 2),
        b(c.words == 3),
        b(c.words > 1 && c.count < 2 && df < 2.0),
        b(all_unknown),
        b(head_noun),
        min_wiki / 100.0,
        cohesion,
        fragment.get(key).copied().unwrap_or(0.0),
        b(subsumed.get(key).copied().unwrap_or(false)),
        b(speakers.iter().any(|s| s == key)),
        f64::from(c.segments) / total_segments,
        b(single_adjective),
        ((f64::from(lexicon.entry(key).title_df) + 0.5) / (df + 1.0)).ln(),
        light_verb,
        time_words / c.words as f64,
        b(c.words == 1) * idf,
        b(c.words == 1 && c.in_title),
        b(c.words == 1) * (1.0 + f64::from(c.count)).ln(),
        idf * idf / 10.0,
        b(c.in_title && c.first_position == 0),
    ]
}
