//! Keyphraseness (as in KEA, Witten et al. 1999): how often news editors chose a phrase as a tag
//! when it was a candidate of their article. A learned prior over phrases editors use again and
//! again (team, person, place and institution names, recurring subjects), which text statistics
//! alone do not tell from other frequent names.
//!
//! The table (`data/keyphrases.tsv`: merge key, articles tagging it, articles holding it) is built
//! by `benches/topics_eval/train.py` from the TRAINING split only (70% of the tagged Fars,
//! Varzesh3 and 2025 articles; the 30% used to measure never enters it), keeping only phrases
//! tagged in at least two articles.
//!
//! ATTRIBUTION: counts of editors' tags of Fars, Varzesh3 and the 2025 four-agency news files of
//! the shared data (only the folded phrase keys and two counts per phrase).

use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use super::hashing::HashKeyedMap;
use super::tsv;

static EMBEDDED: &str = include_str!("data/keyphrases.tsv");

/// Phrases tagged in fewer training articles than this carry no prior (one editor's choice once
/// says little about the phrase); `train.py` applies the same cut.
const MIN_TAGGED: u32 = 2;

/// How often one phrase was tagged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tagged {
    /// Training articles whose editors tagged the phrase.
    pub tagged: u32,
    /// Training articles holding the phrase as a candidate.
    pub present: u32,
}

/// The keyphraseness table: phrase merge key (by its xxh3 hash, the hash the background table
/// and the run counts use, so a candidate is hashed once) to its counts.
#[derive(Debug, Default)]
pub struct Keyphrases {
    phrases: HashKeyedMap<Tagged>,
}

impl Keyphrases {
    /// The table compiled into the binary (parsed once per process).
    pub fn embedded() -> &'static Keyphrases {
        static TABLE: OnceLock<Keyphrases> = OnceLock::new();
        TABLE.get_or_init(|| Keyphrases::parse(EMBEDDED))
    }

    /// Reads `key \t tagged \t present` lines; comments (`#`) and malformed lines are skipped.
    pub fn parse(text: &str) -> Keyphrases {
        let phrases = tsv::rows(text)
            .filter_map(|mut fields| {
                let key = fields.text()?;
                let tagged = fields.number()?;
                let present = fields.number()?;
                (!key.is_empty()).then(|| (xxh3_64(key.as_bytes()), Tagged { tagged, present }))
            })
            .collect();
        Keyphrases { phrases }
    }

    /// The two ranking features of a phrase key: `ln(1 + tagged)` and the share of articles
    /// holding it that tagged it (smoothed); zero for phrases without enough evidence.
    #[cfg(test)]
    pub fn features(&self, key: &str) -> [f64; 2] {
        self.features_hashed(xxh3_64(key.as_bytes()))
    }

    /// [`Self::features`] of the key with this xxh3 hash.
    pub fn features_hashed(&self, hash: u64) -> [f64; 2] {
        match self.phrases.get(&hash) {
            Some(t) if t.tagged >= MIN_TAGGED => [
                (1.0 + f64::from(t.tagged)).ln(),
                f64::from(t.tagged) / (f64::from(t.present) + 2.0),
            ],
            _ => [0.0, 0.0],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts_and_skips_comments_and_garbage() {
        let table = Keyphrases::parse("# header\nپرسپولیس\t8\t14\nبد\tx\t3\n\t2\t2\nقم\t1\t9\n");
        assert_eq!(table.phrases.len(), 2);
        let [tagged, share] = table.features("پرسپولیس");
        assert!((tagged - 9f64.ln()).abs() < 1e-9);
        assert!((share - 0.5).abs() < 1e-9);
        assert_eq!(table.features("قم"), [0.0, 0.0], "tagged once: no prior");
        assert_eq!(table.features("تهران"), [0.0, 0.0]);
    }

    #[test]
    fn embedded_table_loads_and_uses_merge_keys() {
        let table = Keyphrases::embedded();
        assert!(!table.phrases.is_empty());
        for line in EMBEDDED.lines().filter(|l| !l.starts_with('#')) {
            let key = line.split('\t').next().unwrap_or("");
            assert_eq!(key.trim(), key);
            assert!(!key.contains('\u{200c}'), "keys are folded: {key}");
        }
        assert_ne!(table.features("فوتبال"), [0.0, 0.0]);
    }
}
