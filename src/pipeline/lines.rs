//! Normalizing and fingerprinting a batch with each distinct input line done once.
//!
//! News repeats itself line for line: page furniture under every story, wire copies reprinted
//! unchanged, the same story crawled twice. Normalization and fingerprinting are pure functions of
//! a line, so a bounded memo keyed by a 128-bit hash of the raw line lets every repeat skip both.
//! The learning pass fills the memo first with the lines it normalizes (once half of it is full,
//! with normalized text only: fingerprints make an entry several times larger); it skips lines too
//! long to be furniture ([`super::long_lines`]), which the main pass then normalizes once. The memo never changes a result, only how often it is
//! computed; the output stays byte-identical for any thread count and any memo size.

use crate::prehashed::PrehashedMap;
use std::borrow::Cow;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_128_with_seed;

use crate::corpus::RecordError;
use crate::dedup::{self, Fingerprints, ParagraphPrint};
use crate::model::{Article, Document, Paragraph};
use crate::normalize;
use crate::pipeline::long_lines::too_long_for_furniture;
use crate::speakers::SourceMap;

/// Keys of paragraph lines and of titles live apart: a title entry carries no fingerprint.
const PARAGRAPH_SEED: u64 = 0x7061_7261;
const TITLE_SEED: u64 = 0x7469_746c;

/// A line after normalization: its trimmed text (empty when nothing is left) and, for paragraphs,
/// its de-duplication fingerprint (with input index 0; each occurrence sets its own) and where its
/// characters came from (to quote statements without normalizing the line again).
#[derive(Debug, Clone)]
pub(crate) struct PreparedLine {
    text: Box<str>,
    print: Option<ParagraphPrint>,
    source: SourceMap,
    /// Prepared with everything its kind needs: a title, or a paragraph with its fingerprint.
    complete: bool,
}

impl PreparedLine {
    /// A title (`is_title`: text only, complete as it is) or a paragraph line, with its
    /// fingerprint when `with_print` (else incomplete, to be finished by [`Self::completed`]).
    fn new(raw: &str, config: &normalize::Config, with_print: bool, is_title: bool) -> Self {
        let normalized = normalize::normalize(raw, config);
        let text = normalized.text.trim();
        let source = if is_title || text.is_empty() {
            SourceMap::default()
        } else {
            SourceMap::of(&normalized)
        };
        let line = PreparedLine {
            text: text.into(),
            print: None,
            source,
            complete: is_title,
        };
        if with_print && !is_title {
            line.completed()
        } else {
            line
        }
    }

    /// The paragraph line with its fingerprint (computed from the text: no normalizing again).
    fn completed(mut self) -> Self {
        if !self.complete {
            self.print = if self.text.is_empty() {
                None
            } else {
                print_of(&self.text)
            };
            self.complete = true;
        }
        self
    }

    /// Estimated memory, for the memo's budget: the entry in the table (at worst half-empty after
    /// growing), the text, and the fingerprint's token and piece hashes.
    fn heap_bytes(&self) -> usize {
        const TABLE_SLOTS_PER_ENTRY: usize = 2;
        const ALLOCATION_OVERHEAD: usize = 16;
        let entry = TABLE_SLOTS_PER_ENTRY * (std::mem::size_of::<(u128, HeldLine)>() + 1)
            + std::mem::size_of::<PreparedLine>()
            + ALLOCATION_OVERHEAD;
        let hashes = |v: &Vec<u64>| match v.capacity() {
            0 => 0,
            slots => slots * 8 + ALLOCATION_OVERHEAD,
        };
        let print = self
            .print
            .as_ref()
            .map_or(0, |p| hashes(&p.token_hashes) + hashes(&p.piece_hashes));
        let source = match self.source.heap_bytes() {
            0 => 0,
            bytes => bytes + ALLOCATION_OVERHEAD,
        };
        entry + ALLOCATION_OVERHEAD + self.text.len() + print + source
    }
}

/// The fingerprint of one paragraph of normalized text, at input index 0 (what
/// [`dedup::fingerprint`] gives a document of that one paragraph, without building the document).
fn print_of(text: &str) -> Option<ParagraphPrint> {
    Some(dedup::paragraph_print(0, text))
}

type KeyMap<V> = PrehashedMap<u128, V>;

/// A prepared line as the memo and a batch's fresh lines hold it: boxed, so the tables move a
/// pointer when they grow or hand lines over, not the line's couple of hundred bytes (their
/// growth was about 2% of a run on distinct text, half of it the kernel clearing new pages).
type HeldLine = Box<PreparedLine>;

/// Prepared lines by raw-line hash, within a byte budget: two generations, the older dropped
/// whole when the newer fills up, so recently seen lines stay.
///
/// On text that does not repeat, the memo costs a copy and a table entry per line for nothing.
/// So when a whole generation filled up with fewer than [`MIN_HIT_SHARE`] of the main pass's lines
/// found in the memo, it freezes: still read, no longer written, and the batch's lines are moved
/// into their documents. Lines that repeat again (found in the frozen memo, or in a sample of the
/// keys seen since) thaw it.
#[derive(Debug, Default)]
pub(crate) struct LineMemo {
    current: KeyMap<HeldLine>,
    previous: KeyMap<HeldLine>,
    current_bytes: usize,
    previous_bytes: usize,
    generation_bytes: usize,
    /// Main-pass body lines since the current generation started, and how many the memo held.
    lines: usize,
    hits: usize,
    /// A generation filled in the main pass since the memo started or thawed.
    warm: bool,
    frozen: bool,
    seen: SeenKeys,
}

/// Below this share of lines found in the memo, a full generation freezes it.
const MIN_HIT_SHARE: f64 = 0.02;
/// At or above this share of repeated lines among those a frozen memo lacks, it thaws. Well above
/// [`MIN_HIT_SHARE`]: a corpus whose furniture alone repeats (a few percent of its lines, short
/// and cheap to normalize) stays frozen instead of thawing and freezing again.
const THAW_REPEAT_SHARE: f64 = 0.2;

/// A sample of the line keys seen while the memo is frozen (one in [`SeenKeys::SAMPLING`]), in
/// two bounded generations: tells lines that repeat after the memo froze.
#[derive(Debug, Default)]
struct SeenKeys {
    current: KeyMap<()>,
    previous: KeyMap<()>,
}

impl SeenKeys {
    const SAMPLING: u128 = 4;
    const GENERATION: usize = 1 << 15;

    fn sampled(key: u128) -> bool {
        key.is_multiple_of(Self::SAMPLING)
    }

    /// Records a sampled key; true when it was seen before.
    fn repeated(&mut self, key: u128) -> bool {
        if self.previous.contains_key(&key) {
            return true;
        }
        if self.current.len() >= Self::GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, ()).is_some()
    }

    fn clear(&mut self) {
        *self = SeenKeys::default();
    }
}

/// What a memo does when it is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WhenFull {
    /// Keep what is there (the learning pass: the main pass will want the corpus's first lines).
    Keep,
    /// Drop the older generation (the main pass: recent lines are the likely repeats).
    Evict,
}

impl LineMemo {
    pub(crate) fn new(budget_bytes: usize) -> Self {
        LineMemo {
            generation_bytes: budget_bytes / 2,
            ..LineMemo::default()
        }
    }

    /// Lines held and their estimated heap bytes.
    pub(crate) fn size(&self) -> (usize, usize) {
        (
            self.current.len() + self.previous.len(),
            self.current_bytes + self.previous_bytes,
        )
    }

    fn get(&self, key: u128) -> Option<&PreparedLine> {
        self.current
            .get(&key)
            .or_else(|| self.previous.get(&key))
            .map(|line| &**line)
    }

    /// Puts a line the memo already holds (without its fingerprint) back with it, in the same
    /// generation, if that generation has room; else the memo keeps the text alone. Completing
    /// never evicts: the lines learned for later batches are worth more than a fingerprint.
    fn complete(&mut self, key: u128, line: HeldLine) {
        let cost = line.heap_bytes();
        let generations = [
            (&mut self.current, &mut self.current_bytes),
            (&mut self.previous, &mut self.previous_bytes),
        ];
        for (lines, bytes) in generations {
            if let Some(held) = lines.get_mut(&key) {
                let grown = *bytes - held.heap_bytes().min(*bytes) + cost;
                if grown <= self.generation_bytes {
                    *held = line;
                    *bytes = grown;
                }
                return;
            }
        }
    }

    fn insert(&mut self, key: u128, line: HeldLine, when_full: WhenFull) {
        let cost = line.heap_bytes();
        if cost > self.generation_bytes || self.frozen {
            return;
        }
        if self.current_bytes + cost > self.generation_bytes {
            if when_full == WhenFull::Keep && !self.previous.is_empty() {
                return;
            }
            // Judged once a whole generation of main-pass lines could be found in a full one
            // before it (the first generation only fills: every line is new to it).
            if when_full == WhenFull::Evict && self.lines > 0 && self.warm {
                if (self.hits as f64) < MIN_HIT_SHARE * self.lines as f64 {
                    self.frozen = true;
                    self.seen.clear();
                    // The generation that just filled is the one found not to repeat: let it
                    // go (half the memo's memory) and keep the older one, which holds what
                    // the learning pass or an earlier stretch kept (page furniture, repeats).
                    self.current = KeyMap::default();
                    self.current_bytes = 0;
                    tracing::debug!(
                        "line memo frozen: {} of {} lines repeated",
                        self.hits,
                        self.lines
                    );
                }
                self.lines = 0;
                self.hits = 0;
                if self.frozen {
                    return;
                }
            }
            if when_full == WhenFull::Evict {
                self.warm = true;
                self.lines = 0;
                self.hits = 0;
            }
            self.previous = std::mem::take(&mut self.current);
            self.previous_bytes = std::mem::replace(&mut self.current_bytes, 0);
        }
        self.current_bytes += cost;
        self.current.insert(key, line);
    }

    /// Counts a main-pass batch's body lines and those the memo held, for [`Self::insert`].
    fn count(&mut self, lines: usize, hits: usize) {
        self.lines += lines;
        self.hits += hits;
    }

    /// For a frozen memo: whether enough of a batch's lines the memo lacks were seen since it
    /// froze (judged on a sample of their keys) to start keeping lines again. Lines the frozen
    /// memo holds do not count: it serves them anyway.
    fn repeats_enough(&mut self, keys: &[Option<LineKeys>]) -> bool {
        const MIN_SAMPLE: usize = 16;
        let (mut sampled, mut repeats) = (0usize, 0usize);
        for &(_, key) in keys.iter().flatten().flat_map(|k| &k.paragraphs) {
            if SeenKeys::sampled(key) && self.get(key).is_none() {
                sampled += 1;
                repeats += usize::from(self.seen.repeated(key));
            }
        }
        sampled >= MIN_SAMPLE && repeats as f64 >= THAW_REPEAT_SHARE * sampled as f64
    }

    /// Starts keeping lines again.
    fn thaw(&mut self) {
        self.frozen = false;
        self.warm = false;
        self.seen.clear();
        self.lines = 0;
        self.hits = 0;
    }
}

/// The hashed lines of one article: its title and its non-blank body lines with their indexes.
struct LineKeys {
    title: Option<u128>,
    paragraphs: Vec<(usize, u128)>,
}

impl LineKeys {
    fn of(article: &Article) -> Self {
        LineKeys {
            title: article
                .title
                .as_deref()
                .map(|t| xxh3_128_with_seed(t.as_bytes(), TITLE_SEED)),
            paragraphs: body_lines(&article.body)
                .map(|(index, line)| (index, xxh3_128_with_seed(line.as_bytes(), PARAGRAPH_SEED)))
                .collect(),
        }
    }
}

/// The non-blank lines of a body with their input indexes (blank lines count in the numbering).
fn body_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    body.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
}

/// A raw line still to be prepared in this batch, or (`known`) a memo entry to fingerprint.
struct Job<'a> {
    key: u128,
    raw: &'a str,
    with_print: bool,
    is_title: bool,
    known: Option<&'a PreparedLine>,
}

/// Which lines a pass needs prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Everything (the main pass).
    Main,
    /// The lines that may be furniture (the learning pass), fingerprinted too when `with_prints`.
    Learning { with_prints: bool },
}

impl Pass {
    fn with_prints(self) -> bool {
        matches!(self, Pass::Main | Pass::Learning { with_prints: true })
    }

    /// Whether the pass can leave this raw body line alone.
    fn skips(self, raw: &str) -> bool {
        self != Pass::Main && too_long_for_furniture(raw)
    }
}

/// The lines of a batch not in the memo, each once, in first-seen order.
fn missing_lines<'a>(
    articles: &'a [Result<Article, RecordError>],
    keys: &[Option<LineKeys>],
    memo: &'a LineMemo,
    pass: Pass,
) -> (Vec<Job<'a>>, LineCounts) {
    let with_prints = pass.with_prints();
    let mut scheduled: KeyMap<()> = KeyMap::default();
    let mut jobs = Vec::new();
    let mut counts = LineCounts::default();
    for (article, keys) in articles.iter().zip(keys) {
        let (Ok(article), Some(keys)) = (article, keys) else {
            continue;
        };
        if let (Some(title), Some(key)) = (article.title.as_deref(), keys.title)
            && memo.get(key).is_none()
            && scheduled.insert(key, ()).is_none()
        {
            jobs.push(Job {
                key,
                raw: title,
                with_print: false,
                is_title: true,
                known: None,
            });
        }
        for ((_, raw), &(_, key)) in body_lines(&article.body).zip(&keys.paragraphs) {
            if pass.skips(raw) {
                continue;
            }
            let known = memo.get(key);
            counts.lines += 1;
            counts.hits += usize::from(known.is_some());
            let ready = known.is_some_and(|line| !with_prints || line.complete);
            if !ready && scheduled.insert(key, ()).is_none() {
                jobs.push(Job {
                    key,
                    raw,
                    with_print: with_prints,
                    is_title: false,
                    known,
                });
            }
        }
    }
    (jobs, counts)
}

/// Body lines of a batch, and how many of them the memo held.
#[derive(Debug, Default, Clone, Copy)]
struct LineCounts {
    lines: usize,
    hits: usize,
}

/// Looks lines up in this batch's fresh results, then in the memo.
struct Lookup<'a> {
    fresh: &'a KeyMap<HeldLine>,
    memo: &'a LineMemo,
}

impl Lookup<'_> {
    fn get(&self, key: u128) -> Option<&PreparedLine> {
        match self.fresh.get(&key) {
            Some(line) => Some(line),
            None => self.memo.get(key),
        }
    }
}

/// A document as normalized (not yet de-duplicated), its fingerprints and its lines' source maps.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prepared {
    pub doc: Document,
    pub prints: Fingerprints,
    pub sources: SourceMaps,
}

/// The [`SourceMap`] of each kept paragraph of a document, by input line index.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SourceMaps(Vec<(usize, SourceMap)>);

impl SourceMaps {
    /// The map of input line `index`, if it was kept.
    pub fn get(&self, index: usize) -> Option<&SourceMap> {
        let at = self.0.binary_search_by_key(&index, |&(i, _)| i).ok()?;
        self.0.get(at).map(|(_, map)| map)
    }
}

/// A parsed batch turned into prepared documents (or why a record was rejected).
pub(crate) type PreparedBatch = Vec<Result<Prepared, RecordError>>;

/// Normalizes and fingerprints a batch, each distinct line once; fresh lines join the memo.
pub(crate) fn prepare_batch(
    articles: Vec<Result<Article, RecordError>>,
    memo: &mut LineMemo,
    config: &normalize::Config,
) -> PreparedBatch {
    if memo.frozen {
        return prepare_batch_frozen(articles, memo, config);
    }
    let (keys, fresh, counts) = prepare_missing(&articles, memo, config, Pass::Main);
    memo.count(counts.lines, counts.hits);
    let prepared = {
        let lookup = Lookup {
            fresh: &fresh,
            memo,
        };
        assemble_batch(articles, keys, &lookup, config)
    };
    absorb(memo, fresh, WhenFull::Evict);
    prepared
}

/// [`prepare_batch`] with a frozen memo: each article prepares the lines the memo lacks on its own
/// and moves them into its document; nothing joins the memo.
fn prepare_batch_frozen(
    articles: Vec<Result<Article, RecordError>>,
    memo: &mut LineMemo,
    config: &normalize::Config,
) -> PreparedBatch {
    let keys: Vec<Option<LineKeys>> = articles
        .par_iter()
        .map(|a| a.as_ref().ok().map(LineKeys::of))
        .collect();
    if memo.repeats_enough(&keys) {
        memo.thaw();
        tracing::debug!("line memo thawed: lines repeat again");
        return prepare_batch(articles, memo, config);
    }
    let none = KeyMap::default();
    let lookup = Lookup { fresh: &none, memo };
    assemble_batch(articles, keys, &lookup, config)
}

/// [`assemble`] for every article of a batch, in parallel; an article without keys (none were
/// computed for it) gets them here.
fn assemble_batch(
    articles: Vec<Result<Article, RecordError>>,
    keys: Vec<Option<LineKeys>>,
    lookup: &Lookup<'_>,
    config: &normalize::Config,
) -> PreparedBatch {
    articles
        .into_par_iter()
        .zip(keys)
        .map(|(article, keys)| {
            article.map(|article| {
                let keys = keys.unwrap_or_else(|| LineKeys::of(&article));
                assemble(article, &keys, lookup, config)
            })
        })
        .collect()
}

/// For the learning pass: each article's source and the normalized lines that may be furniture,
/// as a document for [`dedup::FurnitureLearner::observe`]. Lines too long to be furniture are left
/// out (the learner would skip them), which spares it matching them again.
pub(crate) fn prepare_for_learning(
    articles: Vec<Result<Article, RecordError>>,
    memo: &mut LineMemo,
    config: &normalize::Config,
) -> Vec<Document> {
    // Lines are fingerprinted while the memo's first generation fills (a corpus with few
    // distinct lines is then prepared entirely, and the fingerprints tell the lines too long to
    // be furniture), then only normalized: the main pass fingerprints each line once anyway, and
    // entries without fingerprints are small enough for the memo to keep several times more.
    let pass = Pass::Learning {
        with_prints: memo.previous.is_empty(),
    };
    let (keys, fresh, _) = prepare_missing(&articles, memo, config, pass);
    let docs = {
        let lookup = Lookup {
            fresh: &fresh,
            memo,
        };
        articles
            .into_par_iter()
            .zip(keys)
            .filter_map(|(article, keys)| Some((article.ok()?, keys?)))
            .map(|(article, keys)| furniture_candidates(article, &keys, &lookup, config))
            .collect()
    };
    absorb(memo, fresh, WhenFull::Keep);
    docs
}

fn prepare_missing(
    articles: &[Result<Article, RecordError>],
    memo: &LineMemo,
    config: &normalize::Config,
    pass: Pass,
) -> (Vec<Option<LineKeys>>, KeyMap<HeldLine>, LineCounts) {
    let keys: Vec<Option<LineKeys>> = articles
        .par_iter()
        .map(|a| a.as_ref().ok().map(LineKeys::of))
        .collect();
    let (jobs, counts) = missing_lines(articles, &keys, memo, pass);
    let fresh = jobs
        .into_par_iter()
        .map(|job| {
            let line = match job.known {
                Some(known) => known.clone().completed(),
                None => PreparedLine::new(job.raw, config, job.with_print, job.is_title),
            };
            (job.key, Box::new(line))
        })
        .collect();
    (keys, fresh, counts)
}

fn absorb(memo: &mut LineMemo, fresh: KeyMap<HeldLine>, when_full: WhenFull) {
    for (key, line) in fresh {
        if memo.get(key).is_some() {
            memo.complete(key, line);
        } else {
            memo.insert(key, line, when_full);
        }
    }
}

/// The line a key stands for, from the batch or the memo; prepared on the spot if neither has it
/// (they always should: every missing line of the batch was prepared).
fn line_for<'a>(
    lookup: &'a Lookup<'_>,
    key: u128,
    raw: &str,
    config: &normalize::Config,
    with_print: bool,
    is_title: bool,
) -> Cow<'a, PreparedLine> {
    match lookup.get(key) {
        Some(line) if line.complete || !with_print => Cow::Borrowed(line),
        Some(line) => Cow::Owned(line.clone().completed()),
        None => Cow::Owned(PreparedLine::new(raw, config, with_print, is_title)),
    }
}

/// The document of a parsed article, its fingerprints and source maps, from prepared lines.
fn assemble(
    article: Article,
    keys: &LineKeys,
    lookup: &Lookup<'_>,
    config: &normalize::Config,
) -> Prepared {
    let mut paragraphs = Vec::with_capacity(keys.paragraphs.len());
    let mut prints = Vec::with_capacity(keys.paragraphs.len());
    let mut sources = Vec::with_capacity(keys.paragraphs.len());
    for ((index, raw), &(_, key)) in body_lines(&article.body).zip(&keys.paragraphs) {
        let line = line_for(lookup, key, raw, config, true, false);
        if line.text.is_empty() {
            continue;
        }
        // A line prepared for this document alone is moved into it.
        let (text, print, source) = match line {
            Cow::Borrowed(line) => (
                line.text.to_string(),
                line.print.clone(),
                line.source.clone(),
            ),
            Cow::Owned(line) => (line.text.into_string(), line.print, line.source),
        };
        if let Some(mut print) = print {
            print.index = index;
            prints.push(print);
        }
        sources.push((index, source));
        paragraphs.push(Paragraph { index, text });
    }
    let title = match (article.title.as_deref(), keys.title) {
        (Some(raw), Some(key)) => Some(
            line_for(lookup, key, raw, config, false, true)
                .text
                .to_string(),
        ),
        _ => None,
    }
    .filter(|t| !t.is_empty());
    let mut doc = Document::from_article(article, title, Vec::new());
    // The source key is the fingerprint of a document with no paragraphs yet.
    let source = dedup::fingerprint(&doc).source;
    doc.paragraphs = paragraphs;
    Prepared {
        doc,
        prints: Fingerprints {
            source,
            paragraphs: prints,
        },
        sources: SourceMaps(sources),
    }
}

/// The article as the furniture learner needs it: source and the lines short enough to count
/// (lines surely too long are not even normalized).
fn furniture_candidates(
    article: Article,
    keys: &LineKeys,
    lookup: &Lookup<'_>,
    config: &normalize::Config,
) -> Document {
    let paragraphs = body_lines(&article.body)
        .zip(&keys.paragraphs)
        .filter(|((_, raw), _)| !too_long_for_furniture(raw))
        .filter_map(|((index, raw), &(_, key))| {
            let line = line_for(lookup, key, raw, config, false, false);
            // A known fingerprint tells whether the line is short enough to be furniture.
            let may_be_furniture = line.print.as_ref().is_none_or(|p| p.line_key.is_some());
            (!line.text.is_empty() && may_be_furniture).then(|| Paragraph {
                index,
                text: line.text.to_string(),
            })
        })
        .collect();
    Document {
        source: article.source,
        paragraphs,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::prepare;

    #[test]
    fn a_line_prints_as_a_one_paragraph_document_does() {
        for text in ["وی گفت: «این طرح اجرا می‌شود.»", "۱۲ درصد", "x"]
        {
            let doc = Document {
                source: Some("ایسنا".to_string()),
                paragraphs: vec![Paragraph {
                    index: 0,
                    text: text.to_string(),
                }],
                ..Document::default()
            };
            assert_eq!(print_of(text), dedup::fingerprint(&doc).paragraphs.pop());
        }
    }

    fn article(id: &str, title: Option<&str>, body: &str) -> Article {
        Article {
            id: id.to_string(),
            title: title.map(str::to_string),
            source: Some("ایسنا".to_string()),
            body: body.to_string(),
            ..Article::default()
        }
    }

    fn sample() -> Vec<Article> {
        let lead = "به گزارش ايسنا، وزير نيرو روز دوشنبه گفت: برنامه هاي تابستان آماده است.";
        let furniture = "انتهای پیام";
        vec![
            article(
                "a",
                Some("  عنوان  اول "),
                &format!("{lead}\n\n  \n{furniture}\nمتن دوم مي شود"),
            ),
            article("b", Some(" "), &format!("{furniture}\n{lead}\n\t\n{lead}")),
            article("c", None, "\u{200c}\n ؟ \nیک خط تازه با کد خبر: ۱۲۳"),
            article("d", Some("  عنوان  اول "), lead),
        ]
    }

    /// What the pipeline did before the memo: every line normalized and fingerprinted on its own.
    fn reference(articles: &[Article]) -> Vec<(Document, Fingerprints)> {
        let config = normalize::Config::default();
        articles
            .iter()
            .map(|a| {
                let doc = prepare(a.clone(), &config);
                let prints = dedup::fingerprint(&doc);
                (doc, prints)
            })
            .collect()
    }

    fn prepared(articles: &[Article], memo: &mut LineMemo) -> Vec<(Document, Fingerprints)> {
        let batch = articles.iter().cloned().map(Ok).collect();
        prepare_batch(batch, memo, &normalize::Config::default())
            .into_iter()
            .map(|item| item.expect("no record errors in the sample"))
            .map(|p| (p.doc, p.prints))
            .collect()
    }

    #[test]
    fn batches_match_line_by_line_preparation_with_or_without_a_memo() {
        let articles = sample();
        let expected = reference(&articles);
        for budget in [0, 1 << 10, 64 << 20] {
            let mut memo = LineMemo::new(budget);
            // Twice: the second time every line may come from the memo.
            assert_eq!(prepared(&articles, &mut memo), expected, "budget {budget}");
            assert_eq!(prepared(&articles, &mut memo), expected, "budget {budget}");
        }
    }

    #[test]
    fn learning_fills_the_memo_for_the_main_pass() {
        let articles = sample();
        let config = normalize::Config::default();
        let mut memo = LineMemo::new(64 << 20);
        let batch = articles.iter().cloned().map(Ok).collect();
        prepare_for_learning(batch, &mut memo, &config);
        let cached = memo.current.len();
        assert!(cached > 0);
        assert_eq!(prepared(&articles, &mut memo), reference(&articles));
        assert_eq!(memo.current.len(), cached, "the main pass found every line");
    }

    #[test]
    fn learning_documents_hold_the_lines_that_may_be_furniture() {
        let articles = sample();
        let config = normalize::Config::default();
        for budget in [0, 64 << 20] {
            let mut memo = LineMemo::new(budget);
            let batch = articles.iter().cloned().map(Ok).collect();
            let docs = prepare_for_learning(batch, &mut memo, &config);
            assert_eq!(docs.len(), articles.len());
            for (doc, (full, _)) in docs.iter().zip(reference(&articles)) {
                assert_eq!(doc.source, full.source);
                // Every candidate is a paragraph of the full document...
                assert!(doc.paragraphs.iter().all(|p| full.paragraphs.contains(p)));
                // ...and every short line is a candidate.
                let short = full
                    .paragraphs
                    .iter()
                    .filter(|p| print_of(&p.text).is_some_and(|print| print.line_key.is_some()));
                for p in short {
                    assert!(
                        doc.paragraphs.contains(p),
                        "{p:?} missing (budget {budget})"
                    );
                }
            }
        }
    }

    #[test]
    fn learning_leaves_lines_too_long_for_furniture_unnormalized() {
        let long = "وزیر نیرو گفت برنامه‌های تابستان آماده است و ".repeat(8);
        let articles = vec![article("a", None, &format!("انتهای پیام\n{long}"))];
        let mut memo = LineMemo::new(64 << 20);
        let batch = articles.iter().cloned().map(Ok).collect();
        let docs = prepare_for_learning(batch, &mut memo, &normalize::Config::default());
        let texts: Vec<&str> = docs[0].paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["انتهای پیام"]);
        assert_eq!(memo.size().0, 1, "only the short line was normalized");
        // The main pass still prepares every line.
        assert_eq!(prepared(&articles, &mut memo), reference(&articles));
    }

    /// Articles of `lines` distinct lines each, tagged with `tag`.
    fn distinct(tag: &str, articles: usize, lines: usize) -> Vec<Article> {
        (0..articles)
            .map(|a| {
                let body: Vec<String> = (0..lines)
                    .map(|l| format!("وزیر گفت برنامه ها آماده است {tag} {a} {l}"))
                    .collect();
                article(&format!("{tag}{a}"), Some("عنوان"), &body.join("\n"))
            })
            .collect()
    }

    #[test]
    fn a_memo_that_finds_nothing_freezes_and_repeats_thaw_it() {
        let mut memo = LineMemo::new(1 << 20);
        let first = distinct("x", 20, 10);
        let mut batches = 0;
        while !memo.frozen {
            let batch = distinct(&format!("y{batches}"), 20, 10);
            assert_eq!(prepared(&batch, &mut memo), reference(&batch));
            batches += 1;
            assert!(batches < 100, "never froze");
        }
        let held = memo.size();
        assert!(
            memo.current.is_empty(),
            "the generation that froze it is let go"
        );
        // Frozen: results unchanged, nothing joins the memo.
        assert_eq!(prepared(&first, &mut memo), reference(&first));
        assert_eq!(memo.size(), held);
        assert!(memo.frozen);
        // The same lines again: seen since the memo froze, so it thaws and keeps them.
        assert_eq!(prepared(&first, &mut memo), reference(&first));
        assert!(!memo.frozen);
        let last = first
            .last()
            .map(LineKeys::of)
            .and_then(|k| k.paragraphs.last().copied());
        assert!(last.is_some_and(|(_, key)| memo.get(key).is_some()));
    }

    #[test]
    fn repeated_lines_keep_the_memo_open() {
        let mut memo = LineMemo::new(64 << 10);
        let batch = distinct("z", 20, 10);
        for _ in 0..20 {
            assert_eq!(prepared(&batch, &mut memo), reference(&batch));
            assert!(!memo.frozen);
        }
    }

    #[test]
    fn a_full_memo_keeps_or_evicts_as_asked() {
        let line = |text: &str| {
            Box::new(PreparedLine {
                text: text.into(),
                print: None,
                source: SourceMap::default(),
                complete: true,
            })
        };
        let cost = line("x").heap_bytes();
        let mut keep = LineMemo::new(4 * cost);
        let mut evict = LineMemo::new(4 * cost);
        for key in 0..10u128 {
            keep.insert(key, line("x"), WhenFull::Keep);
            evict.insert(key, line("x"), WhenFull::Evict);
        }
        // Two generations of two entries each.
        assert!(keep.get(0).is_some() && keep.get(3).is_some() && keep.get(4).is_none());
        assert!(evict.get(9).is_some() && evict.get(6).is_some() && evict.get(5).is_none());
        // Completing stays within the generation's budget and never evicts.
        let mut memo = LineMemo::new(4 * cost);
        memo.insert(0, line("x"), WhenFull::Evict);
        memo.insert(1, line("x"), WhenFull::Evict);
        let mut bigger = line("x");
        bigger.text = "x".repeat(cost).into();
        memo.complete(0, bigger);
        assert_eq!(
            memo.get(0).map(|l| l.text.len()),
            Some(1),
            "no room: text kept"
        );
        memo.complete(1, line("y"));
        assert_eq!(memo.get(1).map(|l| &*l.text), Some("y"));
        assert_eq!(memo.size().0, 2);
        // A memo without budget keeps nothing.
        let mut off = LineMemo::new(0);
        off.insert(1, line("x"), WhenFull::Evict);
        assert!(off.get(1).is_none());
    }

    #[test]
    fn record_errors_pass_through_in_place() {
        let error = RecordError {
            file: "f.jsonl".to_string(),
            line: Some(2),
            id: None,
            reason: "broken JSON".to_string(),
        };
        let batch = vec![
            Ok(article("a", None, "یک")),
            Err(error.clone()),
            Ok(article("b", None, "یک")),
        ];
        let mut memo = LineMemo::new(1 << 20);
        let out = prepare_batch(batch, &mut memo, &normalize::Config::default());
        assert!(matches!(&out[1], Err(e) if *e == error));
        assert!(out[0].is_ok() && out[2].is_ok());
    }
}
