//! Whitespace: runs collapsed to one space, ends trimmed, and a no-break space between two
//! letters read as the ZWNJ or the space the word needs (Hamshahri types NBSP for ZWNJ).

use super::buffer::Buf;
use super::config::Config;
use super::script::{ZWNJ, is_arabic_letter, word_after, word_before};
use super::step::{Context, Step, finish};

/// Collapses whitespace and decides no-break spaces.
pub(crate) struct Whitespace;

fn is_no_break(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

impl Step for Whitespace {
    fn enabled(&self, config: &Config) -> bool {
        config.whitespace
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        text.starts_with(' ')
            || text.ends_with(' ')
            || text.contains("  ")
            || text.contains(" \u{200C}")
            || text.contains("\u{200C} ")
            || text.chars().any(|c| c.is_whitespace() && c != ' ')
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, _config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !c.is_whitespace() && c != ZWNJ {
                continue;
            }
            // A run of whitespace and ZWNJs: a ZWNJ next to a space means nothing.
            let mut end = i + c.len_utf8();
            let mut has_space = c.is_whitespace();
            let mut only_no_break = is_no_break(c) || c == ZWNJ;
            let mut lone_space = c == ' ';
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() && d != ZWNJ {
                    break;
                }
                has_space |= d.is_whitespace();
                only_no_break &= is_no_break(d) || d == ZWNJ;
                lone_space = false;
                end = j + d.len_utf8();
                chars.next();
            }
            if !has_space || (lone_space && i > 0 && end < text.len()) {
                continue; // ZWNJs alone are the cleanup's business; a lone space is already right
            }
            output.copy_range(input, copied, i);
            copied = end;
            if i == 0 || end == text.len() {
                continue;
            }
            let from = input.origin(i, context.input_len);
            let before = text[..i].chars().next_back();
            let after = text[end..].chars().next();
            let between_letters =
                before.is_some_and(is_arabic_letter) && after.is_some_and(is_arabic_letter);
            if only_no_break
                && between_letters
                && super::affixes::no_break_means_zwnj(word_before(text, i), word_after(text, end))
            {
                output.push_from(ZWNJ, from);
            } else {
                output.push_from(' ', from);
            }
        }
        finish(input, output, copied)
    }
}
