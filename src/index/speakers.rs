//! The speaker table behind autocomplete: every named speaker with the number of statements
//! attributed to them, matched by a spelling-insensitive prefix of the name or of any word in it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fold::fold_word;

/// Speakers sorted by statement count (most quoted first).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SpeakerList {
    entries: Vec<(String, u64)>,
    #[serde(skip)]
    folded_words: Vec<Vec<String>>,
}

/// One word of a name folded for prefix matching (no stemming: the user is still typing).
fn folded_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '\u{200c}')
        .map(fold_word)
        .filter(|w| !w.is_empty())
        .collect()
}

impl SpeakerList {
    /// Builds the list from statement counts per speaker.
    pub fn from_counts(counts: HashMap<String, u64>) -> Self {
        let mut entries: Vec<(String, u64)> = counts.into_iter().collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Self::from_entries(entries)
    }

    fn from_entries(entries: Vec<(String, u64)>) -> Self {
        let folded_words = entries.iter().map(|(name, _)| folded_words(name)).collect();
        SpeakerList {
            entries,
            folded_words,
        }
    }

    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        std::fs::write(path, serde_json::to_vec(&self.entries)?)?;
        Ok(())
    }

    /// Loads a saved list; a missing file is an empty list (an index built without statements).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        if !path.exists() {
            return Ok(SpeakerList::default());
        }
        let entries: Vec<(String, u64)> = serde_json::from_slice(&std::fs::read(path)?)?;
        Ok(Self::from_entries(entries))
    }

    /// Speakers whose name, or a word of it, starts with `prefix` (all speakers when it is blank),
    /// most quoted first.
    pub fn matching(&self, prefix: &str, limit: usize) -> Vec<(String, u64)> {
        let wanted = folded_words(prefix);
        let joined_prefix = wanted.concat();
        self.entries
            .iter()
            .zip(&self.folded_words)
            .filter(|(_, words)| {
                wanted.is_empty()
                    || words.concat().starts_with(&joined_prefix)
                    || matches_word_prefixes(words, &wanted)
            })
            .take(limit)
            .map(|(entry, _)| entry.clone())
            .collect()
    }
}

/// Every typed word is a prefix of some word of the name, in order (`روحانی` finds `حسن روحانی`).
fn matches_word_prefixes(words: &[String], wanted: &[String]) -> bool {
    let mut rest = words.iter();
    wanted
        .iter()
        .all(|w| rest.by_ref().any(|word| word.starts_with(w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> SpeakerList {
        SpeakerList::from_counts(HashMap::from([
            ("حسن روحانی".to_string(), 5),
            ("علی لاریجانی".to_string(), 9),
            ("علی‌اکبر ولایتی".to_string(), 2),
        ]))
    }

    #[test]
    fn prefixes_match_any_word_most_quoted_first() {
        let names =
            |p: &str| -> Vec<String> { list().matching(p, 10).into_iter().map(|e| e.0).collect() };
        assert_eq!(names("روحا"), ["حسن روحانی"]);
        assert_eq!(names("علي"), ["علی لاریجانی", "علی‌اکبر ولایتی"]);
        assert_eq!(names("علی‌اک"), ["علی‌اکبر ولایتی"]);
        assert_eq!(names("").len(), 3);
        assert_eq!(list().matching("", 1), [("علی لاریجانی".to_string(), 9)]);
        assert!(names("zzz").is_empty());
    }
}
