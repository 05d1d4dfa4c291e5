//! Snippets: the best fragment of a stored text around the query's terms, as plain text with the
//! matches between `«` and `»`, and as escaped HTML with the matches in `<b>`.

use std::ops::Range;

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::tokenizer::PersianTokenizer;

/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;

/// Plain and HTML renderings of one snippet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub plain: String,
    pub html: String,
}

/// A snippet generator for `field` that highlights the query's terms, rarer terms weighing more.
///
/// It re-analyzes stored text with the query-side analyzer: the index side also emits the glued
/// spelling of compounds over the span of their parts, and tantivy's fragment selection needs
/// tokens whose spans never overlap.
pub fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
) -> tantivy::Result<SnippetGenerator> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weights: BTreeMap<String, f32> = BTreeMap::new();
    for term in terms {
        if let Some(text) = term.value().as_str() {
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
    }
    Ok(SnippetGenerator::new(
        weights,
        TextAnalyzer::from(PersianTokenizer::default()),
        field,
        SNIPPET_CHARS,
    ))
}

/// The snippet of `text`; the text's beginning when no query term occurs in it.
pub fn render(generator: Option<&SnippetGenerator>, text: &str) -> Rendered {
    let snippet = generator.map(|g| g.snippet(text));
    match snippet {
        Some(s) if !s.is_empty() && !s.highlighted().is_empty() => render_snippet(&s),
        _ => {
            let head = head_chars(text, SNIPPET_CHARS);
            let ellipsis = if head.len() < text.len() { "…" } else { "" };
            Rendered {
                plain: format!("{head}{ellipsis}"),
                html: format!("{}{ellipsis}", escape_html(head)),
            }
        }
    }
}

fn render_snippet(snippet: &Snippet) -> Rendered {
    let fragment = snippet.fragment();
    let mut plain = String::with_capacity(fragment.len() + 16);
    let mut html = String::with_capacity(fragment.len() + 32);
    let mut at = 0;
    for range in snippet.highlighted() {
        let Range { start, end } = range.clone();
        let (Some(before), Some(matched)) = (fragment.get(at..start), fragment.get(start..end))
        else {
            continue;
        };
        plain.push_str(before);
        plain.push('«');
        plain.push_str(matched);
        plain.push('»');
        html.push_str(&escape_html(before));
        html.push_str("<b>");
        html.push_str(&escape_html(matched));
        html.push_str("</b>");
        at = end;
    }
    let tail = fragment.get(at..).unwrap_or("");
    plain.push_str(tail);
    html.push_str(&escape_html(tail));
    Rendered { plain, html }
}

/// The first `n` characters of `text`.
fn head_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn without_matches_the_head_is_shown() {
        let text = "الف".repeat(200);
        let r = render(None, &text);
        assert!(r.plain.ends_with('…'));
        assert_eq!(r.plain.chars().count(), SNIPPET_CHARS + 1);
        assert_eq!(render(None, "<x>").html, "&lt;x&gt;");
    }
}
