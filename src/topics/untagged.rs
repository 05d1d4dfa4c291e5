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
//! ATTRIBUTION: counts of editors' tags of Fars, Varzesh3 and the 2025 four-agency news files of
//! the shared data (only shown phrases and two counts per phrase).

use std::sync::OnceLock;

use super::hashing::FxHashMap;
use super::tag_forms::word_key;

static EMBEDDED: &str = include_str!("data/untagged.tsv");

/// Training articles that must have shown a phrase before its absence from tags means anything
/// (the learning script applies the same cut; kept here so a hand-edited table cannot lower it).
pub const MIN_SHOWN: u32 = 4;
/// Share of those articles at most whose tags matched it.
pub const MAX_MATCHED_SHARE: f64 = 0.1;

/// Per source, the folded word keys of phrases its editors do not tag.
#[derive(Debug, Default)]
pub struct Untagged {
    phrases: FxHashMap<String, FxHashMap<String, ()>>,
}

impl Untagged {
    /// The table compiled into the binary (parsed once per process); empty when
    /// `GOFTAR_TOPIC_UNTAGGED=off` (to learn it again from topics shown without it).
    pub fn embedded() -> &'static Untagged {
        static TABLE: OnceLock<Untagged> = OnceLock::new();
        TABLE.get_or_init(|| {
            if std::env::var("GOFTAR_TOPIC_UNTAGGED").is_ok_and(|v| v == "off") {
                Untagged::default()
            } else {
                Untagged::parse(EMBEDDED)
            }
        })
    }

    /// Reads `source \t phrase \t shown \t matched` lines; comments (`#`), malformed lines and
    /// rows below the evidence cuts are skipped.
    pub fn parse(text: &str) -> Untagged {
        let mut phrases: FxHashMap<String, FxHashMap<String, ()>> = FxHashMap::default();
        let rows = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let source = fields.next()?.trim();
                let phrase = word_key(fields.next()?);
                let shown: u32 = fields.next()?.trim().parse().ok()?;
                let matched: u32 = fields.next()?.trim().parse().ok()?;
                let enough = shown >= MIN_SHOWN
                    && f64::from(matched) <= MAX_MATCHED_SHARE * f64::from(shown)
                    && !source.is_empty()
                    && !phrase.is_empty();
                enough.then_some((source, phrase))
            });
        for (source, phrase) in rows {
            phrases
                .entry(source.to_string())
                .or_default()
                .insert(phrase, ());
        }
        Untagged { phrases }
    }

    /// Whether the editors of `source` do not tag the phrase shown as `text`.
    pub fn is_untagged(&self, source: &str, text: &str) -> bool {
        self.phrases
            .get(source)
            .is_some_and(|keys| keys.contains_key(&word_key(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_enough_evidence_only() {
        let table = Untagged::parse(
            "# source\tphrase\tshown\tmatched\nv3\tلیگ برتر\t120\t8\nv3\tفوتبال\t3\t0\n\
             v3\tچلسی\t50\t20\nv3\tبد\tx\t1\n\tملی\t9\t0\n",
        );
        assert!(table.is_untagged("v3", "لیگ  برتر"));
        assert!(!table.is_untagged("fars", "لیگ برتر"), "another outlet");
        assert!(
            !table.is_untagged("v3", "فوتبال"),
            "shown 3 times: too little evidence"
        );
        assert!(!table.is_untagged("v3", "چلسی"), "tagged often");
        assert!(!table.is_untagged("v3", "بد"));
        assert!(!table.is_untagged("", "ملی"), "rows need a source");
    }

    #[test]
    fn embedded_table_loads() {
        let table = Untagged::embedded();
        assert!(!table.phrases.is_empty());
        assert!(table.is_untagged("varzesh3", "لیگ برتر"));
    }
}
