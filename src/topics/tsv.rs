//! The `#`-commented, tab-separated tables the topic model embeds (tag forms, untagged phrases,
//! keyphrase evidence): one reader, so every table skips comments and malformed rows alike.

use std::str::{FromStr, Split};

/// The rows of `text` that are not comments (`#` first), each as its fields in order.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Fields<'_>> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| Fields(line.split('\t')))
}

/// The fields of one row, read left to right; a missing or unreadable field gives `None`, so a
/// row parser written with `?` skips malformed rows.
pub(crate) struct Fields<'a>(Split<'a, char>);

impl<'a> Fields<'a> {
    /// The next field, without surrounding whitespace.
    pub fn text(&mut self) -> Option<&'a str> {
        self.0.next().map(str::trim)
    }

    /// The next field as a number.
    pub fn number<T: FromStr>(&mut self) -> Option<T> {
        self.text()?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Vec<Option<(String, u32)>> {
        rows(text)
            .map(|mut fields| Some((fields.text()?.to_string(), fields.number()?)))
            .collect()
    }

    #[test]
    fn comments_are_skipped_and_fields_trimmed() {
        assert_eq!(
            parsed("# source\tcount\n ایسنا \t 12 \nمهر\t3"),
            [
                Some(("ایسنا".to_string(), 12)),
                Some(("مهر".to_string(), 3))
            ]
        );
    }

    #[test]
    fn missing_or_unreadable_fields_give_none() {
        assert_eq!(
            parsed("ایسنا\nمهر\tسه\n\t7"),
            [None, None, Some((String::new(), 7))]
        );
    }
}
