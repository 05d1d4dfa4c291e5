//! Page furniture: lines a news page prints around every story (`نظر شما`, `انتهای پیام`,
//! `کد خبر: ۱۲۳۴`, `/ایرنا`, share and print links, «برای دریافت ... کلیک کنید»).
//!
//! Two sources of knowledge: known patterns, and short lines that recur under many articles of one
//! source. The latter are learned either in a separate pass over the corpus ([`FurnitureLearner`])
//! or, when the input can only be read once, from running counts (a line becomes furniture once it
//! has been seen under enough articles of its source; its earlier occurrences stay).
//! Only short lines are ever candidates, so a story's lead, however often it is repeated, is not.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::RegexSet;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use super::lsh::PrehashedMap;
use super::scan::FoldedWords;
use super::text;
use crate::model::Document;

/// Longest line (in words) that may be furniture.
pub const MAX_FURNITURE_WORDS: usize = 12;
/// Longest line (in characters of its match form) that may be furniture.
const MAX_FURNITURE_CHARS: usize = 120;
/// Longest match form (in bytes) a known pattern is tried on: 30 long Persian words.
const MAX_KNOWN_BYTES: usize = 600;
/// A line seen under at least this many articles of one source is furniture...
pub const MIN_ARTICLES: u32 = 20;
/// ...and, after a learning pass, under at least this share of the source's articles.
const MIN_SHARE: f64 = 0.005;
/// Bound on the distinct lines a learner or running counter tracks; past it, the rarest go.
const MAX_TRACKED_LINES: usize = 1 << 21;

/// Whole-line patterns over the spaceless match form (letters folded, digits ASCII, no punctuation).
static KNOWN_LINES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        // comments boxes
        r"^(ارسال|ثبت)?(نظر|نظرات|دیدگاه|دیدگاهها)(شما|کاربران|خودرابنویسید|چیست)?$",
        // end-of-story marks
        r"^(انتها|پایان)ی?(پیام|متن|خبر|گزارش|مطلب)$",
        // story codes and dates
        r"^(کد|شناسه)(خبر|مطلب|مقاله)[0-9]*$",
        r"^(تاریخ|زمان)(انتشار|مخابره|بهروزرسانی|بروزرسانی)[0-9آ-ی]{0,40}$",
        r"^(تعداد)?(بازدید|بازدیدها|نظرات)[0-9]*$",
        // section headers of related-links boxes
        r"^(اخبار|مطالب|خبرهای|مقالات)(مرتبط|پیشنهادی|برگزیده)$",
        r"^(بیشتربخوانید|پیشنهادویژه|برچسبها|برچسب|کلیدواژهها|کلمات?کلیدی|تگها|ادامهمطلب|ادامهخبر|لینکخبر|لینککوتاه|آدرسکوتاه|کپیشد|کپیلینک)$",
        r"^(بازگشتبه|برگشتبه)?صفحه(اصلی|نخست|قبل)(گروه[آ-ی]{0,24})?$",
        // calls to click, subscribe or follow
        r"^برای(دریافت|مشاهده|دانلود|خواندن|مطالعه|عضویت|ورود|دیدن|شنیدن|تماشای|تماشا).{0,80}(کلیک|لمس)کنید$",
        r"^(اینجا|روی|بر)?(اینجا)?کلیککنید$",
        r"^(عضویتدر|بهکانال|مارادر).{0,40}(کانال|تلگرام|اینستاگرام|ایتا|روبیکا|سروش|بله|توییتر|آپارات)(بپیوندید|دنبالکنید|عضوشوید)?$",
        r"^.{0,40}(کانال|صفحه).{0,40}(بپیوندید|دنبالکنید|عضوشوید)$",
        r"^(تمامی|کلیه)?حقوق.{0,60}محفوظ(است|میباشد)?$",
        // a bare agency tag such as `/ایرنا` or `منبع: ایسنا`
        r"^(منبع|بهنقلاز)?(ایرنا|ایسنا|ایلنا|ایکنا|ایبنا|مهر|فارس|تسنیم|برنا|میزان|شبستان|دانشجو|باشگاهخبرنگارانجوان|باشگاهخبرنگاران|خبرآنلاین|همشهریآنلاین|تابناک|انتخاب|صداوسیما|ورزش3|ورزشسه|خبرگزاری[آ-ی]{2,16})$",
    ])
    .expect("the furniture patterns are valid")
});

/// Words of share, print and social-media link rows: a line made only of these is furniture.
const LINK_ROW_WORDS: &[&str] = &[
    "اشتراک",
    "اشتراکگذاری",
    "بهاشتراکبگذارید",
    "گذاری",
    "بگذارید",
    "نسخه",
    "چاپی",
    "چاپ",
    "پرینت",
    "ارسال",
    "به",
    "دوستان",
    "ذخیره",
    "تلگرام",
    "توییتر",
    "تویتر",
    "واتساپ",
    "واتس",
    "اپ",
    "فیسبوک",
    "اینستاگرام",
    "لینکدین",
    "ایمیل",
    "ایتا",
    "بله",
    "سروش",
    "روبیکا",
    "گوگل",
    "پلاس",
    "share",
    "print",
    "email",
    "telegram",
    "twitter",
    "whatsapp",
    "facebook",
    "linkedin",
    "instagram",
    "pinterest",
    "x",
    "copy",
    "link",
];

/// True when a line (as its match form) is furniture by a known pattern, or has no letters at all.
#[cfg(test)]
pub fn is_known(match_form: &str) -> bool {
    if match_form.is_empty() {
        return true;
    }
    // Furniture is short; most paragraphs are not, and need no closer look.
    if match_form.len() > MAX_KNOWN_BYTES {
        return false;
    }
    let words = memchr::memchr_iter(b' ', match_form.as_bytes()).count() + 1;
    if words > 30 {
        return false;
    }
    let mut spaceless = String::with_capacity(match_form.len());
    spaceless.extend(match_form.split(' '));
    if KNOWN_LINES.is_match(&spaceless) {
        return true;
    }
    // A row of share links, at least two of them (a lone `چاپ` or `ارسال` may be a word).
    (2..=MAX_FURNITURE_WORDS).contains(&words)
        && match_form.split(' ').all(|w| LINK_ROW_WORDS.contains(&w))
}

/// [`is_known`] of the match form `folded` holds.
pub fn is_known_folded(folded: &FoldedWords) -> bool {
    let words = folded.len();
    if words == 0 {
        return true;
    }
    if folded.form_len() > MAX_KNOWN_BYTES || words > 30 {
        return false;
    }
    if KNOWN_LINES.is_match(folded.letters()) {
        return true;
    }
    (2..=MAX_FURNITURE_WORDS).contains(&words)
        && folded.words().all(|w| LINK_ROW_WORDS.contains(&w))
}

/// [`line_key`] of the match form `folded` holds.
pub fn line_key_of(folded: &FoldedWords) -> Option<u64> {
    let words = folded.len();
    if words == 0 || words > MAX_FURNITURE_WORDS || folded.form_len() > 4 * MAX_FURNITURE_CHARS {
        return None;
    }
    let letters = folded.letters();
    if char_count(letters) + words - 1 > MAX_FURNITURE_CHARS {
        return None;
    }
    let masked: Vec<u8> = letters
        .bytes()
        .map(|b| if b.is_ascii_digit() { b'#' } else { b })
        .collect();
    Some(xxh3_64(&masked))
}

/// The key a short line is counted under, or `None` for lines too long to be furniture. Digits
/// are masked so `کد خبر: ۱۲۳۴` and `کد خبر: ۹۸۷۶` count as one line.
pub fn line_key(match_form: &str) -> Option<u64> {
    // Every character takes at most 4 bytes: longer forms cannot be short enough.
    if match_form.len() > 4 * MAX_FURNITURE_CHARS {
        return None;
    }
    let words = word_count(match_form);
    if words == 0 || words > MAX_FURNITURE_WORDS || char_count(match_form) > MAX_FURNITURE_CHARS {
        return None;
    }
    let mut masked = String::with_capacity(match_form.len());
    masked.extend(
        match_form
            .chars()
            .filter(|c| *c != ' ')
            .map(|c| if c.is_ascii_digit() { '#' } else { c }),
    );
    Some(xxh3_64(masked.as_bytes()))
}

/// Runs of bytes other than a space.
fn word_count(text: &str) -> usize {
    let mut previous = b' ';
    let mut words = 0;
    for &byte in text.as_bytes() {
        if byte != b' ' && previous == b' ' {
            words += 1;
        }
        previous = byte;
    }
    words
}

/// Characters of `text`, counted from its bytes (every byte but a UTF-8 continuation starts one).
fn char_count(text: &str) -> usize {
    text.bytes().filter(|byte| byte & 0xC0 != 0x80).count()
}

/// Hash of an article's source, `0` when it has none: furniture is learned per source.
pub fn source_key(source: Option<&str>) -> u64 {
    source.map_or(0, |s| xxh3_64(s.trim().as_bytes()))
}

fn source_line(source: u64, line: u64) -> u64 {
    xxh3_64_with_seed(&line.to_le_bytes(), source)
}

/// Counts of short lines per source, in distinct articles, with bounded memory.
#[derive(Debug, Default, Clone)]
struct LineCounts {
    /// (source, line) hash → (articles seen under, source's slot in `sources`).
    counts: PrehashedMap<u64, (u32, u32)>,
    /// Every source seen with its article count.
    sources: Vec<(u64, u32)>,
    slots: PrehashedMap<u64, u32>,
    /// Counts at or below this were dropped once to stay within [`MAX_TRACKED_LINES`].
    floor: u32,
}

impl LineCounts {
    /// Adds one article's distinct short lines.
    fn add_article(&mut self, source: u64, keys: &HashSet<u64>) {
        let next_slot = self.sources.len() as u32;
        let slot = *self.slots.entry(source).or_insert(next_slot);
        if slot == next_slot {
            self.sources.push((source, 0));
        }
        if let Some(entry) = self.sources.get_mut(slot as usize) {
            entry.1 += 1;
        }
        for &key in keys {
            self.counts
                .entry(source_line(source, key))
                .or_insert((0, slot))
                .0 += 1;
        }
        if self.counts.len() > MAX_TRACKED_LINES {
            // Lossy counting: a line that recurs under many articles survives every pruning.
            self.floor += 1;
            let floor = self.floor;
            self.counts.retain(|_, (n, _)| *n > floor);
        }
    }

    fn get(&self, source: u64, key: u64) -> u32 {
        self.counts
            .get(&source_line(source, key))
            .map_or(0, |&(n, _)| n)
    }
}

/// The distinct short-line keys of a document.
fn document_line_keys(doc: &Document) -> HashSet<u64> {
    doc.paragraphs
        .iter()
        .filter_map(|p| line_key(&text::match_form(&p.text)))
        .collect()
}

/// Learns furniture from a pass over the corpus: call [`observe`](Self::observe) on every article
/// (normalized, before de-duplication), then [`finish`](Self::finish). Memory is bounded: only
/// short lines are counted, by hash, and at most about two million of them.
#[derive(Debug, Default, Clone)]
pub struct FurnitureLearner {
    lines: LineCounts,
}

impl FurnitureLearner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the short lines of one article.
    pub fn observe(&mut self, doc: &Document) {
        let source = source_key(doc.source.as_deref());
        self.lines.add_article(source, &document_line_keys(doc));
    }

    /// The lines printed under at least [`MIN_ARTICLES`] articles (and 0.5%) of their source.
    pub fn finish(self) -> Furniture {
        let needed: Vec<u32> = self
            .lines
            .sources
            .iter()
            .map(|&(_, articles)| MIN_ARTICLES.max((f64::from(articles) * MIN_SHARE).ceil() as u32))
            .collect();
        let lines = self
            .lines
            .counts
            .into_iter()
            .filter(|&(_, (n, slot))| needed.get(slot as usize).is_some_and(|&min| n >= min))
            .map(|(key, _)| key)
            .collect();
        Furniture { lines }
    }
}

/// Furniture learned from a corpus: (source, line) keys.
#[derive(Debug, Default, Clone)]
pub struct Furniture {
    lines: HashSet<u64>,
}

impl Furniture {
    /// Number of learned (source, line) pairs.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn contains(&self, source: u64, key: u64) -> bool {
        self.lines.contains(&source_line(source, key))
    }
}

/// What the de-duplicator consults: learned furniture plus counts kept while streaming.
#[derive(Debug, Default, Clone)]
pub struct FurnitureJudge {
    learned: Furniture,
    running: LineCounts,
}

impl FurnitureJudge {
    pub fn new(learned: Furniture) -> Self {
        FurnitureJudge {
            learned,
            running: LineCounts::default(),
        }
    }

    /// Is the short line `key` furniture for `source`, given what was learned or seen so far?
    pub fn is_furniture(&self, source: u64, key: u64) -> bool {
        self.learned.contains(source, key) || self.running.get(source, key) >= MIN_ARTICLES
    }

    /// Records one article's short lines (after judging it, so the first ones are kept).
    pub fn record(&mut self, source: u64, keys: &HashSet<u64>) {
        self.running.add_article(source, keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn known(line: &str) -> bool {
        is_known(&text::match_form(line))
    }

    #[test]
    fn known_furniture_lines() {
        for line in [
            "نظر شما",
            "انتهای پیام/",
            "انتهاي پيام",
            "کد خبر: ۱۲۳۴۵",
            "/ایرنا",
            "منبع: ایسنا",
            "برای دریافت آخرین اخبار اینجا کلیک کنید",
            "اشتراک گذاری - چاپ - تلگرام",
            "تاریخ انتشار: ۱۲ مرداد ۱۴۰۲ - ۱۰:۳۰",
            "اخبار مرتبط",
            "بازگشت به صفحه نخست گروه فضای مجازی",
            "به نقل از خبرگزاری ایسنا",
            "بیشتر بخوانید:",
            ".",
        ] {
            assert!(known(line), "{line}");
        }
    }

    #[test]
    fn content_is_not_known_furniture() {
        for line in [
            "نظر شما درباره این طرح چیست؟ شهردار گفت مردم باید نظر بدهند.",
            "قم- شهردار قم گفت: در دوره جدید مدیریت شهری، نگاه شهرداری قم حرکت از مدیریت متمرکز است.",
            "مهر ماه امسال بودجه تصویب شد",
            "چاپ",
            "ارسال",
            "خبرگزاری رویترز در گزارشی به مراسم روز ارتش در ایران پرداخت که به‌خاطر شیوع ویروس کرونا بدون رژه برگزار شد.",
            "صفحه نخست روزنامه‌های امروز به سخنان رئیس‌جمهور درباره بودجه اختصاص یافت",
        ] {
            assert!(!known(line), "{line}");
        }
    }

    fn doc(source: &str, lines: &[&str]) -> Document {
        Document {
            source: Some(source.to_string()),
            paragraphs: lines
                .iter()
                .enumerate()
                .map(|(index, t)| Paragraph {
                    index,
                    text: t.to_string(),
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn learner_finds_lines_recurring_under_many_articles_of_a_source() {
        let mut learner = FurnitureLearner::new();
        for i in 0..25 {
            let story = format!("گزارش {} از رویداد امروز", "الف".repeat(i + 1));
            learner.observe(&doc(
                "agency",
                &[&story, "عضو خبرنامه ما شوید", "کد مطلب: 55"],
            ));
        }
        learner.observe(&doc("other", &["عضو خبرنامه ما شوید"]));
        let furniture = learner.finish();
        let agency = source_key(Some("agency"));
        let other = source_key(Some("other"));
        let key = line_key(&text::match_form("عضو خبرنامه ما شوید")).unwrap();
        assert!(furniture.contains(agency, key));
        assert!(!furniture.contains(other, key));
        let story = line_key(&text::match_form("گزارش الفالف از رویداد امروز")).unwrap();
        assert!(!furniture.contains(agency, story));
    }

    #[test]
    fn long_lines_are_never_candidates() {
        let long = "این یک جمله بلند است که بیش از دوازده کلمه دارد و نباید هرگز به عنوان قالب صفحه شناخته شود";
        assert!(line_key(&text::match_form(long)).is_none());
    }

    #[test]
    fn running_counts_turn_a_line_into_furniture_after_enough_articles() {
        let mut judge = FurnitureJudge::new(Furniture::default());
        let source = source_key(Some("agency"));
        let key = line_key("عضو خبرنامه ما شوید").unwrap();
        let keys: HashSet<u64> = [key].into();
        for _ in 0..MIN_ARTICLES {
            assert!(!judge.is_furniture(source, key));
            judge.record(source, &keys);
        }
        assert!(judge.is_furniture(source, key));
        assert!(!judge.is_furniture(source_key(Some("other")), key));
    }
}
