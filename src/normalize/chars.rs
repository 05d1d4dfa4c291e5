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

/// A byte-level superset of [`changes`]: `false` means no rule touches the char that starts
/// with `lead` (followed by `second`), whatever the config. Persian prose is almost all letters
/// and spaces that no rule touches, so this spares decoding and matching nearly every char.
#[inline]
fn may_change(lead: u8, second: u8, config: &Config) -> bool {
    match lead {
        b'0'..=b'9' => config.digits == Digits::Persian,
        // U+0600–U+063F: only ALM (U+061C) and teh marbuta (U+0629).
        0xD8 => matches!(second, 0x9C | 0xA9),
        // U+0640–U+067F: tatweel, Arabic kaf/yeh, diacritics, Arabic-Indic digits, superscript alef.
        0xD9 => matches!(second, 0x80 | 0x83 | 0x89..=0xA9 | 0xB0),
        // U+06C0–U+06FF: heh with yeh (U+06C0) and Persian digits.
        0xDB => matches!(second, 0x80 | 0xB0..=0xB9),
        // U+0080–U+00BF (soft hyphen), U+2000–U+207F (controls), U+F000–U+FFFF (presentation forms, BOM).
        0xC2 => second == 0xAD,
        0xE2 | 0xEF => true,
        _ => false,
    }
}

/// The chars of `text` that [`may_change`] lets through, with their byte offsets.
fn candidates<'a>(text: &'a str, config: &'a Config) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = bytes.get(i) {
            let start = i;
            i += super::script::utf8_len(lead);
            let second = bytes.get(start + 1).copied().unwrap_or(0);
            if may_change(lead, second, config)
                && let Some(c) = text.get(start..).and_then(|rest| rest.chars().next())
            {
                return Some((start, c));
            }
        }
        None
    })
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
        candidates(text, config).any(|(_, c)| changes(c, config))
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let mut copied = 0;
        for (i, c) in candidates(&input.text, config) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::config::{Diacritics, HehYeh, TehMarbuta};

    /// The byte filter must let through every char that some rule changes, under any config.
    #[test]
    fn byte_filter_covers_every_change() {
        let configs = [
            Config::default(),
            Config {
                digits: Digits::Persian,
                heh_yeh: HehYeh::Heh,
                teh_marbuta: TehMarbuta::Heh,
                ..Config::default()
            },
            Config {
                digits: Digits::Ascii,
                heh_yeh: HehYeh::HehZwnjYeh,
                diacritics: Diacritics::Keep,
                ..Config::default()
            },
        ];
        for config in &configs {
            for c in (0..0x11_0000).filter_map(char::from_u32) {
                let mut utf8 = [0u8; 4];
                let bytes = c.encode_utf8(&mut utf8).as_bytes();
                let second = bytes.get(1).copied().unwrap_or(0);
                if changes(c, config) {
                    assert!(may_change(bytes[0], second, config), "{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn candidates_skip_plain_letters() {
        let config = Config::default();
        let found: Vec<_> = candidates("سلام علي 12", &config).collect();
        assert_eq!(found, vec![(13, 'ي')]);
    }
}
