//! Punctuation spacing: no space before `، . : ؛ ؟ !`, one after; `« »` hug their text.
//! Only around Persian words: `3.5`, `1,000`, `12:30`, URLs and e-mails are never touched.

use super::buffer::Buf;
use super::config::Config;
#[cfg(test)]
use super::scan::PairFilter;
#[cfg(test)]
use super::scan::find_pair;
use super::scan::pair_hits;
use super::script::{is_arabic_letter, is_digit};
use super::step::{Context, Step, finish};

/// Fixes spaces around Persian punctuation and guillemets.
pub(crate) struct PunctuationSpacing;

/// Marks that are always Persian punctuation.
fn is_persian_mark(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟')
}

/// Marks shared with Latin text: spaced only when Persian letters surround them.
fn is_shared_mark(c: char) -> bool {
    matches!(c, '.' | ':' | '!')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | ')')
}

/// The marks: `. : !`, `« »` and `، ؛ ؟`.
#[cfg(test)]
const MARKS: PairFilter = PairFilter::new()
    .with_lead(b'.')
    .with_lead(b':')
    .with_lead(b'!')
    .with_pair(1, 0xC2, 0xAB, 0xAB)
    .with_pair(1, 0xC2, 0xBB, 0xBB)
    .with_pair(2, 0xD8, 0x8C, 0x8C)
    .with_pair(2, 0xD8, 0x9B, 0x9B)
    .with_pair(2, 0xD8, 0x9F, 0x9F);

/// [`MARKS`] as comparisons, for [`find_pair`]'s vector scan.
#[inline]
fn is_mark_pair(lead: u8, second: u8) -> bool {
    (lead == b'.')
        | (lead == b':')
        | (lead == b'!')
        | ((lead == 0xC2) & ((second == 0xAB) | (second == 0xBB)))
        | ((lead == 0xD8) & ((second == 0x8C) | (second == 0x9B) | (second == 0x9F)))
}

/// The first mark (Persian, shared, `«` or `»`) at or after byte `from`: prose between marks
/// needs no look.
#[cfg(test)]
fn next_mark(text: &str, from: usize) -> Option<(usize, char)> {
    let i = find_pair(text.as_bytes(), from, is_mark_pair)?;
    Some((i, text.get(i..)?.chars().next()?))
}

/// Whether the space at byte `i` of `text` goes: before a mark that hugs what precedes it, or
/// after `«`.
fn drops_space(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let mut ahead = text[i + 1..].chars();
    let next = ahead.next();
    let letter_before = prev.is_some_and(|p| is_arabic_letter(p) || is_closing(p));
    match next {
        Some(n) if is_persian_mark(n) => prev.is_some_and(|p| !is_digit(p)),
        Some(n) if is_shared_mark(n) => {
            letter_before
                && ahead
                    .next()
                    .is_none_or(|a| a == ' ' || is_arabic_letter(a) || a == '«')
        }
        Some('»') => true,
        _ => prev == Some('«'),
    }
}

impl Step for PunctuationSpacing {
    fn enabled(&self, config: &Config) -> bool {
        config.punctuation_spacing
    }

    /// Always: [`Step::apply`] starts with the same scan for a mark and copies nothing until a
    /// space changes, so a separate look first would only scan the text twice.
    fn needed(&self, _text: &str, _config: &Config) -> bool {
        true
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, _config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        // Only the marks and the spaces right beside them can change; `spaces_done` keeps a
        // space between two marks from being looked at twice.
        let mut spaces_done = 0;
        let mut drop_space = |i: usize, output: &mut Buf, copied: &mut usize| {
            if i >= spaces_done && text.as_bytes().get(i) == Some(&b' ') {
                spaces_done = i + 1;
                if drops_space(text, i) {
                    output.copy_range(input, *copied, i);
                    *copied = i + 1;
                }
            }
        };
        let mut scan = 0;
        // The marks, from one scan (its predicate matches first bytes only, so no hit falls
        // inside a char).
        for i in pair_hits(text.as_bytes(), is_mark_pair) {
            if i < scan {
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let end = i + c.len_utf8();
            scan = end;
            let bytes = text.as_bytes();
            if c != '«'
                && (i == 0 || bytes[i - 1] != b' ')
                && matches!(bytes.get(end), Some(b' ') | None)
            {
                // A mark after a word and before a space or the end (most of them): no space to
                // drop before it, none to add after it.
                continue;
            }
            if i > 0 {
                drop_space(i - 1, output, &mut copied);
            }
            let prev = text[..i].chars().next_back();
            // The last char before the mark that is not a space (a space before a mark may be
            // dropped, so the mark's spacing looks past it).
            let prev_solid = text[..i].trim_end_matches(' ').chars().next_back();
            let next = text[end..].chars().next();
            let space_before = c == '«' && prev.is_some_and(|p| is_arabic_letter(p) || is_digit(p));
            let space_after = match c {
                _ if is_persian_mark(c) => next.is_some_and(|n| is_arabic_letter(n) || n == '«'),
                _ if is_shared_mark(c) => {
                    prev_solid.is_some_and(is_arabic_letter) && next.is_some_and(is_arabic_letter)
                }
                '»' => next.is_some_and(is_arabic_letter),
                _ => false,
            };
            if space_before {
                output.copy_range(input, copied, i);
                copied = i;
                output.push_from(' ', input.origin(i, context.input_len));
            }
            if space_after {
                output.copy_range(input, copied, end);
                copied = end;
                output.push_from(' ', input.origin(i, context.input_len));
            }
            if c == '«' {
                drop_space(end, output, &mut copied);
            }
        }
        finish(input, output, copied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_predicate_is_the_filter() {
        assert!(crate::normalize::scan::agrees_with(&MARKS, is_mark_pair));
    }

    #[test]
    fn mark_filter_is_exact() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let text = c.to_string();
            let is_mark = is_persian_mark(c) || is_shared_mark(c) || c == '«' || c == '»';
            assert_eq!(next_mark(&text, 0).is_some(), is_mark, "{:04X}", c as u32);
        }
    }
}
