//! `goftar lexicon build`: derives the ZWNJ lexicon from the shared lexicons and news.
//! Only counts and flags are kept; no text is copied.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context as _;

use super::config::Config;
use super::lexicon::{
    COMPOUND_TAIL, Entry, LISTED, PAST_STEM, PRESENT_STEM, SPACED_JOIN, STOPWORD, bucket,
};
use super::script::{ZWNJ, is_arabic_letter, is_joining_letter};

/// News counts are weighted up against Wikipedia's because news is the text goftar reads.
const NEWS_WEIGHT: u64 = 5;
/// A hazm lexicon entry counts as this many sightings of its spelling.
const LISTED_WEIGHT: u64 = 10;
/// Skeletons seen fewer times than this (and not listed by hazm) are left out to keep the artifact small.
const MIN_COUNT: u64 = 3;
/// A word that ends this many distinct ZWNJ compounds is a productive compound tail.
const MIN_TAIL_TYPES: usize = 12;
/// The mask holds positions up to this many chars.
const MAX_CHARS: usize = 31;

/// Letters canonicalized exactly as the normalizer's char step does (ي→ی, marks dropped…).
fn canonical(word: &str) -> String {
    super::normalize(word, &Config::letters_only()).text
}

/// `word` if it is a clean Persian word: letters and ZWNJs only, each ZWNJ after a joining letter
/// and before a letter.
fn clean_word(word: &str) -> Option<String> {
    let word = canonical(word);
    let chars: Vec<char> = word.chars().collect();
    if chars.is_empty() || chars.len() > MAX_CHARS {
        return None;
    }
    for (k, &c) in chars.iter().enumerate() {
        if c == ZWNJ {
            let ok = k > 0
                && is_joining_letter(chars[k - 1])
                && chars.get(k + 1).is_some_and(|&n| is_arabic_letter(n));
            if !ok {
                return None;
            }
        } else if !is_arabic_letter(c) {
            return None;
        }
    }
    Some(word)
}

fn skeleton(word: &str) -> String {
    word.chars().filter(|&c| c != ZWNJ).collect()
}

/// Bit `i` set where the spelling has a ZWNJ before its `i`-th letter.
fn zwnj_mask(word: &str) -> u32 {
    let mut mask = 0u32;
    let mut letters = 0;
    for c in word.chars() {
        if c == ZWNJ {
            mask |= 1 << letters.min(31);
        } else {
            letters += 1;
        }
    }
    mask
}

#[derive(Default)]
struct Counts {
    /// Spelling → weighted count (Wikipedia + news + hazm).
    forms: HashMap<String, u64>,
    /// Spelling → count in news alone.
    news_forms: HashMap<String, u64>,
    /// Skeleton → flags.
    flags: HashMap<String, u8>,
}

impl Counts {
    fn add(&mut self, word: &str, count: u64) {
        if let Some(w) = clean_word(word) {
            *self.forms.entry(w).or_default() += count;
        }
    }
}

fn read_fawiki(path: &Path, counts: &mut Counts) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    for line in BufReader::new(file).lines() {
        let line = line?;
        if let Some((word, n)) = line.rsplit_once(' ')
            && let Ok(n) = n.trim().parse::<u64>()
        {
            counts.add(word, n);
        }
    }
    Ok(())
}

/// The Wikipedia vocabulary alone (clean spellings and counts): compound tails are measured on
/// running text, not on hazm's list, which names compounds without saying how often they occur.
fn read_fawiki_forms(path: &Path) -> anyhow::Result<HashMap<String, u64>> {
    let mut counts = Counts::default();
    read_fawiki(path, &mut counts)?;
    Ok(counts.forms)
}

fn read_hazm(dir: &Path, counts: &mut Counts) -> anyhow::Result<()> {
    let words = dir.join("words.dat");
    let text = std::fs::read_to_string(&words)
        .with_context(|| format!("cannot read {}", words.display()))?;
    for line in text.lines() {
        let word = line.split('\t').next().unwrap_or("");
        if let Some(w) = clean_word(word) {
            *counts.flags.entry(skeleton(&w)).or_default() |= LISTED;
            *counts.forms.entry(w).or_default() += LISTED_WEIGHT;
        }
    }
    let stopwords = dir.join("stopwords.dat");
    let text = std::fs::read_to_string(&stopwords)
        .with_context(|| format!("cannot read {}", stopwords.display()))?;
    for word in text.lines().filter_map(clean_word) {
        *counts.flags.entry(skeleton(&word)).or_default() |= STOPWORD;
    }
    let verbs = dir.join("verbs.dat");
    let text = std::fs::read_to_string(&verbs)
        .with_context(|| format!("cannot read {}", verbs.display()))?;
    for line in text.lines() {
        let mut stems = line.split('#');
        for (stem, flag) in [(stems.next(), PAST_STEM), (stems.next(), PRESENT_STEM)] {
            if let Some(w) = stem.and_then(clean_word) {
                *counts.flags.entry(skeleton(&w)).or_default() |= flag;
            }
        }
    }
    Ok(())
}

/// Splits normalized news text into words (letters and ZWNJ); other chars separate words and
/// are reported as `None` so that only true neighbours form a spaced pair.
pub(super) fn news_tokens(text: &str) -> impl Iterator<Item = Option<&str>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        if super::script::is_word_char(c) {
            let end = rest
                .find(|d: char| !super::script::is_word_char(d))
                .unwrap_or(rest.len());
            let (word, tail) = rest.split_at(end);
            rest = tail;
            Some(Some(word))
        } else if c == ' ' {
            rest = &rest[1..];
            Some(Some(""))
        } else {
            rest = &rest[c.len_utf8()..];
            Some(None)
        }
    })
}

/// Reads every news article's title and body, normalized by the char step and spacing only,
/// each paragraph with whether its field (title or body) types ZWNJs anywhere.
fn read_news(dir: &Path) -> anyhow::Result<Vec<(String, bool)>> {
    let mut texts = Vec::new();
    let config = Config {
        punctuation_spacing: false,
        zwnj_cleanup: true,
        ..Config::letters_only()
    };
    let config = Config {
        whitespace: true,
        ..config
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        for line in BufReader::new(file).lines() {
            let Ok(article) = serde_json::from_str::<serde_json::Value>(&line?) else {
                continue;
            };
            for field in ["title", "body"] {
                if let Some(text) = article.get(field).and_then(|v| v.as_str()) {
                    let paragraphs: Vec<String> = text
                        .split('\n')
                        .map(|paragraph| super::normalize(paragraph, &config).text)
                        .collect();
                    let types_zwnj = paragraphs.iter().any(|p| p.contains(ZWNJ));
                    texts.extend(paragraphs.into_iter().map(|p| (p, types_zwnj)));
                }
            }
        }
    }
    Ok(texts)
}

/// Builds `lexicon.fst` in `out_dir` from `shared_data/lexicons` (and `shared_data/news` when present).
pub fn build_lexicon(shared_data: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let mut counts = Counts::default();
    read_fawiki(&shared_data.join("lexicons/fawiki/vocab.txt"), &mut counts)?;
    read_hazm(&shared_data.join("lexicons/hazm"), &mut counts)?;

    let news = shared_data.join("news");
    let news_texts = if news.is_dir() {
        read_news(&news)?
    } else {
        Vec::new()
    };
    for (text, _) in &news_texts {
        for word in news_tokens(text).flatten().filter(|w| !w.is_empty()) {
            if let Some(w) = clean_word(word) {
                *counts.news_forms.entry(w).or_default() += 1;
            }
        }
    }
    for (form, n) in &counts.news_forms {
        *counts.forms.entry(form.clone()).or_default() += n * NEWS_WEIGHT;
    }

    // Spaced pairs in news whose joined form is a ZWNJ spelling: how often writers space it.
    let mut spaced: HashMap<String, u64> = HashMap::new();
    for (text, _) in &news_texts {
        let tokens: Vec<Option<&str>> = news_tokens(text).collect();
        for window in tokens.windows(3) {
            if let [Some(a), Some(""), Some(b)] = window
                && !a.is_empty()
                && !b.is_empty()
            {
                let joined = format!("{a}{ZWNJ}{b}");
                if counts.news_forms.contains_key(&joined) || counts.forms.contains_key(&joined) {
                    *spaced.entry(joined).or_default() += 1;
                }
            }
        }
    }

    // Productive compound tails: words ending many distinct ZWNJ spellings.
    let mut tails: HashMap<&str, usize> = HashMap::new();
    for form in counts.forms.keys() {
        if let Some((_, tail)) = form.rsplit_once(ZWNJ) {
            *tails.entry(tail).or_default() += 1;
        }
    }
    let tail_words: Vec<String> = tails
        .into_iter()
        .filter(|&(_, n)| n >= MIN_TAIL_TYPES)
        .map(|(t, _)| t.to_string())
        .collect();
    for tail in tail_words {
        *counts.flags.entry(tail).or_default() |= COMPOUND_TAIL;
    }

    struct Agg {
        glued: u64,
        best_form: Option<(String, u64)>,
        zwnj_total: u64,
        news_joined: u64,
        news_spaced: u64,
    }
    let mut by_skeleton: HashMap<String, Agg> = HashMap::new();
    for (form, &n) in &counts.forms {
        let agg = by_skeleton.entry(skeleton(form)).or_insert(Agg {
            glued: 0,
            best_form: None,
            zwnj_total: 0,
            news_joined: 0,
            news_spaced: 0,
        });
        if form.contains(ZWNJ) {
            agg.zwnj_total += n;
            if agg
                .best_form
                .as_ref()
                .is_none_or(|(f, m)| n > *m || (n == *m && form < f))
            {
                agg.best_form = Some((form.clone(), n));
            }
            if form.matches(ZWNJ).count() == 1 {
                agg.news_joined += counts.news_forms.get(form).copied().unwrap_or(0);
                agg.news_spaced += spaced.get(form).copied().unwrap_or(0);
            }
        } else {
            agg.glued += n;
        }
    }

    let mut entries: Vec<(String, Entry)> = Vec::new();
    for (skel, agg) in &by_skeleton {
        let mut flags = counts.flags.get(skel).copied().unwrap_or(0);
        if agg.glued + agg.zwnj_total < MIN_COUNT && flags & LISTED == 0 {
            continue;
        }
        if agg.news_joined >= 3 && agg.news_joined >= 2 * agg.news_spaced {
            flags |= SPACED_JOIN;
        }
        let (mask, zwnj_bucket) = match &agg.best_form {
            Some((form, _)) => (zwnj_mask(form), bucket(agg.zwnj_total)),
            None => (0, 0),
        };
        entries.push((
            skel.clone(),
            Entry::pack(mask, zwnj_bucket, bucket(agg.glued), flags),
        ));
    }
    // Verb stems that no count reached still matter to the morphology.
    for (skel, &flags) in &counts.flags {
        if !by_skeleton.contains_key(skel) {
            entries.push((skel.clone(), Entry::pack(0, 0, 0, flags)));
        }
    }
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    entries.dedup_by(|a, b| a.0 == b.0);

    std::fs::create_dir_all(out_dir)?;
    let path = out_dir.join("lexicon.fst");
    let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let mut builder = fst::MapBuilder::new(file)?;
    for (key, entry) in &entries {
        builder.insert(key.as_bytes(), entry.0)?;
    }
    builder.finish()?;
    tracing::info!(entries = entries.len(), path = %path.display(), "normalizer lexicon written");

    let fawiki = read_fawiki_forms(&shared_data.join("lexicons/fawiki/vocab.txt"))?;
    let entry_of: HashMap<&str, Entry> = entries.iter().map(|(k, e)| (k.as_str(), *e)).collect();
    let compounds = super::compounds::build::derive(&fawiki, &news_texts, &entry_of);
    super::compounds::build::write(&compounds, &out_dir.join(super::compounds::FILE_NAME))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_clean_words() {
        assert_eq!(zwnj_mask("می\u{200C}شود"), 1 << 2);
        assert_eq!(
            clean_word("مي\u{200C}شود").as_deref(),
            Some("می\u{200C}شود")
        );
        assert_eq!(clean_word("کتاب2"), None);
        assert_eq!(clean_word("دار\u{200C}ها"), None);
        assert_eq!(skeleton("می\u{200C}شود"), "میشود");
    }
}
