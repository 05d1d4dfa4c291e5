//! Text under construction with, for every byte, the input byte it came from.

/// Spare bytes a buffer gets for what the steps insert.
pub(crate) const ROOM: usize = 16;

/// Text plus a per-byte map back to the original input.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buf {
    pub text: String,
    /// `src[i]` is the input byte offset that produced output byte `i` (empty while
    /// `identity`).
    pub src: Vec<u32>,
    /// The text is the input unchanged, every byte mapped to itself: the map is implied, not
    /// stored, so a paragraph no step changes (and the first step that reads it) never
    /// builds it.
    pub identity: bool,
}

impl Buf {
    /// A buffer holding `input` unchanged, every byte mapped to itself.
    pub fn identity(input: &str) -> Self {
        // Room for what the steps insert (a few spaces and ZWNJs), so the buffer they write
        // next after the first swap need not be reallocated.
        let mut text = String::with_capacity(input.len() + ROOM);
        text.push_str(input);
        Self {
            text,
            src: Vec::new(),
            identity: true,
        }
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
        self.identity = false;
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
        self.copy_offsets(other, start, end);
    }

    /// Appends the offsets of `other`'s bytes `start..end`.
    #[inline]
    pub fn copy_offsets(&mut self, other: &Buf, start: usize, end: usize) {
        if !other.identity {
            self.src.extend_from_slice(&other.src[start..end]);
        } else if let (Ok(from), Ok(to)) = (u32::try_from(start), u32::try_from(end)) {
            self.src.extend(from..to);
        } else {
            // Past 4 GiB every further byte maps to the last offset that fits.
            self.src
                .extend((start..end).map(|i| u32::try_from(i).unwrap_or(u32::MAX)));
        }
    }

    /// The input offset of byte `i` of this buffer (`end` past the last byte).
    #[inline]
    pub fn origin(&self, i: usize, end: u32) -> u32 {
        if self.identity {
            if i < self.text.len() {
                u32::try_from(i).unwrap_or(u32::MAX)
            } else {
                end
            }
        } else {
            self.src.get(i).copied().unwrap_or(end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_byte_to_itself() {
        for len in [0, 1, 5, 1 << 14, (1 << 14) + 7] {
            let text = "a".repeat(len);
            let buf = Buf::identity(&text);
            assert_eq!(buf.text, text);
            assert!((0..len).all(|i| buf.origin(i, u32::MAX) as usize == i));
            assert_eq!(buf.origin(len, 99), 99);
            let mut copy = Buf::default();
            copy.copy_range(&buf, len / 3, len);
            assert!(
                copy.src
                    .iter()
                    .enumerate()
                    .all(|(i, &s)| s as usize == len / 3 + i)
            );
        }
    }
}
