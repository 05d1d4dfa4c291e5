//! Punctuation spacing: no space before `، . : ؛ ؟ !`, one after; `« »` hug their text.
//! Only around Persian words: `3.5`, `1,000`, `12:30`, URLs and e-mails are never touched.

use super::buffer::Buf;
use super::config::Config;
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

impl Step for PunctuationSpacing {
    fn enabled(&self, config: &Config) -> bool {
        config.punctuation_spacing
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        text.chars()
            .any(|c| is_persian_mark(c) || is_shared_mark(c) || c == '«' || c == '»')
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, _config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        // `prev`: the char before; `prev_solid`: the last char that is not a space (a space
        // before a mark may be dropped, so the mark's spacing looks past it).
        let mut prev: Option<char> = None;
        let mut prev_solid: Option<char> = None;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let relevant =
                c == ' ' || is_persian_mark(c) || is_shared_mark(c) || c == '«' || c == '»';
            if !relevant {
                prev = Some(c);
                prev_solid = Some(c);
                continue;
            }
            let mut ahead = text[end..].chars();
            let next = ahead.next();
            if c == ' ' {
                let letter_before = prev.is_some_and(|p| is_arabic_letter(p) || is_closing(p));
                let drop = match next {
                    Some(n) if is_persian_mark(n) => prev.is_some_and(|p| !is_digit(p)),
                    Some(n) if is_shared_mark(n) => {
                        letter_before
                            && ahead
                                .next()
                                .is_none_or(|a| a == ' ' || is_arabic_letter(a) || a == '«')
                    }
                    Some('»') => true,
                    _ => prev == Some('«'),
                };
                if drop {
                    output.copy_range(input, copied, i);
                    copied = end;
                }
                prev = Some(c);
                continue;
            }
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
            prev = Some(c);
            prev_solid = Some(c);
        }
        finish(input, output, copied)
    }
}
