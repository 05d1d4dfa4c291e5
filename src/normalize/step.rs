//! The one trait every normalizer step implements.

use super::buffer::Buf;
use super::config::Config;

/// One transformation of the text. Steps run in a fixed order; each reads the previous
/// buffer and writes the next, carrying the byte offsets along.
pub(crate) trait Step: Sync {
    /// Whether `config` switches this step on.
    fn enabled(&self, config: &Config) -> bool;

    /// A cheap scan: `false` when [`Step::apply`] would leave `text` unchanged, so the copy is skipped.
    fn needed(&self, text: &str, config: &Config) -> bool;

    /// Writes the transformed `input` into `output` (which arrives empty). Returns `false` when
    /// nothing changed, and `output` is then left unfinished and ignored.
    fn apply(&self, input: &Buf, output: &mut Buf, context: &Context, config: &Config) -> bool;
}

/// Ends an `apply` that copies `input` lazily: `copied` is how far `input` has been consumed.
/// When nothing was consumed or written the text is unchanged and the copy is skipped.
pub(crate) fn finish(input: &Buf, output: &mut Buf, copied: usize) -> bool {
    if copied == 0 && output.text.is_empty() {
        return false;
    }
    output.copy_range(input, copied, input.text.len());
    true
}

/// Facts about the whole paragraph that steps may consult.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The input length: the offset that stands for "past the end".
    pub input_len: u32,
    /// The paragraph already uses ZWNJs, so its writer types them: glued words are more likely
    /// intentional, and restoration keeps to the near-certain cases.
    pub writer_uses_zwnj: bool,
    /// The paragraph has no ZWNJ but spaced affixes (`می شود`): its writer types a space for a
    /// ZWNJ, so spaced compounds are joined and its glued words are taken as intended.
    pub writer_spaces_affixes: bool,
}
