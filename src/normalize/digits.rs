//! Digits: kept, or written all Persian or all ASCII.

use super::config::{Config, Digits};
use super::mapped::Mapped;

/// Maps one digit to the configured script.
pub(crate) fn map(c: char, config: &Config) -> Mapped {
    let value = match c {
        '0'..='9' => c as u32 - '0' as u32,
        '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
        '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
        _ => return Mapped::Same,
    };
    let base = match config.digits {
        Digits::Keep => return Mapped::Same,
        Digits::Persian => 0x06F0,
        Digits::Ascii => '0' as u32,
    };
    match char::from_u32(base + value) {
        Some(d) if d != c => Mapped::Char(d),
        _ => Mapped::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_scripts() {
        let ascii = Config {
            digits: Digits::Ascii,
            ..Config::default()
        };
        let persian = Config {
            digits: Digits::Persian,
            ..Config::default()
        };
        assert_eq!(map('۳', &ascii), Mapped::Char('3'));
        assert_eq!(map('٣', &ascii), Mapped::Char('3'));
        assert_eq!(map('3', &persian), Mapped::Char('۳'));
        assert_eq!(map('3', &Config::default()), Mapped::Same);
        assert_eq!(map('a', &ascii), Mapped::Same);
    }
}
