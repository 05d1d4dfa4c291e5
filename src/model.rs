//! Types every stage shares. Stages never import each other's internals; they meet here and in
//! [`crate::pipeline`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One input article as read from the corpus, before any stage touched it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: Option<String>,
    /// ISO `YYYY-MM-DD` (Jalali input dates are converted by the reader).
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    /// Paragraphs separated by `\n`; a paragraph's index is its position in `body.split('\n')`.
    pub body: String,
    /// Fields the reader does not know, passed through to `articles.jsonl` untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A paragraph as the stages see it: its position in the input body and its normalized text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Position in the input body split on `\n` (blank lines count).
    pub index: usize,
    /// Normalized text.
    pub text: String,
}

impl Paragraph {
    /// Paragraphs numbered from 0 in the order given, for documents built in memory rather than
    /// read from a body (library users, tests).
    pub fn numbered<I>(texts: I) -> Vec<Paragraph>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        texts
            .into_iter()
            .enumerate()
            .map(|(index, text)| Paragraph {
                index,
                text: text.into(),
            })
            .collect()
    }
}

/// Why a paragraph was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    Duplicate,
    NearDuplicate,
    Boilerplate,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Duplicate => "duplicate",
            RemovalReason::NearDuplicate => "near_duplicate",
            RemovalReason::Boilerplate => "boilerplate",
        }
    }
}

/// Points at one paragraph of one article (input index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphRef {
    pub article_id: String,
    pub index: usize,
}

/// A paragraph the de-duplicator removed, with its reason; its text is kept so nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    pub index: usize,
    pub reason: RemovalReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<ParagraphRef>,
    /// Estimated Jaccard similarity for near duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
    /// The normalized text of the removed paragraph.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Direct,
    Indirect,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
        }
    }
}

/// Something a speaker said, as found in one kept paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable: `{article_id}:{paragraph}:{ordinal}`.
    pub id: String,
    pub article_id: String,
    /// Input paragraph index.
    pub paragraph: usize,
    /// The person's name without honorifics, an organization's name, or `None` when unnamed.
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// The reporting verb or phrase as written.
    pub cue: String,
    pub kind: StatementKind,
    /// The statement as written in the input body, character for character (the source's letters,
    /// spacing and ZWNJ habits kept): what a journalist quotes, and the `text` field of
    /// `statements.jsonl`. Filled in by the pipeline, which still holds the input; empty before.
    #[serde(rename = "text", default)]
    pub quote: String,
    /// The statement normalized: `text == paragraph.text[start..end]`. This is what is indexed,
    /// searched and shown; in `statements.jsonl` it is the `normalized` field.
    #[serde(rename = "normalized")]
    pub text: String,
    /// Byte offsets of `text` in the normalized paragraph.
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    pub topics: Vec<String>,
}

impl Statement {
    pub fn make_id(article_id: &str, paragraph: usize, ordinal: usize) -> String {
        format!("{article_id}:{paragraph}:{ordinal}")
    }
}

/// An article on its way through the pipeline. Each stage reads it and fills in its own part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub id: String,
    /// Normalized title.
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    pub extra: Map<String, Value>,
    /// Size of the input body in bytes (for throughput figures).
    pub input_bytes: usize,
    /// The input body as read, kept while the article is in flight so that statements can quote
    /// their source verbatim; the pipeline empties it before the sinks.
    pub body: String,
    /// Kept, normalized paragraphs in input order. Before de-duplication: every non-blank one.
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removal>,
    /// Set when most of this article copies one earlier article.
    pub duplicate_of: Option<String>,
    pub statements: Vec<Statement>,
    pub topics: Vec<String>,
}

impl Document {
    /// The document of `article` with its normalized `title` and `paragraphs`; the input body and
    /// its size are kept (statements are quoted from it), every later stage's field starts empty.
    pub fn from_article(
        article: Article,
        title: Option<String>,
        paragraphs: Vec<Paragraph>,
    ) -> Self {
        Document {
            id: article.id,
            title,
            date: article.date,
            source: article.source,
            url: article.url,
            category: article.category,
            extra: article.extra,
            input_bytes: article.body.len(),
            body: article.body,
            paragraphs,
            ..Document::default()
        }
    }

    /// Title and kept paragraphs, in order: what later stages read as the article's text.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.title
            .as_deref()
            .into_iter()
            .chain(self.paragraphs.iter().map(|p| p.text.as_str()))
    }
}
