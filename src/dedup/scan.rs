//! One pass over a paragraph's bytes that folds it for matching ([`text::match_form`]) straight
//! into the shape fingerprints consume: the folded letters of every word back to back (the
//! spaceless key) and where each word ends. Every later step walks words, never bytes again.
//! The same pass notes the whitespace-separated words that hold a ZWNJ, whose pieces
//! ([`text::zwnj_pieces`]) are then folded from those words alone.

use super::text;

/// A paragraph folded for matching, as words. `letters` is the match form without its spaces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FoldedWords {
    letters: String,
    ends: Vec<usize>,
    /// Byte ranges of the text's whitespace-separated words that hold a ZWNJ.
    compounds: Vec<(usize, usize)>,
    /// The text went through the general fold: `compounds` was not collected.
    general: bool,
}

const ZWNJ: char = '\u{200c}';

impl FoldedWords {
    /// Folds `text` into a new value (tests; [`FoldedWords::fold`] reuses the buffers).
    #[cfg(test)]
    pub fn of(text: &str) -> Self {
        let mut folded = FoldedWords::default();
        folded.fold(text);
        folded
    }

    /// Replaces the content with `text` folded as [`text::match_form`] folds it.
    pub fn fold(&mut self, text: &str) {
        self.clear();
        self.letters.reserve(text.len());
        if !self.fold_common(text, false) {
            self.clear();
            self.general = true;
            self.push_form(&text::match_form(text));
        }
    }

    /// Does the text last folded hold a ZWNJ?
    pub fn has_compounds(&self, text: &str) -> bool {
        if self.general {
            text::has_zwnj(text)
        } else {
            !self.compounds.is_empty()
        }
    }

    /// Replaces the content of `pieces` with [`text::zwnj_pieces`] of `text`, the text last
    /// folded into `self`.
    pub fn fold_pieces_into(&self, text: &str, pieces: &mut FoldedWords) {
        pieces.clear();
        let folded = !self.general
            && self.compounds.iter().all(|&(start, end)| {
                text.get(start..end)
                    .is_some_and(|word| pieces.fold_common(word, true))
            });
        if !folded {
            pieces.clear();
            pieces.push_form(&text::zwnj_pieces(text));
        }
    }

    fn clear(&mut self) {
        self.letters.clear();
        self.ends.clear();
        self.compounds.clear();
        self.general = false;
    }

    /// Appends the words of a match form.
    fn push_form(&mut self, form: &str) {
        for word in form.split_ascii_whitespace() {
            self.letters.push_str(word);
            self.ends.push(self.letters.len());
        }
    }

    /// The folded letters and digits, spaces left out.
    pub fn letters(&self) -> &str {
        &self.letters
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Length in bytes of the match form (words joined by single spaces).
    pub fn form_len(&self) -> usize {
        self.letters.len() + self.ends.len().saturating_sub(1)
    }

    /// The words in order.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| self.letters.get(start..end).unwrap_or_default())
    }

    /// The match form itself (words joined by single spaces).
    #[cfg(test)]
    pub fn form(&self) -> String {
        let mut form = String::with_capacity(self.form_len());
        for word in self.words() {
            if !form.is_empty() {
                form.push(' ');
            }
            form.push_str(word);
        }
        form
    }

    /// Closes the word being written, if any.
    #[inline]
    fn end_word(&mut self) {
        if self.ends.last().copied().unwrap_or(0) < self.letters.len() {
            self.ends.push(self.letters.len());
        }
    }

    /// The fold for text made only of characters the dedup fold knows on its own (nearly all
    /// Persian news): ASCII and the two-byte Arabic block by table, runs of characters that fold to
    /// themselves copied in one go; appended to what is there. A ZWNJ separates words when
    /// `zwnj_separates`. False (content undefined) when another character occurs.
    fn fold_common(&mut self, text: &str, zwnj_separates: bool) -> bool {
        let table = text::arabic_block_folds();
        let bytes = text.as_bytes();
        // The whitespace-separated word being read: where it starts, and whether it has a ZWNJ.
        let mut word_start = 0;
        let mut word_has_zwnj = false;
        let mut at = 0;
        loop {
            // Most characters fold to themselves: copy them a run at a time.
            let end = unchanged_run_end(bytes, at, table);
            if end > at {
                self.letters.push_str(text.get(at..end).unwrap_or_default());
                at = end;
            }
            let Some(&lead) = bytes.get(at) else {
                break;
            };
            if lead < 0x80 {
                if lead.is_ascii_uppercase() {
                    self.letters.push(char::from(lead.to_ascii_lowercase()));
                } else {
                    self.end_word();
                    // `char::is_whitespace` of ASCII (with the vertical tab).
                    if matches!(lead, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                        if word_has_zwnj {
                            self.compounds.push((word_start, at));
                            word_has_zwnj = false;
                        }
                        word_start = at + 1;
                    }
                }
                at += 1;
                continue;
            }
            if let Some(low) = arabic_block_low(bytes, at) {
                self.push_fold(table[low]);
                at += 2;
                continue;
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if !text::folds_locally(c) {
                return false;
            }
            if c == ZWNJ {
                word_has_zwnj = true;
            } else if c.is_whitespace() {
                if word_has_zwnj {
                    self.compounds.push((word_start, at));
                    word_has_zwnj = false;
                }
                word_start = at + c.len_utf8();
            }
            match text::fold_char(c) {
                _ if zwnj_separates && c == ZWNJ => self.end_word(),
                Some(' ') => self.end_word(),
                Some(folded) => self.letters.push(folded),
                None => {}
            }
            at += c.len_utf8();
        }
        self.end_word();
        if word_has_zwnj {
            self.compounds.push((word_start, bytes.len()));
        }
        true
    }

    #[inline]
    fn push_fold(&mut self, fold: text::BlockFold) {
        match fold {
            text::BlockFold::Same | text::BlockFold::Drop => {}
            text::BlockFold::Separator => self.end_word(),
            text::BlockFold::Into(c) => self.letters.push(c),
        }
    }
}

/// The low byte of the code point of the Arabic-block character (U+0600..U+06FF) at `at`, if
/// one starts there.
#[inline]
fn arabic_block_low(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..) {
        // In a `str`, a lead byte 0xD8..=0xDB is followed by its continuation byte.
        Some([lead @ 0xD8..=0xDB, next, ..]) => {
            Some((usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F))
        }
        _ => None,
    }
}

/// Where the run of characters from `at` that fold to themselves (ASCII lower-case letters and
/// digits, most Arabic-block letters) ends.
#[inline]
fn unchanged_run_end(bytes: &[u8], mut at: usize, table: &[text::BlockFold; 256]) -> usize {
    loop {
        match bytes.get(at) {
            Some(&byte) if byte < 0x80 => {
                if !(byte.is_ascii_lowercase() || byte.is_ascii_digit()) {
                    return at;
                }
                at += 1;
            }
            _ => match arabic_block_low(bytes, at) {
                Some(low) if matches!(table[low], text::BlockFold::Same) => at += 2,
                _ => return at,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let folded = FoldedWords::of(text);
        let form = text::match_form(text);
        assert_eq!(folded.form(), form, "{text:?}");
        assert_eq!(folded.form_len(), form.len());
        assert_eq!(folded.letters(), form.replace(' ', ""));
        assert_eq!(folded.len(), form.split_ascii_whitespace().count());
        assert_eq!(folded.has_compounds(text), text::has_zwnj(text));
        let mut pieces = FoldedWords::default();
        folded.fold_pieces_into(text, &mut pieces);
        assert_eq!(pieces.form(), text::zwnj_pieces(text), "{text:?}");
    }

    #[test]
    fn words_match_the_match_form() {
        for text in [
            "",
            "   ",
            "مي‌شود، ۱۲۳!",
            "  Hello,   World  ",
            "كتابِ",
            "ة ۀ ك ي ى ئ أ إ",
            "وی افزود: «برنامه‌های» شهری – با رویکرد محله‌محور اجرا می‌شود.",
            "ﻻ ﺏ",
            "abcDEF12,x\u{200c}y\u{00A0}z",
            "ـــ",
            "در غیر این‌صورت، دانش‌آموزان\u{2003}(می‌توانند)\t«بین‌المللی»\u{200c}",
            "\u{200c}\u{00A0}می\u{200c}\u{00A0}شود \u{200c}",
            "ﻻ‌ب می‌شود",
        ] {
            check(text);
        }
        let every: String = ('\u{0600}'..='\u{06FF}')
            .chain("Ab 1,\u{200c}«»\u{00A0}–".chars())
            .flat_map(|c| [c, 'x', c, ' '])
            .collect();
        check(&every);
    }
}
