//! The character step: letters, presentation forms, digits, marks and controls in one fused pass,
//! since each of them maps one char without looking at its neighbours.

use super::buffer::Buf;
use super::config::{Config, Digits};
use super::mapped::Mapped;
#[cfg(test)]
use super::scan::PairFilter;
use super::scan::pair_hits;
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

/// A byte-level superset of [`changes`] under any config but the digit one: the chars no
/// rule touches are skipped without decoding (Persian prose is almost all of them).
#[cfg(test)]
const MAY_CHANGE: PairFilter = PairFilter::new()
    // U+0600–U+063F: only ALM (U+061C) and teh marbuta (U+0629).
    .with_pair(1, 0xD8, 0x9C, 0x9C)
    .with_pair(1, 0xD8, 0xA9, 0xA9)
    // U+0640–U+067F: tatweel, Arabic kaf/yeh, diacritics, Arabic-Indic digits, superscript alef.
    .with_pair(2, 0xD9, 0x80, 0x80)
    .with_pair(2, 0xD9, 0x83, 0x83)
    .with_pair(2, 0xD9, 0x89, 0xA9)
    .with_pair(2, 0xD9, 0xB0, 0xB0)
    // U+06C0–U+06FF: heh with yeh (U+06C0) and Persian digits.
    .with_pair(4, 0xDB, 0x80, 0x80)
    .with_pair(4, 0xDB, 0xB0, 0xB9)
    // Soft hyphen (U+00AD); U+2000–U+2FFF (controls); U+F000–U+FFFF (presentation forms, BOM).
    .with_pair(8, 0xC2, 0xAD, 0xAD)
    .with_lead(0xE2)
    .with_lead(0xEF);

/// [`MAY_CHANGE`] plus ASCII digits, for [`Digits::Persian`].
#[cfg(test)]
const MAY_CHANGE_WITH_DIGITS: PairFilter = MAY_CHANGE.with_leads(b'0', b'9');

#[cfg(test)]
fn filter(config: &Config) -> &'static PairFilter {
    if config.digits == Digits::Persian {
        &MAY_CHANGE_WITH_DIGITS
    } else {
        &MAY_CHANGE
    }
}

/// [`MAY_CHANGE`] as comparisons, for [`find_pair`]'s vector scan.
#[inline]
fn may_change(lead: u8, second: u8) -> bool {
    ((lead == 0xD8) & ((second == 0x9C) | (second == 0xA9)))
        | ((lead == 0xD9)
            & ((second == 0x80)
                | (second == 0x83)
                | (second.wrapping_sub(0x89) <= 0xA9 - 0x89)
                | (second == 0xB0)))
        | ((lead == 0xDB) & ((second == 0x80) | (second.wrapping_sub(0xB0) <= 9)))
        | ((lead == 0xC2) & (second == 0xAD))
        | (lead == 0xE2)
        | (lead == 0xEF)
}

/// [`MAY_CHANGE_WITH_DIGITS`] as comparisons.
#[inline]
fn may_change_with_digits(lead: u8, second: u8) -> bool {
    may_change(lead, second) | (lead.wrapping_sub(b'0') <= 9)
}

/// The chars of `text` that the filter lets through, with their byte offsets.
fn candidates<'a>(
    text: &'a str,
    hits: impl Iterator<Item = usize> + 'a,
) -> impl Iterator<Item = (usize, char)> + 'a {
    hits.filter_map(move |start| Some((start, text.get(start..)?.chars().next()?)))
}

/// The Persian letter for an Arabic yeh or kaf, as [`letters::map`] gives it.
#[inline]
fn persian_letter(c: char, config: &Config) -> Option<&'static str> {
    match c {
        'ي' | 'ى' if config.persian_letters => Some("ی"),
        'ك' if config.persian_letters => Some("ک"),
        _ => None,
    }
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

    /// Always: [`Step::apply`] makes the same scan and copies nothing until a char changes, so
    /// a separate look first would only scan the text twice.
    fn needed(&self, _text: &str, _config: &Config) -> bool {
        true
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool {
        let bytes = input.text.as_bytes();
        if config.digits == Digits::Persian {
            apply_to(
                input,
                output,
                context,
                config,
                pair_hits(bytes, may_change_with_digits),
            )
        } else {
            apply_to(input, output, context, config, pair_hits(bytes, may_change))
        }
    }
}

/// [`CharRules::apply`] for the chars that may change, at the byte offsets `hits`.
#[inline]
fn apply_to(
    input: &Buf,
    output: &mut Buf,
    context: &Context,
    config: &Config,
    hits: impl Iterator<Item = usize>,
) -> bool {
    let mut copied = 0;
    for (i, c) in candidates(&input.text, hits) {
        let persian = persian_letter(c, config);
        if persian.is_none() && !changes(c, config) {
            continue;
        }
        output.copy_range(input, copied, i);
        copied = i + c.len_utf8();
        let from = input.origin(i, context.input_len);
        if let Some(persian) = persian {
            // The common change (Arabic yeh and kaf), written without the general rules.
            output.push_str_from(persian, from);
        } else if config.presentation_forms && presentation::is_presentation_form(c) {
            presentation::decompose(c, |d| emit(d, from, output, config));
        } else {
            emit(c, from, output, config);
        }
    }
    finish(input, output, copied)
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
                if changes(c, config) {
                    assert!(filter(config).matches_at(bytes, 0), "{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn byte_predicates_are_the_filters() {
        use crate::normalize::scan::agrees_with;
        assert!(agrees_with(&MAY_CHANGE, may_change));
        assert!(agrees_with(&MAY_CHANGE_WITH_DIGITS, may_change_with_digits));
    }

    #[test]
    fn persian_letter_shortcut_agrees_with_the_rules() {
        for config in [Config::default(), Config::letters_only()] {
            for c in ['ي', 'ى', 'ك', 'ی', 'ک', 'ب'] {
                if let Some(persian) = persian_letter(c, &config) {
                    assert!(changes(c, &config));
                    let mut utf8 = [0u8; 4];
                    let mapped = match map_char(c, &config) {
                        Mapped::Char(d) => d.encode_utf8(&mut utf8),
                        other => panic!("{c}: {other:?}"),
                    };
                    assert_eq!(persian, mapped);
                }
            }
        }
    }

    #[test]
    fn candidates_skip_plain_letters() {
        let text = "سلام علي 12";
        let found: Vec<_> = candidates(text, pair_hits(text.as_bytes(), may_change)).collect();
        assert_eq!(found, vec![(13, 'ي')]);
    }
}
