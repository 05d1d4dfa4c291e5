//! Statements quoted as their source wrote them. Extraction works on normalized paragraphs; a
//! journalist (and the gold annotation format) cites the published characters, so each statement's
//! span is carried back through the normalizer's offset map to the input line.
//!
//! The pipeline keeps a compact [`SourceMap`] of every line it normalizes, so quoting needs no
//! second normalization; [`quote_statements`] normalizes again for callers without maps.

use crate::model::Document;
use crate::normalize::{self, Config, Normalized};

/// Where the characters of one trimmed, normalized line came from in its input line: the offset
/// map of [`Normalized`] reduced to the char boundaries where the output-to-input shift changes
/// (none when nothing before a character moved it), so it is cheap to keep for every line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// `(output offset, input offset)` at each char boundary where `input - output` changes, in
    /// increasing order; the first is at output 0.
    breaks: Box<[(u32, u32)]>,
}

impl SourceMap {
    /// The map of `normalized`, for offsets counted from its trimmed text (as paragraph offsets
    /// are). Offsets too large for the compact form leave the map empty (quotes then fall back).
    pub fn of(normalized: &Normalized) -> SourceMap {
        let text = &normalized.text;
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let mut breaks: Vec<(u32, u32)> = Vec::new();
        let mut shift: Option<i64> = None;
        // Char boundaries by byte (a UTF-8 continuation byte starts 0b10): cheaper than decoding.
        let boundaries = trimmed
            .bytes()
            .enumerate()
            .filter(|&(_, byte)| byte & 0xC0 != 0x80)
            .map(|(i, _)| i)
            .chain(std::iter::once(trimmed.len()));
        for out in boundaries {
            let source = normalized.source_offset(out + lead);
            let (Ok(out32), Ok(source32)) = (u32::try_from(out), u32::try_from(source)) else {
                return SourceMap::default();
            };
            let here = i64::from(source32) - i64::from(out32);
            if shift != Some(here) {
                breaks.push((out32, source32));
                shift = Some(here);
            }
        }
        SourceMap {
            breaks: breaks.into_boxed_slice(),
        }
    }

    /// The input offset of output char boundary `out` of the trimmed line (`None` for an empty map).
    pub fn source_offset(&self, out: usize) -> Option<usize> {
        let out = u32::try_from(out).ok()?;
        let at = self
            .breaks
            .partition_point(|&(o, _)| o <= out)
            .checked_sub(1)?;
        let (o, source) = self.breaks[at];
        usize::try_from(u64::from(source) + u64::from(out - o)).ok()
    }

    /// Heap bytes held, for memory budgets.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.breaks)
    }
}

/// Fills every statement's `quote` with the input text its normalized span came from. Needs
/// `doc.body` (the input body) and the `config` the paragraphs were normalized with; without a
/// body, or when a span cannot be mapped, the quote is the normalized text.
pub fn quote_statements(doc: &mut Document, config: &Config) {
    quote_statements_mapped(doc, config, |_| None);
}

/// Like [`quote_statements`], with the [`SourceMap`] of each input line (by its index in the body)
/// that `map_of` knows; lines without one are normalized again with `config`.
pub fn quote_statements_mapped<'m>(
    doc: &mut Document,
    config: &Config,
    map_of: impl Fn(usize) -> Option<&'m SourceMap>,
) {
    if doc.statements.is_empty() {
        return;
    }
    let lines: Vec<&str> = doc.body.split('\n').collect();
    // Statements come in paragraph order: each input line is mapped at most once.
    let mut current: Option<(usize, std::borrow::Cow<'m, SourceMap>)> = None;
    for statement in &mut doc.statements {
        let Some(line) = lines.get(statement.paragraph) else {
            statement.quote = statement.text.clone();
            continue;
        };
        if current
            .as_ref()
            .is_none_or(|(p, _)| *p != statement.paragraph)
        {
            let map = match map_of(statement.paragraph) {
                Some(map) => std::borrow::Cow::Borrowed(map),
                None => std::borrow::Cow::Owned(SourceMap::of(&normalize::normalize(line, config))),
            };
            current = Some((statement.paragraph, map));
        }
        let Some((_, map)) = &current else {
            continue;
        };
        statement.quote = source_span(line, map, statement.start, statement.end)
            .unwrap_or(&statement.text)
            .to_string();
    }
}

/// The input text behind `start..end` of the trimmed normalized line, trimmed itself.
fn source_span<'a>(line: &'a str, map: &SourceMap, start: usize, end: usize) -> Option<&'a str> {
    let from = map.source_offset(start)?;
    let to = map.source_offset(end)?;
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

    /// Lines whose normalization moves characters: letter variants, joints, lost spaces,
    /// presentation forms, padding and punctuation spacing.
    const MOVED: [&str; 6] = [
        "  وي گفت: اين برنامه ها اجرا مي شود.  ",
        "شهردار قم گفت: ویگفت که کار تمام است",
        "\u{a0}ﻻ ﺑﺴﻴﺎﺭ  خوب ، گفت :«نه»\t",
        "کتاب‌ها و   دانش آموزان ١٢٣ ، ۴۵۶",
        "plain ascii line",
        "   ",
    ];

    #[test]
    fn a_source_map_agrees_with_the_normalizer_at_every_char_boundary() {
        let config = Config::default();
        for line in MOVED {
            let normalized = normalize::normalize(line, &config);
            let map = SourceMap::of(&normalized);
            let text = &normalized.text;
            let lead = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            let boundaries = trimmed.char_indices().map(|(i, _)| i);
            for out in boundaries.chain([trimmed.len()]) {
                assert_eq!(
                    map.source_offset(out),
                    Some(normalized.source_offset(out + lead)),
                    "{line:?} at {out}"
                );
            }
        }
    }

    #[test]
    fn an_unchanged_line_maps_with_one_entry() {
        let normalized = normalize::normalize("plain ascii line", &Config::default());
        let map = SourceMap::of(&normalized);
        assert_eq!(map.breaks.len(), 1);
        assert_eq!(map.source_offset(6), Some(6));
    }

    #[test]
    fn quotes_through_maps_match_quotes_by_normalizing_again() {
        let config = Config::default();
        let body = MOVED.join("\n");
        let mut statements = Vec::new();
        let mut maps = Vec::new();
        for (index, line) in MOVED.iter().enumerate() {
            let normalized = normalize::normalize(line, &config);
            let trimmed = normalized.text.trim();
            // Every word-aligned span of the line, as a statement.
            let words: Vec<usize> = trimmed.match_indices(' ').map(|(i, _)| i + 1).collect();
            for (&start, &end) in words.iter().zip(words.iter().skip(1)) {
                let mut s = statement(index, &trimmed[start..end], start);
                s.end = end;
                statements.push(s);
            }
            maps.push(SourceMap::of(&normalized));
        }
        assert!(statements.len() > 8);
        let doc = Document {
            body,
            statements,
            ..Document::default()
        };
        let mut again = doc.clone();
        quote_statements(&mut again, &config);
        let mut mapped = doc;
        quote_statements_mapped(&mut mapped, &config, |line| maps.get(line));
        assert_eq!(mapped.statements, again.statements);
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
