//! Arabic letter variants to their Persian forms; ۀ and ة as configured.

use super::config::{Config, HehYeh, TehMarbuta};
use super::mapped::Mapped;

/// Maps Arabic yeh/kaf to Persian and applies the ۀ / ة choices.
pub(crate) fn map(c: char, config: &Config) -> Mapped {
    match c {
        'ي' | 'ى' if config.persian_letters => Mapped::Char('ی'),
        'ك' if config.persian_letters => Mapped::Char('ک'),
        'ۀ' => match config.heh_yeh {
            HehYeh::Keep => Mapped::Same,
            HehYeh::HehZwnjYeh => Mapped::Str("ه\u{200C}ی"),
            HehYeh::Heh => Mapped::Char('ه'),
        },
        'ة' if config.teh_marbuta == TehMarbuta::Heh => Mapped::Char('ه'),
        _ => Mapped::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_to_persian() {
        let c = Config::default();
        assert_eq!(map('ي', &c), Mapped::Char('ی'));
        assert_eq!(map('ك', &c), Mapped::Char('ک'));
        assert_eq!(map('ۀ', &c), Mapped::Same);
        let c = Config {
            heh_yeh: HehYeh::HehZwnjYeh,
            ..Config::default()
        };
        assert_eq!(map('ۀ', &c), Mapped::Str("ه\u{200C}ی"));
    }
}
