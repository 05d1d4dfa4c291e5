//! The result of a character rule.

/// What a character rule makes of one char.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mapped {
    /// Leave the char as it is.
    Same,
    /// Remove it.
    Drop,
    /// Replace it by another char.
    Char(char),
    /// Replace it by a string.
    Str(&'static str),
}
