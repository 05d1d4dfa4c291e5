//! Folding of one word to the key that phrase statistics and merging use: Arabic letter variants,
//! digits, diacritics and joiners folded, so `برنامه‌ها`, `برنامهها` and `برنامه‌ها` share one key.

/// What folding does to one character.
enum CharFold {
    Keep,
    Drop,
    Into(char),
}

fn fold_char(ch: char) -> CharFold {
    match ch {
        'ي' | 'ى' | 'ئ' => CharFold::Into('ی'),
        'ك' => CharFold::Into('ک'),
        'ة' | 'ۀ' => CharFold::Into('ه'),
        'أ' | 'إ' | 'ٱ' => CharFold::Into('ا'),
        'ؤ' => CharFold::Into('و'),
        '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{feff}' | 'ـ' => CharFold::Drop,
        '\u{064b}'..='\u{065f}' | '\u{0670}' => CharFold::Drop,
        '۰'..='۹' => CharFold::Into(char::from(b'0' + (ch as u32 - '۰' as u32) as u8)),
        '٠'..='٩' => CharFold::Into(char::from(b'0' + (ch as u32 - '٠' as u32) as u8)),
        c if c.is_ascii_uppercase() => CharFold::Into(c.to_ascii_lowercase()),
        _ => CharFold::Keep,
    }
}

/// Appends the folded form of `word` to `out`. ZWNJ and other joiners are dropped, which makes the
/// key blind to the normalizer's ZWNJ restoration (present or not, the key is the same).
///
/// Normalized text is mostly folded already, so the unchanged prefix is copied whole.
pub fn fold_into(word: &str, out: &mut String) {
    let unchanged = unchanged_prefix(word);
    out.push_str(&word[..unchanged]);
    for ch in word[unchanged..].chars() {
        match fold_char(ch) {
            CharFold::Keep => out.push(ch),
            CharFold::Drop => {}
            CharFold::Into(c) => out.push(c),
        }
    }
}

/// Whether folding surely leaves `word` as it is (true of most words of normalized text; a word
/// with a character outside ASCII and the Arabic block is not vouched for).
pub fn is_folded(word: &str) -> bool {
    unchanged_prefix(word) == word.len()
}

/// Byte length of the longest prefix of `word` that folding leaves as it is (it ends at a char
/// boundary), read a byte at a time for ASCII and the two-byte Arabic block; any other character
/// ends it, and the slow path decides.
fn unchanged_prefix(word: &str) -> usize {
    let bytes = word.as_bytes();
    let folds: &[bool; 0x100] = &ARABIC_FOLDS;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                break;
            }
            i += 1;
        } else if (0xd8..=0xdb).contains(&b) && i + 1 < bytes.len() {
            let code = (u32::from(b & 0x1f) << 6) | u32::from(bytes[i + 1] & 0x3f);
            if folds[(code - 0x600) as usize] {
                break;
            }
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Which characters of U+0600..U+06FF [`fold_char`] changes.
static ARABIC_FOLDS: std::sync::LazyLock<[bool; 0x100]> = std::sync::LazyLock::new(|| {
    let mut table = [false; 0x100];
    for (i, folds) in table.iter_mut().enumerate() {
        if let Some(ch) = char::from_u32(0x600 + i as u32) {
            *folds = !matches!(fold_char(ch), CharFold::Keep);
        }
    }
    table
});

/// The folded form of one word.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Plural endings that do not change what a phrase is about. Longest first.
pub const PLURALS: [&str; 3] = ["هایی", "های", "ها"];

/// The merge key of one written word: plural `ها/های` and a written ezafe `ی` are dropped so the
/// variants of one phrase merge (`برنامه‌ها`, `برنامه‌های`, `برنامه` → `برنامه`).
///
/// After a ZWNJ the ending is unambiguous. Written solid (`برنامههای`, the ZWNJ lost) it could also
/// be the adjective `‌ای` (`هسته‌ای` written `هستهای`), so a solid ending is only dropped when the
/// whole word is unknown and the stem is a known word.
pub fn lemma_key(surface: &str, is_known: impl Fn(&str) -> bool) -> String {
    lemma_key_of(surface, fold(surface), is_known)
}

/// [`lemma_key`] given the word's [`fold`] already (the hot path folds each word once).
pub fn lemma_key_of(surface: &str, folded: String, is_known: impl Fn(&str) -> bool) -> String {
    let mut key = String::with_capacity(folded.len());
    lemma_key_into(surface, &folded, is_known, &mut key, &mut String::new());
    key
}

/// The words of a phrase key: `key.split(' ')`, by a plain byte scan (keys are short and split
/// often; the general char searcher costs more than the scan).
pub fn key_words(key: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(key);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b' ') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `surface.rsplit_once('\u{200c}')`, found by the ZWNJ's lead byte `E2`, which Persian letters
/// (two-byte `D8`–`DB` sequences) never hold: most words are passed over in one `memrchr`.
fn split_at_last_zwnj(surface: &str) -> Option<(&str, &str)> {
    const ZWNJ: &[u8] = "\u{200c}".as_bytes();
    let bytes = surface.as_bytes();
    let mut end = bytes.len();
    while let Some(i) = memchr::memrchr(ZWNJ[0], &bytes[..end]) {
        if bytes[i..].starts_with(ZWNJ) {
            return Some((surface.get(..i)?, surface.get(i + ZWNJ.len()..)?));
        }
        end = i;
    }
    None
}

/// [`lemma_key_of`] appended to `out`, which spares the hot path an allocation per word;
/// `scratch` is a reused buffer.
pub fn lemma_key_into(
    surface: &str,
    folded: &str,
    is_known: impl Fn(&str) -> bool,
    out: &mut String,
    scratch: &mut String,
) {
    if let Some((stem, ending)) = split_at_last_zwnj(surface) {
        scratch.clear();
        fold_into(ending, scratch);
        let ending = scratch.as_str();
        if PLURALS.contains(&ending) || ending == "ی" {
            let mark = out.len();
            fold_into(stem, out);
            if out[mark..].chars().count() >= 2 {
                return;
            }
            out.truncate(mark);
        }
    }
    for ending in PLURALS {
        if let Some(stem) = folded.strip_suffix(ending)
            && stem.chars().count() >= 2
            && !is_known(folded)
            && is_known(stem)
        {
            out.push_str(stem);
            return;
        }
    }
    out.push_str(folded);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_words_split_like_split_on_space() {
        for key in ["مدیریت شهری", "قم", "", " ", "a  b ", " x"] {
            let expected: Vec<&str> = key.split(' ').collect();
            assert_eq!(key_words(key).collect::<Vec<_>>(), expected, "{key:?}");
        }
    }

    #[test]
    fn the_last_zwnj_splits_like_rsplit_once() {
        for word in [
            "برنامه‌های",
            "می‌خواهند‌ها",
            "برنامه",
            "",
            "\u{200c}",
            "a\u{2026}b‌ی",
            "‌ها‌",
        ] {
            assert_eq!(
                split_at_last_zwnj(word),
                word.rsplit_once('\u{200c}'),
                "{word}"
            );
        }
    }

    #[test]
    fn folds_letter_variants_digits_and_joiners() {
        assert_eq!(fold("برنامه‌هاي"), "برنامههای");
        assert_eq!(fold("۱۴۰۲"), "1402");
        assert_eq!(fold("ICT"), "ict");
        assert_eq!(fold("مُدیریت"), "مدیریت");
    }

    #[test]
    fn the_fast_prefix_stops_at_every_folded_character() {
        for code in (0x20..0x800u32).chain([0x200c, 0x200d, 0xfeff]) {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            let word = format!("ab{ch}پ");
            let slow: String = word
                .chars()
                .filter_map(|c| match fold_char(c) {
                    CharFold::Keep => Some(c),
                    CharFold::Drop => None,
                    CharFold::Into(x) => Some(x),
                })
                .collect();
            assert_eq!(fold(&word), slow, "{code:x}");
            assert!(!is_folded(&word) || word == slow, "{code:x}");
        }
    }

    #[test]
    fn strips_plural_only_where_it_is_a_suffix() {
        let known = |w: &str| ["برنامه", "هسته", "هستهای"].contains(&w);
        assert_eq!(lemma_key("برنامه‌ها", known), "برنامه");
        assert_eq!(lemma_key("برنامههای", known), "برنامه");
        assert_eq!(lemma_key("هسته‌ای", known), "هستهای");
        assert_eq!(lemma_key("هستهای", known), "هستهای");
        assert_eq!(lemma_key("تنها", known), "تنها");
        assert_eq!(lemma_key("خانه‌ی", known), "خانه");
    }
}
