//! Redundant ZWNJs removed (one between a number and a word becomes a space): doubled, at a word edge, next to a space, and (unless
//! [`Config::zwnj_after_non_joining`] keeps them as morpheme marks) after a non-joining letter.

use super::buffer::Buf;
use super::config::Config;
use super::script::{ZWNJ, ZWNJ_STR, is_arabic_letter, is_digit, is_joining_letter};
use super::step::{Context, Step, finish};

/// Keeps only the ZWNJs that separate a joining letter from a following letter.
pub(crate) struct ZwnjCleanup;

impl Step for ZwnjCleanup {
    fn enabled(&self, config: &Config) -> bool {
        config.zwnj_cleanup
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        super::script::has_zwnj(text)
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        let bytes = text.as_bytes();
        let zwnj_tail = &ZWNJ_STR.as_bytes()[1..];
        // The ZWNJs: their lead byte is rare in Persian text, so a byte search for it beats
        // setting up a substring search for every paragraph.
        let zwnjs = memchr::memchr_iter(ZWNJ_STR.as_bytes()[0], bytes)
            .filter(|&at| bytes.get(at + 1..at + ZWNJ.len_utf8()) == Some(zwnj_tail));
        for i in zwnjs {
            // The char before, looking past earlier ZWNJs of a run (a doubled ZWNJ keeps its
            // last one only if the letters around the run allow it).
            let before = &text[..i];
            let prev = if before.ends_with(ZWNJ) {
                before.trim_end_matches(ZWNJ)
            } else {
                before
            }
            .chars()
            .next_back();
            let next = text[i + ZWNJ.len_utf8()..].chars().next();
            let after_letter = if config.zwnj_after_non_joining {
                prev.is_some_and(is_arabic_letter)
            } else {
                prev.is_some_and(is_joining_letter)
            };
            if after_letter && next.is_some_and(is_arabic_letter) {
                continue;
            }
            output.copy_range(input, copied, i);
            copied = i + ZWNJ.len_utf8();
            // Between a number and a word the ZWNJ was a separator (`۲۸۰‌میلیون`).
            if prev.is_some_and(is_digit) && next.is_some_and(is_arabic_letter) {
                output.push_from(' ', input.origin(i, context.input_len));
            }
        }
        finish(input, output, copied)
    }
}
