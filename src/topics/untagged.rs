//! Phrases a source's editors do not tag: every Varzesh3 article is about `فوتبال` and
//! `لیگ برتر`, so its editors never tag them, though the text names them often and early. Shown
//! topics in a source's list are put behind the others (they still fill the list when nothing
//! else is left).
//!
//! The table (`data/untagged.tsv`: source, the phrase's folded words, training articles showing
//! it in the top 5, how many of those had a tag sharing half its words with it) is learned by
//! `benches/topics_eval/untagged.py` from the TRAINING split only, from topics shown without the
//! table: a phrase shown in at least 4 articles and matching a tag in at most a tenth of them
//! (cuts chosen by 2-fold cross-validation on the training split).
//!
//! Phrases a source's editors usually tag (`data/often_tagged.tsv`, same columns, learned by
//! `benches/topics_eval/often_tagged.py` from topics shown with the first table: shown in the top
//! 10 of at least 3 training articles, matching a tag in at least 0.4 of them, cuts by 2-fold
//! cross-validation) move to the front of the list shown, each group kept in rank order. Only
//! sources with at least 800 training articles have rows (Varzesh3): on Fars' 351 the
//! cross-validated table lowered the training score.
//!
//! ATTRIBUTION: counts of editors' tags of Fars, Varzesh3 and the 2025 four-agency news files of
//! the shared data (only shown phrases and two counts per phrase).

use std::sync::OnceLock;

use super::hashing::FxHashMap;
use super::tag_forms::word_key;
use super::tsv;

static EMBEDDED: &str = include_str!("data/untagged.tsv");
static OFTEN_TAGGED: &str = include_str!("data/often_tagged.tsv");

/// Training articles that must have shown a phrase before its absence from tags means anything
/// (the learning script applies the same cut; kept here so a hand-edited table cannot lower it).
pub const MIN_SHOWN: u32 = 4;
/// Share of those articles at most whose tags matched it.
pub const MAX_MATCHED_SHARE: f64 = 0.1;
/// Training articles that must have shown a phrase before it counts as usually tagged.
pub const MIN_SHOWN_OFTEN: u32 = 3;
/// Share of those articles at least whose tags matched it.
pub const MIN_MATCHED_SHARE_OFTEN: f64 = 0.4;

/// Per source, the folded word keys of phrases of one editors' habit (not tagging, or tagging).
#[derive(Debug, Default)]
pub struct SourcePhrases {
    phrases: FxHashMap<String, SourceKeys>,
}

impl SourcePhrases {
    /// The table compiled into the binary (parsed once per process); empty when
    /// `GOFTAR_TOPIC_UNTAGGED=off` (to learn it again from topics shown without it).
    pub fn untagged() -> &'static SourcePhrases {
        static TABLE: OnceLock<SourcePhrases> = OnceLock::new();
        TABLE.get_or_init(|| {
            if std::env::var("GOFTAR_TOPIC_UNTAGGED").is_ok_and(|v| v == "off") {
                SourcePhrases::default()
            } else {
                SourcePhrases::parse(EMBEDDED)
            }
        })
    }

    /// The table of phrases editors usually tag, compiled into the binary; empty when
    /// `GOFTAR_TOPIC_OFTEN=off` (to learn it again).
    pub fn often_tagged() -> &'static SourcePhrases {
        static TABLE: OnceLock<SourcePhrases> = OnceLock::new();
        TABLE.get_or_init(|| {
            if std::env::var("GOFTAR_TOPIC_OFTEN").is_ok_and(|v| v == "off") {
                SourcePhrases::default()
            } else {
                SourcePhrases::parse_with(OFTEN_TAGGED, |shown, matched| {
                    shown >= MIN_SHOWN_OFTEN
                        && f64::from(matched) >= MIN_MATCHED_SHARE_OFTEN * f64::from(shown)
                })
            }
        })
    }

    /// Reads `source \t phrase \t shown \t matched` lines; comments (`#`), malformed lines and
    /// rows below the evidence cuts are skipped.
    pub fn parse(text: &str) -> SourcePhrases {
        SourcePhrases::parse_with(text, |shown, matched| {
            shown >= MIN_SHOWN && f64::from(matched) <= MAX_MATCHED_SHARE * f64::from(shown)
        })
    }

    /// Reads the rows whose `(shown, matched)` counts satisfy `enough`.
    pub fn parse_with(text: &str, enough: impl Fn(u32, u32) -> bool) -> SourcePhrases {
        let mut phrases: FxHashMap<String, SourceKeys> = FxHashMap::default();
        let rows = tsv::rows(text).filter_map(|mut fields| {
            let source = fields.text()?;
            let phrase = word_key(fields.text()?);
            let shown: u32 = fields.number()?;
            let matched: u32 = fields.number()?;
            let enough = enough(shown, matched) && !source.is_empty() && !phrase.is_empty();
            enough.then_some((source, phrase))
        });
        for (source, phrase) in rows {
            phrases
                .entry(source.to_string())
                .or_default()
                .0
                .insert(phrase, ());
        }
        SourcePhrases { phrases }
    }

    /// Whether the table holds the phrase shown as `text` for `source` (for
    /// [`SourcePhrases::untagged`]: whether its editors do not tag it).
    #[cfg(test)]
    pub fn holds(&self, source: &str, text: &str) -> bool {
        self.of_source(source)
            .is_some_and(|keys| keys.contains(&word_key(text)))
    }

    /// The phrases of `source` (none when the table has no row of it), to look up many phrases
    /// of one article by their [`word_key`].
    pub fn of_source(&self, source: &str) -> Option<&SourceKeys> {
        self.phrases.get(source)
    }
}

/// One source's phrase keys (see [`word_key`]).
#[derive(Debug, Default)]
pub struct SourceKeys(FxHashMap<String, ()>);

impl SourceKeys {
    /// Whether `key` (a [`word_key`]) is one of them.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_enough_evidence_only() {
        let table = SourcePhrases::parse(
            "# source\tphrase\tshown\tmatched\nv3\tلیگ برتر\t120\t8\nv3\tفوتبال\t3\t0\n\
             v3\tچلسی\t50\t20\nv3\tبد\tx\t1\n\tملی\t9\t0\n",
        );
        assert!(table.holds("v3", "لیگ  برتر"));
        assert!(!table.holds("fars", "لیگ برتر"), "another outlet");
        assert!(
            !table.holds("v3", "فوتبال"),
            "shown 3 times: too little evidence"
        );
        assert!(!table.holds("v3", "چلسی"), "tagged often");
        assert!(!table.holds("v3", "بد"));
        assert!(!table.holds("", "ملی"), "rows need a source");
    }

    #[test]
    fn embedded_table_loads() {
        let table = SourcePhrases::untagged();
        assert!(!table.phrases.is_empty());
        assert!(table.holds("varzesh3", "لیگ برتر"));
        let often = SourcePhrases::often_tagged();
        assert!(!often.phrases.is_empty());
        assert!(!often.holds("varzesh3", "لیگ برتر"));
    }
}
