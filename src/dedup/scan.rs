//! One pass over a paragraph's bytes that folds it for matching ([`text::match_form`]) straight
//! into the shape fingerprints consume: the folded letters of every word back to back (the
//! spaceless key) and where each word ends. Every later step walks words, never bytes again.

use super::text;

/// A paragraph folded for matching, as words. `letters` is the match form without its spaces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FoldedWords {
    letters: String,
    ends: Vec<usize>,
}

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
        self.letters.clear();
        self.ends.clear();
        self.letters.reserve(text.len());
        if !self.fold_common(text) {
            self.letters.clear();
            self.ends.clear();
            let form = text::match_form(text);
            for word in form.split_ascii_whitespace() {
                self.letters.push_str(word);
                self.ends.push(self.letters.len());
            }
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
    /// themselves copied in one go. False (content undefined) when another character occurs.
    fn fold_common(&mut self, text: &str) -> bool {
        let table = text::arabic_block_folds();
        let bytes = text.as_bytes();
        // Start of the run of characters that fold to themselves, copied when it ends.
        let mut run: Option<usize> = None;
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            if lead < 0x80 {
                if lead.is_ascii_lowercase() || lead.is_ascii_digit() {
                    run.get_or_insert(at);
                } else {
                    self.flush(text, &mut run, at);
                    if lead.is_ascii_uppercase() {
                        self.letters.push(char::from(lead.to_ascii_lowercase()));
                    } else {
                        self.end_word();
                    }
                }
                at += 1;
                continue;
            }
            if (0xD8..=0xDB).contains(&lead)
                && let Some(&next) = bytes.get(at + 1)
            {
                // A valid `str`: code point 0x600 + the low byte.
                let low = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
                match table[low] {
                    text::BlockFold::Same => {
                        run.get_or_insert(at);
                    }
                    fold => {
                        self.flush(text, &mut run, at);
                        self.push_fold(fold);
                    }
                }
                at += 2;
                continue;
            }
            self.flush(text, &mut run, at);
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if !text::folds_locally(c) {
                return false;
            }
            match text::fold_char(c) {
                Some(' ') => self.end_word(),
                Some(folded) => self.letters.push(folded),
                None => {}
            }
            at += c.len_utf8();
        }
        self.flush(text, &mut run, bytes.len());
        self.end_word();
        true
    }

    /// Copies the pending run of unchanged characters up to `at`.
    #[inline]
    fn flush(&mut self, text: &str, run: &mut Option<usize>, at: usize) {
        if let Some(start) = run.take() {
            self.letters
                .push_str(text.get(start..at).unwrap_or_default());
        }
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
