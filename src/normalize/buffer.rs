//! Text under construction with, for every byte, the input byte it came from.

/// Spare bytes a buffer gets for what the steps insert.
pub(crate) const ROOM: usize = 16;

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
                src.extend(0..len);
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

    /// Room for `bytes` bytes in the (cleared) buffer, and [`ROOM`] more when it must grow. A
    /// buffer too small gets a fresh allocation: growing it would copy its stale contents along.
    /// The inserts a step makes rarely outgrow the room the buffer had, so asking for the
    /// text's length alone spares a new allocation every time a step adds a byte or two.
    pub fn make_room(&mut self, bytes: usize) {
        if self.text.capacity() < bytes {
            self.text = String::with_capacity(bytes + ROOM);
        }
        if self.src.capacity() < bytes {
            self.src = Vec::with_capacity(bytes + ROOM);
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
