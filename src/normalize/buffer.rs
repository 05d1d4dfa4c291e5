//! Text under construction with, for every byte, the input byte it came from.

/// Spare bytes a buffer gets for what the steps insert.
pub(crate) const ROOM: usize = 16;

/// `IDENTITY[i] == i`: the offsets of an untouched text's first bytes, copied rather than
/// counted.
static IDENTITY: [u32; 1 << 14] = {
    let mut table = [0u32; 1 << 14];
    let mut i = 0;
    while i < table.len() {
        table[i] = i as u32;
        i += 1;
    }
    table
};

/// Text plus a per-byte map back to the original input.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buf {
    pub text: String,
    /// `src[i]` is the input byte offset that produced output byte `i`.
    pub src: Vec<u32>,
}

impl Buf {
    /// A buffer holding `input` unchanged, every byte mapped to itself.
    pub fn identity(input: &str) -> Self {
        // Room for what the steps insert (a few spaces and ZWNJs), so the buffer they write
        // next after the first swap need not be reallocated.
        let room = input.len() + ROOM;
        let src = match u32::try_from(input.len()) {
            Ok(len) => {
                let mut src = Vec::with_capacity(room);
                // A copy of the table where it covers the text (a memory copy moves many
                // offsets per instruction, a counting loop only a few), counting past it.
                let copied = IDENTITY.len().min(input.len());
                src.extend_from_slice(&IDENTITY[..copied]);
                src.extend(copied as u32..len);
                src
            }
            // Past 4 GiB every further byte maps to the last offset that fits.
            Err(_) => (0..u32::MAX)
                .chain(std::iter::repeat(u32::MAX))
                .take(input.len())
                .collect(),
        };
        let mut text = String::with_capacity(room);
        text.push_str(input);
        Self { text, src }
    }

    /// Room for `bytes` bytes in the (cleared) buffer, and more when it must grow. A buffer
    /// too small gets a fresh allocation: growing it would copy its stale contents along.
    /// The inserts a step makes rarely outgrow the room the buffer had, so asking for the
    /// text's length alone spares a new allocation every time a step adds a byte or two. A
    /// fresh one is sized to the next power of two, so the spare buffer kept between
    /// paragraphs fits most of the paragraphs after it.
    pub fn make_room(&mut self, bytes: usize) {
        let fresh = (bytes + ROOM).next_power_of_two();
        if self.text.capacity() < bytes {
            self.text = String::with_capacity(fresh);
        }
        if self.src.capacity() < bytes {
            self.src = Vec::with_capacity(fresh);
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.src.clear();
    }

    /// Appends `s`, every byte attributed to input offset `from`.
    #[inline]
    pub fn push_str_from(&mut self, s: &str, from: u32) {
        self.text.push_str(s);
        self.src.extend(std::iter::repeat_n(from, s.len()));
    }

    /// Appends `c`, attributed to input offset `from`.
    #[inline]
    pub fn push_from(&mut self, c: char, from: u32) {
        let mut utf8 = [0u8; 4];
        self.push_str_from(c.encode_utf8(&mut utf8), from);
    }

    /// Copies `other.text[range]` with its offsets.
    #[inline]
    pub fn copy_range(&mut self, other: &Buf, start: usize, end: usize) {
        self.text.push_str(&other.text[start..end]);
        self.src.extend_from_slice(&other.src[start..end]);
    }

    /// The input offset of byte `i` of this buffer (`end` past the last byte).
    #[inline]
    pub fn origin(&self, i: usize, end: u32) -> u32 {
        self.src.get(i).copied().unwrap_or(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_byte_to_itself() {
        for len in [
            0,
            1,
            5,
            IDENTITY.len() - 1,
            IDENTITY.len(),
            IDENTITY.len() + 7,
        ] {
            let text = "a".repeat(len);
            let buf = Buf::identity(&text);
            assert_eq!(buf.text, text);
            assert!(buf.src.iter().enumerate().all(|(i, &s)| s as usize == i));
            assert_eq!(buf.src.len(), len);
        }
    }
}
