//! Invisible controls that carry no meaning in running text.

use super::config::Config;
use super::mapped::Mapped;

/// True for ZWJ, zero-width space, word joiner, BOM, LRM/RLM/ALM, soft hyphen and bidi
/// embeddings/isolates.
pub(crate) fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200D}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{00AD}'
            | '\u{FEFF}'
            | '\u{2060}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Drops invisible controls when configured.
pub(crate) fn map(c: char, config: &Config) -> Mapped {
    if config.remove_controls && is_invisible_control(c) {
        Mapped::Drop
    } else {
        Mapped::Same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_controls_keeps_zwnj() {
        let c = Config::default();
        assert_eq!(map('\u{200F}', &c), Mapped::Drop);
        assert_eq!(map('\u{FEFF}', &c), Mapped::Drop);
        assert_eq!(map('\u{200C}', &c), Mapped::Same);
    }
}
