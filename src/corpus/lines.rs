//! A line reader that never buffers more than a limit: an over-long line is skipped and reported.

use std::io::{self, BufRead};

pub(super) enum Line {
    /// A line without its terminator; `consumed` counts the bytes read, terminator included.
    Text {
        number: usize,
        bytes: Vec<u8>,
        consumed: usize,
    },
    /// A line longer than the limit, skipped.
    TooLong { number: usize, length: usize },
}

pub(super) struct LineReader<R> {
    inner: R,
    limit: usize,
    line: usize,
}

impl<R: BufRead> LineReader<R> {
    pub(super) fn new(inner: R, limit: usize) -> Self {
        LineReader {
            inner,
            limit,
            line: 0,
        }
    }

    /// Lines read so far.
    pub(super) fn line_number(&self) -> usize {
        self.line
    }

    pub(super) fn next_line(&mut self) -> io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let mut length = 0usize;
        let mut too_long = false;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if length == 0 {
                    return Ok(None);
                }
                break;
            }
            let (chunk, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..=i], true),
                None => (buf, false),
            };
            let n = chunk.len();
            length += n;
            if !too_long {
                if length > self.limit + 2 {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(chunk);
                }
            }
            self.inner.consume(n);
            if done {
                break;
            }
        }
        self.line += 1;
        if too_long {
            return Ok(Some(Line::TooLong {
                number: self.line,
                length,
            }));
        }
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        if bytes.len() > self.limit {
            return Ok(Some(Line::TooLong {
                number: self.line,
                length,
            }));
        }
        Ok(Some(Line::Text {
            number: self.line,
            bytes,
            consumed: length,
        }))
    }
}
