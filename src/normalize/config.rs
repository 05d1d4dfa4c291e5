//! What the normalizer does: every step can be switched.

/// How digits are written in the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    /// Leave every digit as written.
    #[default]
    Keep,
    /// Persian digits (۰–۹) for ASCII and Arabic-Indic ones.
    Persian,
    /// ASCII digits (0–9) for Persian and Arabic-Indic ones.
    Ascii,
}

/// What to do with Arabic diacritics (harakat, tanwin, superscript alef, hamza marks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Diacritics {
    /// Remove them (Persian news rarely needs them and they break matching).
    #[default]
    Strip,
    /// Keep them.
    Keep,
}

/// How heh with yeh above (ۀ, the written ezafe after heh) is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HehYeh {
    /// Leave ۀ as written.
    #[default]
    Keep,
    /// Write it as heh + ZWNJ + yeh (ه‌ی), the spelling of the Academy's current rules.
    HehZwnjYeh,
    /// Write a bare heh (ه), dropping the ezafe.
    Heh,
}

/// How teh marbuta (ة) is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TehMarbuta {
    /// Leave ة as written (Arabic names and phrases keep it).
    #[default]
    Keep,
    /// Write heh (ه).
    Heh,
}

/// What the normalizer does. `Config::default()` is the full normalizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Arabic yeh/kaf (ي ى ك) to Persian (ی ک).
    pub persian_letters: bool,
    /// Arabic presentation forms and ligatures to base letters (NFKC on those blocks).
    pub presentation_forms: bool,
    /// Remove tatweel (ـ).
    pub remove_tatweel: bool,
    /// Remove invisible controls (ZWJ, zero-width space, BOM, LRM/RLM/ALM, soft hyphen, bidi controls).
    pub remove_controls: bool,
    /// Digits: keep, Persian or ASCII.
    pub digits: Digits,
    /// Diacritics: strip or keep.
    pub diacritics: Diacritics,
    /// ۀ handling.
    pub heh_yeh: HehYeh,
    /// ة handling.
    pub teh_marbuta: TehMarbuta,
    /// Collapse whitespace runs into one space, trim the ends, and decide NBSP (ZWNJ or space).
    pub whitespace: bool,
    /// No space before `، . : ؛ ؟ !`, one after; `« »` hug their text.
    pub punctuation_spacing: bool,
    /// Remove redundant ZWNJs: doubled, at word edges, after non-joining letters.
    pub zwnj_cleanup: bool,
    /// Keep a ZWNJ after a non-joining letter (`دو‌مرحله‌ای`): invisible, but careful writers use it to
    /// mark a morpheme boundary, so removing it loses information. Default: keep.
    pub zwnj_after_non_joining: bool,
    /// Join spaced affixes with ZWNJ (`می شود` → `می‌شود`, `کتاب ها` → `کتاب‌ها`).
    pub join_affixes: bool,
    /// Restore ZWNJs stripped from glued words and repair lost spaces, from the lexicon.
    pub restore_zwnj: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            persian_letters: true,
            presentation_forms: true,
            remove_tatweel: true,
            remove_controls: true,
            digits: Digits::Keep,
            diacritics: Diacritics::Strip,
            heh_yeh: HehYeh::Keep,
            teh_marbuta: TehMarbuta::Keep,
            whitespace: true,
            punctuation_spacing: true,
            zwnj_cleanup: true,
            zwnj_after_non_joining: true,
            join_affixes: true,
            restore_zwnj: true,
        }
    }
}

impl Config {
    /// Only the character-level steps (letters, marks, digits, controls): no spacing or ZWNJ work.
    pub fn letters_only() -> Self {
        Self {
            whitespace: false,
            punctuation_spacing: false,
            zwnj_cleanup: false,
            join_affixes: false,
            restore_zwnj: false,
            ..Self::default()
        }
    }
}
