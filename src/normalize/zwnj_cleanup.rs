//! Redundant ZWNJs removed (one between a number and a word becomes a space): doubled, at a word edge, next to a space, and (unless
//! [`Config::zwnj_after_non_joining`] keeps them as morpheme marks) after a non-joining letter.

use super::buffer::Buf;
use super::config::Config;
use super::script::{ZWNJ, is_arabic_letter, is_digit, is_joining_letter};
use super::step::{Context, Step, finish};

/// Keeps only the ZWNJs that separate a joining letter from a following letter.
pub(crate) struct ZwnjCleanup;

impl Step for ZwnjCleanup {
    fn enabled(&self, config: &Config) -> bool {
        config.zwnj_cleanup
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        text.contains(ZWNJ)
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        let mut prev: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == ZWNJ {
                let next = chars.peek().map(|&(_, d)| d);
                let after_letter = if config.zwnj_after_non_joining {
                    prev.is_some_and(is_arabic_letter)
                } else {
                    prev.is_some_and(is_joining_letter)
                };
                let keep = after_letter && next.is_some_and(is_arabic_letter);
                if !keep {
                    output.copy_range(input, copied, i);
                    copied = i + c.len_utf8();
                    // Between a number and a word the ZWNJ was a separator (`۲۸۰‌میلیون`).
                    if prev.is_some_and(is_digit) && next.is_some_and(is_arabic_letter) {
                        output.push_from(' ', input.origin(i, context.input_len));
                        prev = Some(' ');
                    }
                    continue; // prev stays the letter before, so a doubled ZWNJ keeps its first
                }
            }
            prev = Some(c);
        }
        finish(input, output, copied)
    }
}
