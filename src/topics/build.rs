//! Builds the background table (`data/background.fst`) from the shared data, with this crate's own
//! code: word classes from the hazm lexicons (stopwords, verb stems conjugated here, POS-tagged
//! words), general frequency from the Persian Wikipedia vocabulary, and the document frequency of
//! every candidate phrase (as [`super::candidates`] cuts them) in the shared news bodies.
//!
//! ATTRIBUTION: derived counts and word classes only (no text) from hazm 0.10.0 data files (MIT),
//! Persian-Wikipedia-Corpus vocabulary (CC BY-SA), and news from Fars, Varzesh3, Hamshahri Online,
//! Radio Farda, Borna, Khabar Online, Tasnim (document frequencies of phrases).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;

use super::candidates::Collector;
use super::fold::{fold, lemma_key};
use super::table::{DOCS_KEY, Entry, Lexicon, flags};
use super::tokens::{TokenKind, tokenize};
use crate::normalize::{Config as NormalizeConfig, normalize};

/// Phrases of two or more words are kept when at least this many documents hold them.
const MIN_PHRASE_DF: u32 = 3;
/// Single words are kept when at least this many documents hold them (or a lexicon knows them).
const MIN_WORD_DF: u32 = 2;
/// Words seen fewer times than this get no compound-verb share (too little evidence).
const MIN_LIGHT_VERB_SEEN: u32 = 5;
/// Wikipedia words rarer than this are left out: their frequency says little.
const MIN_WIKI_COUNT: u64 = 20;
/// A generated verb form the POS lexicon weighs at least this much as a noun is a noun: `بازی`
/// (game, not "you play"), `مردم` (people), `سوخت` (fuel), `تولید` (production).
const NOUN_FORM_WEIGHT: u64 = 300_000;

/// hazm stopwords that are content nouns heading common topics (`راه آهن`, `دهه فجر`, `دسته یک`,
/// `تغییر کاربری`); they stay candidates.
const CONTENT_STOPWORDS: [&str; 17] = [
    "راه",
    "دهه",
    "نشست",
    "تغییر",
    "رشد",
    "بخش",
    "دسته",
    "نیمه",
    "سهم",
    "خطر",
    "پخش",
    "جریان",
    "روش",
    "اجرا",
    "برداری",
    "گذاری",
    "سازی",
];

/// The word lexicon while it is being built.
#[derive(Debug, Default)]
struct WordTable {
    words: HashMap<String, Entry>,
}

impl Lexicon for WordTable {
    fn entry(&self, key: &str) -> Entry {
        self.words.get(key).copied().unwrap_or_default()
    }
}

impl WordTable {
    fn add(&mut self, word: &str, flag: u8) {
        let key = fold(word.trim());
        if !key.is_empty() && !key.contains(' ') {
            self.words.entry(key).or_default().flags |= flag;
        }
    }
}

fn lines(path: &Path) -> anyhow::Result<impl Iterator<Item = String>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    Ok(BufReader::new(file).lines().map_while(Result::ok))
}

/// Conjugated forms of one verb (past stem, present stem): simple past, continuous, subjunctive,
/// present, participles and infinitive, positive and negative, with `می` written joined (the key
/// folds the ZWNJ away).
pub fn conjugations(past: &str, present: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let persons_past = ["", "م", "ی", "یم", "ید", "ند"];
    let persons_present = ["م", "ی", "د", "یم", "ید", "ند"];
    if !past.is_empty() {
        for prefix in ["ن", "می", "نمی"] {
            for p in persons_past {
                forms.push(format!("{prefix}{past}{p}"));
            }
        }
        // Bare second person singular (`کشتی`) is rare in news and mostly a noun.
        for p in ["م", "یم", "ید", "ند"] {
            forms.push(format!("{past}{p}"));
        }
        for prefix in ["", "ن"] {
            for aux in ["", "اند", "است", "ام", "ای", "ایم", "اید"] {
                forms.push(format!("{prefix}{past}ه{aux}"));
            }
        }
        forms.push(format!("{past}ن"));
    }
    if !present.is_empty() {
        let mut stems = vec![present.to_string()];
        if present.ends_with('ا') || present.ends_with('و') {
            stems.push(format!("{present}ی"));
        }
        let initial_alef = present.strip_prefix('آ').map(|rest| format!("یا{rest}"));
        for stem in &stems {
            for p in persons_present {
                // Bare `stem+م` / `stem+ی` are rare in news and mostly nouns (`گندم`, `بینی`).
                if p != "م" && p != "ی" {
                    forms.push(format!("{stem}{p}"));
                }
                for prefix in ["می", "نمی", "ب", "ن"] {
                    forms.push(format!("{prefix}{stem}{p}"));
                }
                if let Some(alef) = &initial_alef {
                    forms.push(format!("ب{alef}{p}"));
                    forms.push(format!("ن{alef}{p}"));
                }
            }
        }
    }
    forms
}

/// Word classes from the hazm lexicons and frequencies from Wikipedia.
fn word_table(lexicons: &Path) -> anyhow::Result<WordTable> {
    let mut table = WordTable::default();
    let hazm = lexicons.join("hazm");
    let mut noun_weight: HashMap<String, u64> = HashMap::new();
    for line in lines(&hazm.join("words.dat"))? {
        let mut fields = line.split('\t');
        let (Some(word), Some(weight), Some(pos)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let tags: Vec<&str> = pos.split(',').filter(|t| *t != "0").collect();
        let mut flag = flags::KNOWN | flags::DICTIONARY;
        if tags.contains(&"N") {
            flag |= flags::NOUN;
            let w = weight.parse::<u64>().unwrap_or(0);
            let e = noun_weight.entry(fold(word)).or_default();
            *e = (*e).max(w);
        }
        if !tags.is_empty() && tags.iter().all(|t| matches!(*t, "AJ" | "AJC")) {
            flag |= flags::ADJECTIVE;
        }
        let function = [
            "ADV", "P", "CONJ", "DET", "PRO", "NUM", "POSTP", "INT", "CL", "PR", "PS", "NIN",
            "COMP",
        ];
        if !tags.is_empty() && tags.iter().all(|t| function.contains(t)) {
            flag |= flags::FUNCTION;
        }
        table.add(word, flag);
    }
    // An adjective-only reading is dropped when another line of the lexicon allows a noun.
    for entry in table.words.values_mut() {
        if entry.has(flags::NOUN) {
            entry.flags &= !(flags::ADJECTIVE | flags::FUNCTION);
        }
    }
    for line in lines(&hazm.join("stopwords.dat"))? {
        if !CONTENT_STOPWORDS.contains(&line.trim()) {
            table.add(&line, flags::STOP);
        }
    }
    for line in lines(&hazm.join("verbs.dat"))? {
        let Some((past, present)) = line.split_once('#') else {
            continue;
        };
        let (past, present) = (fold(past.trim()), fold(present.trim()));
        let bare_past = (!past.is_empty()).then(|| past.clone());
        for form in conjugations(&past, &present).into_iter().chain(bare_past) {
            if noun_weight.get(&form).copied().unwrap_or(0) < NOUN_FORM_WEIGHT {
                table.add(&form, flags::VERB);
            }
        }
    }
    for line in lines(&lexicons.join("fawiki/vocab.txt"))? {
        let Some((word, count)) = line.rsplit_once(' ') else {
            continue;
        };
        let Ok(count) = count.trim().parse::<u64>() else {
            continue;
        };
        if count < MIN_WIKI_COUNT || word.starts_with('<') {
            continue;
        }
        let key = fold(word);
        if key.is_empty() || key.contains(' ') {
            continue;
        }
        let wiki = (4.0 * ((count + 1) as f64).log2()).round().min(255.0) as u8;
        let entry = table.words.entry(key).or_default();
        entry.wiki = entry.wiki.max(wiki);
        entry.flags |= flags::KNOWN;
    }
    Ok(table)
}

#[derive(serde::Deserialize)]
struct NewsItem {
    #[serde(default)]
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
}

/// Per phrase: documents holding it, documents whose title holds it.
type PhraseCounts = HashMap<String, (u32, u32)>;
/// Per word: occurrences, occurrences directly before a verb.
type VerbCounts = HashMap<String, (u32, u32)>;

/// Counts, for every content word of `text`, its occurrences and those directly followed by a verb.
fn count_light_verbs(text: &str, words: &WordTable, counts: &mut VerbCounts) {
    let mut previous: Option<String> = None;
    for token in tokenize(text) {
        let folded = fold(token.surface);
        let entry = words.entry(&folded);
        let is_verb = token.kind == TokenKind::Word
            && (entry.has(flags::VERB)
                || folded == "می"
                || folded == "نمی"
                || token.surface.starts_with("می\u{200c}")
                || token.surface.starts_with("نمی\u{200c}"));
        if let Some(p) = previous.take()
            && is_verb
            && !token.boundary_before
        {
            counts.entry(p).or_default().1 += 1;
        }
        if token.kind == TokenKind::Word && !is_verb && !entry.has(flags::STOP) {
            let key = lemma_key(token.surface, |w| words.entry(w).has(flags::KNOWN));
            counts.entry(key.clone()).or_default().0 += 1;
            previous = Some(key);
        }
    }
}

/// Document and title frequency of every candidate phrase in the news files (repeated RSS items
/// skipped), and the compound-verb counts of words.
fn news_frequencies(
    news: &Path,
    words: &WordTable,
) -> anyhow::Result<(PhraseCounts, VerbCounts, u32)> {
    let mut df: PhraseCounts = HashMap::new();
    let mut verbs: VerbCounts = HashMap::new();
    let mut docs = 0u32;
    let config = NormalizeConfig::default();
    let mut files: Vec<_> = std::fs::read_dir(news)
        .with_context(|| format!("reading {}", news.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for path in files {
        for line in lines(&path)? {
            let Ok(item) = serde_json::from_str::<NewsItem>(&line) else {
                continue;
            };
            if item.id.contains("-dup") {
                continue;
            }
            let mut collector = Collector::new(false);
            if let Some(title) = &item.title {
                let title = normalize(title, &config).text;
                collector.add(&title, 0, true, words);
            }
            for (i, paragraph) in item.body.as_deref().unwrap_or("").split('\n').enumerate() {
                // The pipeline hands topics normalized text (ZWNJ restored, spaced affixes
                // joined), so the counts are taken on the same spellings.
                let paragraph = normalize(paragraph, &config).text;
                collector.add(&paragraph, i as u32 + 1, false, words);
                count_light_verbs(&paragraph, words, &mut verbs);
            }
            docs += 1;
            for (key, candidate) in collector.candidates.iter() {
                let counts = df.entry(key.to_string()).or_default();
                counts.0 += 1;
                counts.1 += u32::from(candidate.in_title);
            }
        }
    }
    Ok((df, verbs, docs))
}

/// Writes `out_dir/background.fst` from `shared_data` (holding `lexicons/` and `news/`).
pub fn build(shared_data: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let words = word_table(&shared_data.join("lexicons"))?;
    let (df, verbs, docs) = news_frequencies(&shared_data.join("news"), &words)?;
    let mut table: BTreeMap<String, Entry> = BTreeMap::new();
    for (key, entry) in &words.words {
        table.insert(key.clone(), *entry);
    }
    for (key, (count, titles)) in df {
        let single = !key.contains(' ');
        if count < if single { MIN_WORD_DF } else { MIN_PHRASE_DF } {
            continue;
        }
        let entry = table.entry(key).or_default();
        entry.df = count;
        entry.title_df = titles.min(u32::from(u16::MAX)) as u16;
    }
    for (key, (seen, before_verb)) in verbs {
        if seen >= MIN_LIGHT_VERB_SEEN
            && let Some(entry) = table.get_mut(&key)
        {
            entry.light_verb = (255 * u64::from(before_verb) / u64::from(seen)).min(255) as u8;
        }
    }
    std::fs::create_dir_all(out_dir)?;
    let path = out_dir.join("background.fst");
    let file = std::io::BufWriter::new(File::create(&path)?);
    let mut builder = fst::MapBuilder::new(file)?;
    builder.insert(DOCS_KEY, u64::from(docs))?;
    for (key, entry) in table {
        builder.insert(key, entry.pack())?;
    }
    builder.finish()?;
    tracing::info!("topics: wrote {} ({docs} documents)", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjugates_regular_and_alef_initial_verbs() {
        let forms = conjugations("گفت", "گو");
        for f in [
            "گفتند",
            "میگفت",
            "نگفته",
            "گفتهاست",
            "میگوید",
            "بگویم",
            "گوید",
        ] {
            assert!(forms.iter().any(|x| x == f), "{f}");
        }
        let forms = conjugations("آمد", "آ");
        assert!(forms.iter().any(|x| x == "بیاید"));
        assert!(forms.iter().any(|x| x == "میآیند") || forms.iter().any(|x| x == "میآند"));
    }

    /// Rebuilds the committed table: `cargo test --lib rebuild_background -- --ignored`
    /// (`GOFTAR_SHARED_DATA` overrides the `../shared/data` default).
    #[test]
    #[ignore]
    fn rebuild_background() {
        let shared = std::env::var("GOFTAR_SHARED_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/topics/data");
        build(&shared, &out).expect("build");
    }
}
