//! The character step: letters, presentation forms, digits, marks and controls in one fused pass,
//! since each of them maps one char without looking at its neighbours.

use super::buffer::Buf;
use super::config::{Config, Digits};
use super::mapped::Mapped;
use super::step::{Context, Step, finish};
use super::{controls, digits, letters, marks, presentation};

/// Runs the per-char rules ([`letters`], [`digits`], [`marks`], [`controls`], [`presentation`]).
pub(crate) struct CharRules;

/// Applies every char rule to `c`; the first rule that changes it wins.
fn map_char(c: char, config: &Config) -> Mapped {
    if c.is_ascii() && config.digits != Digits::Persian {
        return Mapped::Same;
    }
    for rule in [letters::map, marks::map, controls::map, digits::map] {
        let m = rule(c, config);
        if m != Mapped::Same {
            return m;
        }
    }
    Mapped::Same
}

fn changes(c: char, config: &Config) -> bool {
    (config.presentation_forms && presentation::is_presentation_form(c))
        || map_char(c, config) != Mapped::Same
}

fn emit(c: char, from: u32, output: &mut Buf, config: &Config) {
    match map_char(c, config) {
        Mapped::Same => output.push_from(c, from),
        Mapped::Drop => {}
        Mapped::Char(d) => output.push_from(d, from),
        Mapped::Str(s) => output.push_str_from(s, from),
    }
}

impl Step for CharRules {
    fn enabled(&self, _config: &Config) -> bool {
        true
    }

    fn needed(&self, text: &str, config: &Config) -> bool {
        text.chars().any(|c| changes(c, config))
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let mut copied = 0;
        for (i, c) in input.text.char_indices() {
            if !changes(c, config) {
                continue;
            }
            output.copy_range(input, copied, i);
            copied = i + c.len_utf8();
            let from = input.origin(i, context.input_len);
            if config.presentation_forms && presentation::is_presentation_form(c) {
                presentation::decompose(c, |d| emit(d, from, output, config));
            } else {
                emit(c, from, output, config);
            }
        }
        finish(input, output, copied)
    }
}
