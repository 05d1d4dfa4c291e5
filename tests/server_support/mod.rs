//! A small real index for the server tests: a few hand-written articles with their statements,
//! written through the same `OutputDir` sink `goftar process` uses (the speaker stage is not
//! needed, so its output is given directly).

#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;

use goftar::model::{Document, Paragraph, Removal, RemovalReason, Statement, StatementKind};
use goftar::output::OutputDir;
use goftar::pipeline::{Sink, Summary};
use goftar::speakers::SpeakerTable;

pub struct Quote {
    pub paragraph: usize,
    pub speaker: &'static str,
    pub role: &'static str,
    pub cue: &'static str,
    pub kind: StatementKind,
    pub text: &'static str,
}

pub struct Story {
    pub id: &'static str,
    pub date: &'static str,
    pub source: &'static str,
    pub title: &'static str,
    pub paragraphs: &'static [&'static str],
    pub quotes: &'static [Quote],
    pub topics: &'static [&'static str],
    pub removed: &'static [&'static str],
}

pub const STORIES: &[Story] = &[
    Story {
        id: "irna-1",
        date: "2024-05-01",
        source: "ایرنا",
        title: "سخنگوی دولت: تورم کاهش می‌یابد",
        paragraphs: &[
            "علی بهادری جهرمی، سخنگوی دولت، گفت: «نرخ تورم در ماه‌های آینده کاهش می‌یابد.»",
            "وی افزود برنامه‌های دولت برای مهار گرانی ادامه دارد.",
        ],
        quotes: &[
            Quote {
                paragraph: 0,
                speaker: "علی بهادری جهرمی",
                role: "سخنگوی دولت",
                cue: "گفت",
                kind: StatementKind::Direct,
                text: "نرخ تورم در ماه‌های آینده کاهش می‌یابد.",
            },
            Quote {
                paragraph: 1,
                speaker: "علی بهادری جهرمی",
                role: "سخنگوی دولت",
                cue: "افزود",
                kind: StatementKind::Indirect,
                text: "برنامه‌های دولت برای مهار گرانی ادامه دارد.",
            },
        ],
        topics: &["تورم", "اقتصاد"],
        removed: &["انتهای پیام"],
    },
    Story {
        id: "isna-2",
        date: "2024-05-09",
        source: "ایسنا",
        title: "رئیس کل بانک مرکزی: بازار ارز آرام است",
        paragraphs: &[
            "محمدرضا فرزین، رئیس کل بانک مرکزی، اعلام کرد: «بازار ارز آرام است و تورم مهار شده است.»",
        ],
        quotes: &[Quote {
            paragraph: 0,
            speaker: "محمدرضا فرزین",
            role: "رئیس کل بانک مرکزی",
            cue: "اعلام کرد",
            kind: StatementKind::Direct,
            text: "بازار ارز آرام است و تورم مهار شده است.",
        }],
        topics: &["نرخ ارز", "اقتصاد"],
        removed: &[],
    },
    Story {
        id: "tasnim-3",
        date: "2024-06-15",
        source: "تسنیم",
        title: "وزیر نیرو: مصرف آب باید کاهش یابد",
        paragraphs: &[
            "علی‌اکبر محرابیان، وزیر نیرو، گفت: «مصرف آب در تهران باید دست‌کم ده درصد کاهش یابد.»",
        ],
        quotes: &[Quote {
            paragraph: 0,
            speaker: "علی‌اکبر محرابیان",
            role: "وزیر نیرو",
            cue: "گفت",
            kind: StatementKind::Direct,
            text: "مصرف آب در تهران باید دست‌کم ده درصد کاهش یابد.",
        }],
        topics: &["آب"],
        removed: &[],
    },
];

fn document(story: &Story) -> Document {
    let paragraphs = Paragraph::numbered(story.paragraphs.iter().copied());
    let mut ordinals = vec![0usize; paragraphs.len()];
    let statements = story
        .quotes
        .iter()
        .map(|quote| {
            let paragraph = &paragraphs[quote.paragraph].text;
            let start = paragraph
                .find(quote.text)
                .expect("quote is in its paragraph");
            let ordinal = ordinals[quote.paragraph];
            ordinals[quote.paragraph] += 1;
            Statement {
                id: Statement::make_id(story.id, quote.paragraph, ordinal),
                article_id: story.id.to_string(),
                paragraph: quote.paragraph,
                speaker: Some(quote.speaker.to_string()),
                role: Some(quote.role.to_string()),
                cue: quote.cue.to_string(),
                kind: quote.kind,
                text: quote.text.to_string(),
                quote: String::new(),
                start,
                end: start + quote.text.len(),
                confidence: 0.9,
                topics: story.topics.iter().map(|t| t.to_string()).collect(),
            }
        })
        .collect();
    let removed = story
        .removed
        .iter()
        .enumerate()
        .map(|(i, text)| Removal {
            index: paragraphs.len() + i,
            reason: RemovalReason::Boilerplate,
            duplicate_of: None,
            similarity: None,
            text: text.to_string(),
        })
        .collect();
    Document {
        id: story.id.to_string(),
        title: Some(story.title.to_string()),
        date: Some(story.date.to_string()),
        source: Some(story.source.to_string()),
        paragraphs,
        removed,
        statements,
        topics: story.topics.iter().map(|t| t.to_string()).collect(),
        ..Document::default()
    }
}

/// Writes `process` output with a search index for [`STORIES`] into `dir`.
pub fn build_index(dir: &Path) {
    let mut out = OutputDir::create(dir, true).expect("output dir");
    for story in STORIES {
        out.document(&document(story)).expect("document");
    }
    out.finish(&SpeakerTable::new(), &Summary::default())
        .expect("finish");
}
