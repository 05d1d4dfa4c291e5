//! Diacritics and tatweel.

use super::config::{Config, Diacritics};
use super::mapped::Mapped;

/// True for the Arabic combining marks the scorers fold away (harakat, tanwin, hamza marks,
/// superscript alef).
pub(crate) fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Drops diacritics and tatweel as configured.
pub(crate) fn map(c: char, config: &Config) -> Mapped {
    if c == 'ـ' && config.remove_tatweel {
        return Mapped::Drop;
    }
    if config.diacritics == Diacritics::Strip && is_diacritic(c) {
        return Mapped::Drop;
    }
    Mapped::Same
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_tatweel() {
        let c = Config::default();
        assert_eq!(map('ـ', &c), Mapped::Drop);
        assert_eq!(map('\u{064E}', &c), Mapped::Drop);
        assert_eq!(map('ب', &c), Mapped::Same);
        let keep = Config {
            diacritics: Diacritics::Keep,
            ..Config::default()
        };
        assert_eq!(map('\u{064E}', &keep), Mapped::Same);
    }
}
