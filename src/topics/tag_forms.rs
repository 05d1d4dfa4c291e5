//! Tag forms: the longer, canonical form in which news editors tag what an article's text names
//! shortly. Sports editors tag `استقلال تهران` where the text says `استقلال`, `منچستر یونایتد`
//! where it says `یونایتد`, `علی دایی` for `دایی`; the full form is often nowhere in the text.
//!
//! Each outlet's editors tag their own way (Fars tags `استقلال` as written), so the table is kept
//! per news source (the article's `source`); articles of other sources are left as they are.
//!
//! The table (`data/tag_forms.tsv`: source, shown form's folded words, the tag as editors write
//! it, how often editors chose that tag when the form was shown, how often the form was shown) is
//! learned by `benches/topics_eval/tag_forms.py` from the TRAINING split only: a shown topic is
//! replaced when, over the source's training articles showing it, editors more often tagged one
//! longer phrase holding it than the topic itself, in at least [`MIN_SHARE`] of them.
//!
//! The same script counts, per source, the training tags holding a joiner (ZWNJ,
//! `data/joiner_use.tsv`): editors who nearly never type one (Varzesh3: 20 of 2778 tags) write a
//! two-word name spaced even where the text joins it (see [`super::spacing`]).
//!
//! ATTRIBUTION: counts of editors' tags of Fars, Varzesh3 and the 2025 four-agency news files of
//! the shared data (only tag phrases and two counts per phrase).

use std::sync::OnceLock;

use super::fold::fold_into;
use super::hashing::FxHashMap;
use super::tsv;

static EMBEDDED: &str = include_str!("data/tag_forms.tsv");
static JOINER_USE: &str = include_str!("data/joiner_use.tsv");

/// Training tags a source needs before its editors' joiner habit is judged.
pub const MIN_HABIT_TAGS: u32 = 200;
/// Share of a source's tags holding a joiner below which its editors are taken to write spaced.
pub const MAX_JOINER_SHARE: f64 = 0.015;

/// Share of the training articles showing a form whose editors tagged the longer form (the
/// learning script applies the same cut; kept here so a hand-edited table cannot lower it).
pub const MIN_SHARE: f64 = 0.3;
/// Training articles whose editors must have tagged the longer form.
pub const MIN_TAGGED: u32 = 2;

/// Shown forms (source, folded word key) and the tags the source's editors write for them.
#[derive(Debug, Default)]
pub struct TagForms {
    /// Source → folded form → tag.
    forms: FxHashMap<String, FxHashMap<String, String>>,
    /// Sources whose editors write two-word names spaced.
    spaced: Vec<String>,
}

/// Sources whose editors nearly never type a joiner, from `source \t tags \t tags with a
/// joiner` lines.
fn spaced_sources(text: &str) -> Vec<String> {
    tsv::rows(text)
        .filter_map(|mut fields| {
            let source = fields.text()?;
            let tags: u32 = fields.number()?;
            let joined: u32 = fields.number()?;
            let spaced = !source.is_empty()
                && tags >= MIN_HABIT_TAGS
                && f64::from(joined) < MAX_JOINER_SHARE * f64::from(tags);
            spaced.then(|| source.to_string())
        })
        .collect()
}

/// The words of `text` folded as the scorer compares phrases: letters folded, joiners dropped,
/// anything that is not a letter or digit a separator; words joined by one space.
pub fn word_key(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    // A phrase as shown is usually its words and single spaces already: nothing to rejoin.
    if is_joined_by_single_spaces(&folded) {
        return folded;
    }
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(is_separator) {
        if word.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// Whether `text` is words joined by single spaces: no other separator, none at either end.
fn is_joined_by_single_spaces(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if is_separator(c) {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space
}

/// Whether a character separates words of a tag: whitespace and punctuation. Persian letters are
/// recognised without the Unicode tables (`char::is_alphanumeric` walks them for every letter).
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphanumeric()
    } else {
        c.is_whitespace()
            || matches!(
                c,
                '،' | '؛' | '؟' | '«' | '»' | '٪' | '٫' | '٬' | '–' | '—' | '…' | '“' | '”'
            )
    }
}

impl TagForms {
    /// The table compiled into the binary (parsed once per process); without its forms when
    /// `GOFTAR_TOPIC_FORMS=off` (to learn them again from topics shown without them, spaced as
    /// they are shown before the forms apply).
    pub fn embedded() -> &'static TagForms {
        static TABLE: OnceLock<TagForms> = OnceLock::new();
        TABLE.get_or_init(|| {
            let forms = if std::env::var("GOFTAR_TOPIC_FORMS").is_ok_and(|v| v == "off") {
                TagForms::default()
            } else {
                TagForms::parse(EMBEDDED)
            };
            TagForms {
                spaced: spaced_sources(JOINER_USE),
                ..forms
            }
        })
    }

    /// Reads `source \t form \t tag \t tagged \t shown` lines; comments (`#`), malformed lines
    /// and rows below the evidence cuts are skipped.
    pub fn parse(text: &str) -> TagForms {
        let mut forms: FxHashMap<String, FxHashMap<String, String>> = FxHashMap::default();
        let rows = tsv::rows(text).filter_map(|mut fields| {
            let source = fields.text()?;
            let form = word_key(fields.text()?);
            let tag = fields.text()?;
            let tagged: u32 = fields.number()?;
            let shown: u32 = fields.number()?;
            let enough = tagged >= MIN_TAGGED
                && f64::from(tagged) >= MIN_SHARE * f64::from(shown)
                && !source.is_empty()
                && !form.is_empty()
                && !tag.is_empty();
            enough.then_some((source, form, tag))
        });
        for (source, form, tag) in rows {
            forms
                .entry(source.to_string())
                .or_default()
                .insert(form, tag.to_string());
        }
        TagForms {
            forms,
            spaced: Vec::new(),
        }
    }

    /// Whether the editors of `source` write two-word names spaced, seldom joined.
    pub fn writes_spaced(&self, source: &str) -> bool {
        self.spaced.iter().any(|s| s == source)
    }

    /// The tag editors of `source` write for a topic shown as `text`, if they write a longer one.
    #[cfg(test)]
    pub fn tag_of(&self, source: &str, text: &str) -> Option<&str> {
        self.tag_of_key(source, &word_key(text))
    }

    /// Whether the table holds forms of `source`.
    pub fn has_source(&self, source: &str) -> bool {
        self.forms.contains_key(source)
    }

    /// [`Self::tag_of`] a topic whose [`word_key`] is known.
    pub fn tag_of_key(&self, source: &str, key: &str) -> Option<&str> {
        self.forms.get(source)?.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_letters_joiners_and_punctuation() {
        assert_eq!(word_key("  پرسپولیس "), "پرسپولیس");
        assert_eq!(word_key("منچستر\u{200c}یونایتد"), "منچستریونایتد");
        assert_eq!(
            word_key("برانکو ایوانکوویچ (سرمربی)"),
            "برانکو ایوانکوویچ سرمربی"
        );
        assert_eq!(word_key("علي دايي"), "علی دایی");
        assert_eq!(word_key(""), "");
        assert_eq!(word_key("«قم»، تهران؛ x-y"), "قم تهران x y");
    }

    #[test]
    fn only_words_joined_by_single_spaces_are_taken_as_they_are() {
        for text in ["قم", "لیگ برتر", "a b c"] {
            assert!(is_joined_by_single_spaces(text), "{text}");
            assert_eq!(word_key(text), text);
        }
        for (text, key) in [
            ("", ""),
            (" قم", "قم"),
            ("قم ", "قم"),
            ("لیگ  برتر", "لیگ برتر"),
            ("لیگ\u{a0}برتر", "لیگ برتر"),
            ("قم، تهران", "قم تهران"),
        ] {
            assert!(!is_joined_by_single_spaces(text), "{text}");
            assert_eq!(word_key(text), key, "{text}");
        }
    }

    #[test]
    fn parses_rows_with_enough_evidence_only() {
        let table = TagForms::parse(
            "# source\tform\ttag\ttagged\tshown\nv3\tاستقلال\tاستقلال تهران\t9\t20\n\
             v3\tقدس\tروز قدس\t3\t40\nv3\tدایی\tعلی دایی\t1\t1\nv3\tبد\tx\ty\t1\n\
             \tملی\tتیم ملی\t9\t9\n",
        );
        assert_eq!(table.tag_of("v3", "استقلال"), Some("استقلال تهران"));
        assert_eq!(
            table.tag_of("fars", "استقلال"),
            None,
            "another outlet's editors"
        );
        assert_eq!(table.tag_of("v3", "قدس"), None, "3 of 40: too rare");
        assert_eq!(
            table.tag_of("v3", "دایی"),
            None,
            "tagged once: too little evidence"
        );
        assert_eq!(table.tag_of("v3", "بد"), None);
        assert_eq!(table.tag_of("v3", "تهران"), None);
        assert_eq!(table.tag_of("", "ملی"), None, "rows need a source");
    }

    #[test]
    fn editors_who_seldom_type_joiners_write_spaced() {
        let spaced = spaced_sources("# h\nv3\t2000\t10\nfars\t1000\t40\nsmall\t30\t0\nbad\tx\t1\n");
        assert_eq!(spaced, ["v3"]);
        assert!(TagForms::embedded().writes_spaced("varzesh3"));
        assert!(!TagForms::embedded().writes_spaced("farsnews"));
        assert!(!TagForms::embedded().writes_spaced(""));
    }

    #[test]
    fn embedded_table_loads() {
        let table = TagForms::embedded();
        assert!(!table.forms.is_empty());
        for (form, tag) in table.forms.values().flatten() {
            assert!(word_key(tag).contains(form.as_str()), "{form} -> {tag}");
        }
    }
}
