//! The two index schemas (statements, articles) and the field handles the writer and searcher share.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, SchemaBuilder,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;

use super::query_build::SearchFields;
use super::tokenizer::{ANALYZER_NAME, PersianTokenizer};

/// Folder of the statements index inside the index directory.
pub const STATEMENTS_DIR: &str = "statements";
/// Folder of the articles index inside the index directory.
pub const ARTICLES_DIR: &str = "articles";
/// The speaker table for autocomplete, inside the index directory.
pub const SPEAKERS_FILE: &str = "speakers.json";
/// The date column the date sort reads ([`CommonFields::day`]).
pub const DAY_FIELD: &str = "day";
/// The input-order column ties are broken by ([`CommonFields::seq`]).
pub const SEQ_FIELD: &str = "seq";

/// Analyzed with the Persian analyzer, positions kept (phrases, proximity), stored.
fn persian_text(stored: bool) -> TextOptions {
    persian_text_with(stored, Positions::Kept)
}

/// Whether a text field records word positions. Only the fields free text is searched in
/// (`SearchFields::weighted`) take phrase and proximity queries; the others are only filtered on
/// with term queries, and positions there would be indexed for nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Positions {
    Kept,
    Dropped,
}

fn persian_text_with(stored: bool, positions: Positions) -> TextOptions {
    let record = match positions {
        Positions::Kept => IndexRecordOption::WithFreqsAndPositions,
        Positions::Dropped => IndexRecordOption::WithFreqs,
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER_NAME)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Fields both indexes have: identity, provenance, date and topics.
#[derive(Debug, Clone, Copy)]
pub struct CommonFields {
    /// Exact id (`STRING`, stored).
    pub id: Field,
    pub article_id: Field,
    /// Article title, stored (statements show it beside the quote).
    pub title: Field,
    pub source: Field,
    /// Folded source name, exact: the `source` filter.
    pub source_key: Field,
    /// The source as written, a fast column only: facet counts read it, no query searches it.
    pub source_facet: Field,
    /// ISO date as stored text.
    pub date: Field,
    /// The date as `yyyymmdd` (fast + indexed): range filters and the date sort.
    pub day: Field,
    /// The document's position in the input (articles among articles, statements among
    /// statements), a fast column. Results that tie on score or date follow it: document
    /// addresses depend on how the writer cut the index into segments and in which order they
    /// were merged, input positions do not.
    pub seq: Field,
    /// Topics, stored as written, analyzed for search.
    pub topics: Field,
    /// Folded topic, exact: the `topic` filter.
    pub topic_key: Field,
    /// Fast column only, like `source_facet`.
    pub topic_facet: Field,
    /// Speaker as text (articles: every speaker quoted in it).
    pub speaker: Field,
    /// Fast column only, like `source_facet`.
    pub speaker_facet: Field,
}

/// Which of the common fields an index searches free text in (and so needs positions for).
#[derive(Debug, Clone, Copy)]
struct FreeTextIn {
    title: bool,
    topics: bool,
    speaker: bool,
}

impl CommonFields {
    fn add(builder: &mut SchemaBuilder, free_text: FreeTextIn) -> Self {
        let positions = |searched: bool| {
            if searched {
                Positions::Kept
            } else {
                Positions::Dropped
            }
        };
        CommonFields {
            id: builder.add_text_field("id", STRING | STORED),
            article_id: builder.add_text_field("article_id", STRING | STORED),
            title: if free_text.title {
                builder.add_text_field("title", persian_text(true))
            } else {
                builder.add_text_field("title", STORED)
            },
            source: builder.add_text_field("source", STORED),
            source_key: builder.add_text_field("source_key", STRING),
            source_facet: builder.add_text_field("source_facet", FAST),
            date: builder.add_text_field("date", STORED),
            day: builder.add_i64_field(DAY_FIELD, INDEXED | FAST),
            seq: builder.add_u64_field(SEQ_FIELD, FAST),
            topics: builder.add_text_field(
                "topics",
                persian_text_with(true, positions(free_text.topics)),
            ),
            topic_key: builder.add_text_field("topic_key", STRING),
            topic_facet: builder.add_text_field("topic_facet", FAST),
            speaker: builder.add_text_field(
                "speaker",
                persian_text_with(true, positions(free_text.speaker)),
            ),
            speaker_facet: builder.add_text_field("speaker_facet", FAST),
        }
    }
}

/// The statements index: one document per statement.
#[derive(Debug, Clone, Copy)]
pub struct StatementFields {
    pub common: CommonFields,
    pub speaker_key: Field,
    pub role: Field,
    pub cue: Field,
    pub kind: Field,
    pub text: Field,
    pub paragraph: Field,
    pub confidence: Field,
}

impl StatementFields {
    pub fn schema() -> (Schema, Self) {
        let mut b = Schema::builder();
        // Free text is searched in the text, the speaker and the role (see `Searcher`).
        let free_text = FreeTextIn {
            title: false,
            topics: false,
            speaker: true,
        };
        let common = CommonFields::add(&mut b, free_text);
        let fields = StatementFields {
            common,
            speaker_key: b.add_text_field("speaker_key", STRING),
            role: b.add_text_field("role", persian_text(true)),
            cue: b.add_text_field("cue", STORED),
            kind: b.add_text_field("kind", STRING | STORED),
            text: b.add_text_field("text", persian_text(true)),
            paragraph: b.add_u64_field("paragraph", STORED),
            confidence: b.add_f64_field("confidence", STORED | FAST),
        };
        (b.build(), fields)
    }

    pub fn from_schema(schema: &Schema) -> tantivy::Result<Self> {
        let (expected, fields) = Self::schema();
        check_schema(schema, &expected)?;
        Ok(fields)
    }

    /// Where queries search statements.
    pub fn search_fields(&self) -> SearchFields {
        SearchFields {
            // Topics are facets and filters; searching them too cost a fifth of the query time.
            weighted: vec![
                (self.text, 1.0),
                (self.common.speaker, 1.2),
                (self.role, 0.6),
            ],
            speaker: self.common.speaker,
            role: Some(self.role),
            topics: self.common.topics,
            source_key: self.common.source_key,
            kind: Some(self.kind),
        }
    }
}

/// The articles index: one document per kept article.
#[derive(Debug, Clone, Copy)]
pub struct ArticleFields {
    pub common: CommonFields,
    /// Kept paragraphs joined by `\n`.
    pub body: Field,
    pub url: Field,
    /// JSON: the input index of each kept paragraph.
    pub paragraph_index: Field,
    /// JSON: the removed paragraphs with their reasons.
    pub removed: Field,
    pub duplicate_of: Field,
}

impl ArticleFields {
    pub fn schema() -> (Schema, Self) {
        let mut b = Schema::builder();
        // Free text is searched in the body, the title and the topics (see `Searcher`).
        let free_text = FreeTextIn {
            title: true,
            topics: true,
            speaker: false,
        };
        let common = CommonFields::add(&mut b, free_text);
        let fields = ArticleFields {
            common,
            body: b.add_text_field("body", persian_text(true)),
            url: b.add_text_field("url", STORED),
            paragraph_index: b.add_text_field("paragraph_index", STORED),
            removed: b.add_text_field("removed", STORED),
            duplicate_of: b.add_text_field("duplicate_of", STORED),
        };
        (b.build(), fields)
    }

    pub fn from_schema(schema: &Schema) -> tantivy::Result<Self> {
        let (expected, fields) = Self::schema();
        check_schema(schema, &expected)?;
        Ok(fields)
    }

    /// Where queries search articles.
    pub fn search_fields(&self) -> SearchFields {
        SearchFields {
            weighted: vec![
                (self.body, 1.0),
                (self.common.title, 2.0),
                (self.common.topics, 0.5),
            ],
            speaker: self.common.speaker,
            role: None,
            topics: self.common.topics,
            source_key: self.common.source_key,
            kind: None,
        }
    }
}

/// An index written by another goftar version is refused rather than misread.
fn check_schema(found: &Schema, expected: &Schema) -> tantivy::Result<()> {
    let names = |s: &Schema| -> Vec<String> {
        s.fields()
            .map(|(_, entry)| entry.name().to_string())
            .collect()
    };
    if names(found) == names(expected) {
        Ok(())
    } else {
        Err(tantivy::TantivyError::SchemaError(
            "the index was written by another version of goftar; run `goftar process` again"
                .to_string(),
        ))
    }
}

/// Registers the Persian analyzer on an index (needed after every create or open).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(
        ANALYZER_NAME,
        TextAnalyzer::from(PersianTokenizer::for_index()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_positions(schema: &Schema, field: Field) -> bool {
        schema
            .get_field_entry(field)
            .field_type()
            .get_index_record_option()
            .is_some_and(|option| option.has_positions())
    }

    /// Phrases and proximity bonuses run on the weighted fields: each must keep positions.
    #[test]
    fn fields_searched_as_free_text_keep_positions() {
        let (schema, fields) = StatementFields::schema();
        for (field, _) in fields.search_fields().weighted {
            assert!(
                has_positions(&schema, field),
                "{}",
                schema.get_field_name(field)
            );
        }
        let (schema, fields) = ArticleFields::schema();
        for (field, _) in fields.search_fields().weighted {
            assert!(
                has_positions(&schema, field),
                "{}",
                schema.get_field_name(field)
            );
        }
    }

    /// `schema` as a goftar before the input-order column wrote it.
    fn without_seq(schema: &Schema) -> Schema {
        let mut older = Schema::builder();
        for (_, entry) in schema.fields().filter(|(_, e)| e.name() != SEQ_FIELD) {
            older.add_field(entry.clone());
        }
        older.build()
    }

    #[test]
    fn indexes_of_an_older_goftar_are_refused_with_the_fix() {
        let (schema, _) = StatementFields::schema();
        let refused = StatementFields::from_schema(&without_seq(&schema)).err();
        let message = refused.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("run `goftar process` again"), "{message}");
        let (schema, _) = ArticleFields::schema();
        assert!(ArticleFields::from_schema(&without_seq(&schema)).is_err());
        assert!(ArticleFields::from_schema(&schema).is_ok());
    }

    #[test]
    fn fields_only_filtered_on_skip_positions() {
        let (schema, fields) = StatementFields::schema();
        assert!(!has_positions(&schema, fields.common.topics));
        let (schema, fields) = ArticleFields::schema();
        assert!(!has_positions(&schema, fields.common.speaker));
    }
}
