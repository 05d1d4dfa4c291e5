//! Whitespace: runs collapsed to one space, ends trimmed, and a no-break space between two
//! letters read as the ZWNJ or the space the word needs (Hamshahri types NBSP for ZWNJ).

use super::buffer::Buf;
use super::config::Config;
#[cfg(test)]
use super::scan::PairFilter;
use super::scan::{find_pair, pair_hits};
use super::script::{ZWNJ, is_arabic_letter, word_after, word_before};
use super::step::{Context, Step, finish};

/// Collapses whitespace and decides no-break spaces.
pub(crate) struct Whitespace;

fn is_no_break(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// Where a step may be needed: a space before a space or a three-byte char (a ZWNJ?), ASCII
/// controls, and the lead bytes of the other whitespace chars and of the ZWNJ.
#[cfg(test)]
const MAY_NEED_SPACING: PairFilter = PairFilter::new()
    .with_leads(b'\t', b'\r')
    .with_pair(1, b' ', b' ', b' ')
    .with_pair(1, b' ', 0xE2, 0xE2)
    .with_lead(0xC2)
    .with_leads(0xE1, 0xE3);

/// [`MAY_NEED_SPACING`] as comparisons, for [`find_pair`]'s vector scan.
#[inline]
fn may_need_spacing(lead: u8, second: u8) -> bool {
    (lead.wrapping_sub(b'\t') <= b'\r' - b'\t')
        | ((lead == b' ') & ((second == b' ') | (second == 0xE2)))
        | (lead == 0xC2)
        | (lead.wrapping_sub(0xE1) <= 2)
}

/// The first whitespace char or ZWNJ at or after byte `from` of `text`, found by a byte scan
/// that decodes only the chars whose lead byte may start one.
#[cfg(test)]
fn next_space_or_zwnj(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t'..=b'\r' => return Some((i, char::from(b))),
            0xC2 | 0xE1..=0xE3 => {
                let c = text.get(i..)?.chars().next()?;
                if c.is_whitespace() || c == ZWNJ {
                    return Some((i, c));
                }
            }
            _ => {}
        }
        i += super::script::utf8_len(b);
    }
    None
}

/// Whether `lead` may start a whitespace char other than the space, or a ZWNJ.
#[inline]
fn may_be_other_space(lead: u8) -> bool {
    (lead.wrapping_sub(b'\t') <= b'\r' - b'\t') | (lead == 0xC2) | (lead.wrapping_sub(0xE1) <= 2)
}

/// Where a run of whitespace and ZWNJs that is more than one space may start: a char that may be
/// other whitespace or a ZWNJ, or a space before one of those or before another space.
#[cfg(test)]
const MAY_START_RUN: PairFilter = PairFilter::new()
    .with_leads(b'\t', b'\r')
    .with_lead(0xC2)
    .with_leads(0xE1, 0xE3)
    .with_pair(1, b' ', b'\t', b'\r')
    .with_pair(1, b' ', b' ', b' ')
    .with_pair(1, b' ', 0xC2, 0xC2)
    .with_pair(1, b' ', 0xE1, 0xE3);

/// [`MAY_START_RUN`] as comparisons, for [`find_pair`]'s vector scan.
#[inline]
fn may_start_run(lead: u8, second: u8) -> bool {
    may_be_other_space(lead) | ((lead == b' ') & ((second == b' ') | may_be_other_space(second)))
}

/// The start of the next run of whitespace chars and ZWNJs at or after byte `from` (a char
/// boundary) that [`Whitespace::apply`] must look at: every run but a lone space inside the
/// text, which is already right. A vector scan finds the candidates; only they are decoded.
fn next_run(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    if from == 0 && bytes.first() == Some(&b' ') {
        return Some((0, ' '));
    }
    let mut i = from;
    while let Some(p) = find_pair(bytes, i, may_start_run) {
        let c = text.get(p..)?.chars().next()?;
        if c.is_whitespace() || c == ZWNJ {
            return Some((p, c));
        }
        i = p + c.len_utf8();
    }
    // A lone space at the end is trimmed.
    let last = bytes.len().checked_sub(1)?;
    (last >= from && bytes[last] == b' ').then_some((last, ' '))
}

impl Step for Whitespace {
    fn enabled(&self, config: &Config) -> bool {
        config.whitespace
    }

    fn needed(&self, text: &str, _config: &Config) -> bool {
        if text.starts_with(' ') || text.ends_with(' ') {
            return true;
        }
        // A space before a space or a ZWNJ, or a char that may be other whitespace (or a
        // ZWNJ before a space), which is then decoded.
        let bytes = text.as_bytes();
        let mut from = 0;
        for i in pair_hits(bytes, may_need_spacing) {
            if i < from {
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            let end = i + c.len_utf8();
            let is_doubled = c == ' ' && text[end..].starts_with([' ', ZWNJ]);
            let before_space = c == ZWNJ && text[end..].starts_with(' ');
            if is_doubled || before_space || (c != ' ' && c.is_whitespace()) {
                return true;
            }
            from = end;
        }
        false
    }

    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, _config: &Config) -> bool {
        let text = input.text.as_str();
        let mut copied = 0;
        let mut scan = 0;
        while let Some((i, c)) = next_run(text, scan) {
            scan = i + c.len_utf8();
            let mut chars = text[scan..]
                .char_indices()
                .map(|(j, d)| (scan + j, d))
                .peekable();
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
            scan = end;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_predicate_is_the_filter() {
        assert!(crate::normalize::scan::agrees_with(
            &MAY_NEED_SPACING,
            may_need_spacing
        ));
    }

    #[test]
    fn run_predicate_is_the_filter() {
        assert!(crate::normalize::scan::agrees_with(
            &MAY_START_RUN,
            may_start_run
        ));
    }

    /// [`next_run`] finds only starts of runs, and every run but the lone spaces inside the text.
    #[test]
    fn run_starts_skip_only_lone_inner_spaces() {
        let pieces = [
            " ", "  ", "\u{200C}", "\u{00A0}", "\t", "ب", "«", "\u{2003}", "a", "\u{3000}",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("ب{a}ب{b}{c}ب"));
                }
            }
        }
        for text in &texts {
            let mut expected = Vec::new();
            let mut starts = Vec::new();
            let mut scan = 0;
            while let Some((i, c)) = next_space_or_zwnj(text, scan) {
                let end = i + text[i..]
                    .chars()
                    .take_while(|&d| d.is_whitespace() || d == ZWNJ)
                    .map(char::len_utf8)
                    .sum::<usize>();
                scan = end;
                starts.push(i);
                let lone_inner = c == ' ' && end == i + 1 && i > 0 && end < text.len();
                if !lone_inner {
                    expected.push(i);
                }
            }
            let mut found = Vec::new();
            let mut scan = 0;
            while let Some((i, _)) = next_run(text, scan) {
                found.push(i);
                scan = i + text[i..]
                    .chars()
                    .take_while(|&d| d.is_whitespace() || d == ZWNJ)
                    .map(char::len_utf8)
                    .sum::<usize>();
            }
            assert!(found.iter().all(|i| starts.contains(i)), "{text:?}");
            assert!(expected.iter().all(|i| found.contains(i)), "{text:?}");
        }
    }

    #[test]
    fn byte_scans_find_every_whitespace_char() {
        let config = Config::default();
        for c in (0..0x11_0000)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_whitespace() || c == ZWNJ)
        {
            let text = format!("ب{c}ب");
            assert_eq!(
                next_space_or_zwnj(&text, 0),
                Some((2, c)),
                "{:04X}",
                c as u32
            );
            if c != ' ' && c != ZWNJ {
                assert!(Whitespace.needed(&text, &config), "{:04X}", c as u32);
            }
        }
        assert!(Whitespace.needed("ب \u{200C}ب", &config));
        assert!(Whitespace.needed("ب\u{200C} ب", &config));
        assert!(Whitespace.needed("ب  ب", &config));
        assert!(!Whitespace.needed("ب ب\u{200C}ب", &config));
    }
}
