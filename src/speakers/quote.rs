//! Statements quoted as their source wrote them. Extraction works on normalized paragraphs; a
//! journalist (and the gold annotation format) cites the published characters, so each statement's
//! span is carried back through the normalizer's offset map to the input line.

use crate::model::Document;
use crate::normalize::{self, Config, Normalized};

/// Fills every statement's `quote` with the input text its normalized span came from. Needs
/// `doc.body` (the input body) and the `config` the paragraphs were normalized with; without a
/// body, or when a span cannot be mapped, the quote is the normalized text.
pub fn quote_statements(doc: &mut Document, config: &Config) {
    if doc.statements.is_empty() {
        return;
    }
    let lines: Vec<&str> = doc.body.split('\n').collect();
    // Statements come in paragraph order: each input line is normalized again at most once.
    let mut current: Option<(usize, Normalized)> = None;
    for statement in &mut doc.statements {
        let Some(line) = lines.get(statement.paragraph) else {
            statement.quote = statement.text.clone();
            continue;
        };
        if current
            .as_ref()
            .is_none_or(|(p, _)| *p != statement.paragraph)
        {
            current = Some((statement.paragraph, normalize::normalize(line, config)));
        }
        let Some((_, normalized)) = &current else {
            continue;
        };
        statement.quote = source_span(line, normalized, statement.start, statement.end)
            .unwrap_or(&statement.text)
            .to_string();
    }
}

/// The input text behind `start..end` of the trimmed normalized line, trimmed itself.
fn source_span<'a>(
    line: &'a str,
    normalized: &Normalized,
    start: usize,
    end: usize,
) -> Option<&'a str> {
    let text = &normalized.text;
    // Paragraph offsets count from the trimmed text.
    let lead = text.len() - text.trim_start().len();
    let from = normalized.source_offset(start + lead);
    let to = normalized.source_offset(end + lead);
    let quote = line.get(from..to)?.trim();
    (!quote.is_empty()).then_some(quote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Paragraph, Statement, StatementKind};

    fn statement(paragraph: usize, text: &str, start: usize) -> Statement {
        Statement {
            id: Statement::make_id("a", paragraph, 0),
            article_id: "a".into(),
            paragraph,
            speaker: None,
            role: None,
            cue: "گفت".into(),
            kind: StatementKind::Indirect,
            text: text.into(),
            quote: String::new(),
            start,
            end: start + text.len(),
            confidence: 1.0,
            topics: vec![],
        }
    }

    /// Quotes the statement found in the normalized `line` at its normalized text `said`.
    fn quote_of(body: &str, paragraph: usize, said: &str) -> String {
        let config = Config::default();
        let line = body.split('\n').nth(paragraph).unwrap();
        let normalized = normalize::normalize(line, &config).text;
        let normalized = normalized.trim();
        let start = normalized
            .find(said)
            .expect("statement in the normalized line");
        let mut doc = Document {
            body: body.into(),
            paragraphs: Paragraph::numbered([normalized]),
            statements: vec![statement(paragraph, said, start)],
            ..Document::default()
        };
        quote_statements(&mut doc, &config);
        doc.statements.remove(0).quote
    }

    #[test]
    fn keeps_the_sources_letters_and_spacing() {
        let body = "عنوان\n  وي گفت: اين برنامه ها اجرا مي شود.";
        let normalized = normalize::normalize(body.split('\n').nth(1).unwrap(), &Config::default());
        let said = normalized.text.split(": ").nth(1).unwrap().to_string();
        assert_ne!(said, "اين برنامه ها اجرا مي شود.");
        assert_eq!(quote_of(body, 1, &said), "اين برنامه ها اجرا مي شود.");
    }

    #[test]
    fn a_repaired_lost_space_maps_back_to_the_glued_input() {
        let body = "شهردار قم گفت: ویگفت که کار تمام است";
        let normalized = normalize::normalize(body, &Config::default()).text;
        let said = normalized.split(": ").nth(1).unwrap().to_string();
        assert_eq!(quote_of(body, 0, &said), "ویگفت که کار تمام است");
    }

    #[test]
    fn without_a_body_the_quote_is_the_normalized_text() {
        let mut doc = Document {
            statements: vec![statement(3, "کار تمام است", 0)],
            ..Document::default()
        };
        quote_statements(&mut doc, &Config::default());
        assert_eq!(doc.statements[0].quote, "کار تمام است");
    }
}
