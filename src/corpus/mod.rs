//! Reading corpora (JSONL, gzipped JSONL, folders of `.txt` files, stdin) into [`Article`]s, and the
//! record of what could not be read (`errors.jsonl`).
//!
//! Reading is split in two so the expensive half runs in parallel: [`RecordReader`] yields raw
//! [`RawRecord`]s (one JSONL line or one text file) in input order on one thread, and
//! [`RawRecord::parse`] turns each into an [`Article`] on any thread.

pub mod date;
mod lines;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::Article;
use lines::{Line, LineReader};

/// Records longer than this are rejected rather than buffered.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;

/// One thing to read: a file, a folder, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// Bytes on disk (for progress), when known.
    pub fn size_hint(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::Path(p) => {
                let meta = std::fs::metadata(p).ok()?;
                if meta.is_file() {
                    Some(meta.len())
                } else {
                    Some(
                        walk(p)
                            .iter()
                            .filter_map(|f| std::fs::metadata(f).ok())
                            .map(|m| m.len())
                            .sum(),
                    )
                }
            }
        }
    }

    /// Whether the input can be read twice (a learning pass before the main one).
    pub fn rereadable(&self) -> bool {
        matches!(self, Input::Path(_))
    }
}

/// A record that could not be turned into an article; one line of `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    pub file: String,
    /// 1-based line number for JSONL, absent for whole files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum RawKind {
    /// One JSONL line.
    Json,
    /// A whole `.txt` file: one article, id given.
    Text { id: String },
    /// Something already known to be bad.
    Bad(String),
}

/// One record as read from disk, not yet parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub file: String,
    pub line: Option<usize>,
    pub bytes: Vec<u8>,
    kind: RawKind,
}

impl RawRecord {
    /// Size of the record on input, for throughput figures.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn error(&self, id: Option<String>, reason: impl Into<String>) -> RecordError {
        RecordError {
            file: self.file.clone(),
            line: self.line,
            id,
            reason: reason.into(),
        }
    }

    /// Parses the record into an article, or says exactly why it cannot be one.
    pub fn parse(&self) -> Result<Article, RecordError> {
        match &self.kind {
            RawKind::Bad(reason) => Err(self.error(None, reason.clone())),
            RawKind::Text { id } => {
                let text = validate_utf8(&self.bytes).map_err(|e| {
                    self.error(
                        Some(id.clone()),
                        format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                    )
                })?;
                let body =
                    without_carriage_returns(text.trim_start_matches('\u{feff}').to_string());
                if body.trim().is_empty() {
                    return Err(self.error(Some(id.clone()), "empty body"));
                }
                Ok(Article {
                    id: id.clone(),
                    body,
                    ..Article::default()
                })
            }
            RawKind::Json => self.parse_json(),
        }
    }

    fn parse_json(&self) -> Result<Article, RecordError> {
        let text = validate_utf8(&self.bytes)
            .map_err(|e| self.error(None, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
        let text = text.trim_start_matches('\u{feff}');
        let value: Value = serde_json::from_str(text)
            .map_err(|e| self.error(None, format!("invalid JSON: {e}")))?;
        let Value::Object(mut fields) = value else {
            return Err(self.error(None, "not a JSON object"));
        };
        let id = match fields.remove("id") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => {
                return Err(self.error(
                    None,
                    format!(
                        "\"id\" must be a string or a number, not {}",
                        json_type(&other)
                    ),
                ));
            }
        };
        let id = id.unwrap_or_else(|| format!("{}:{}", self.file, self.line.unwrap_or(0)));
        let fail = |reason: String| self.error(Some(id.clone()), reason);
        let body = match fields.remove("body") {
            Some(Value::String(s)) => s,
            None | Some(Value::Null) => return Err(fail("no \"body\" field".into())),
            Some(other) => {
                return Err(fail(format!(
                    "\"body\" must be a string, not {}",
                    json_type(&other)
                )));
            }
        };
        if body.trim().is_empty() {
            return Err(fail("empty body".into()));
        }
        let mut take_string = |name: &str| -> Result<Option<String>, RecordError> {
            match fields.remove(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(other) => Err(fail(format!(
                    "\"{name}\" must be a string, not {}",
                    json_type(&other)
                ))),
            }
        };
        let title = take_string("title")?;
        let raw_date = take_string("date")?;
        let source = take_string("source")?;
        let url = take_string("url")?;
        let category = take_string("category")?;
        let mut extra = fields;
        let date = match raw_date {
            None => None,
            Some(raw) => match date::to_iso(&raw) {
                Some(iso) => Some(iso),
                None => {
                    // Keep what we could not read rather than drop it.
                    tracing::warn!(file = %self.file, line = ?self.line, id = %id, date = %raw, "unreadable date, kept as date_raw");
                    extra.insert("date_raw".into(), Value::String(raw));
                    None
                }
            },
        };
        Ok(Article {
            id,
            title,
            date,
            source,
            url,
            category,
            body: without_carriage_returns(body),
            extra: strip_reserved(extra),
        })
    }
}

/// The record's bytes as text, or where they stop being UTF-8 (the error of `std::str::from_utf8`).
///
/// Every record is validated whole, in both passes of a run: on Persian text, where nearly every
/// byte belongs to a multi-byte character, std's byte-by-byte check was half of the time spent
/// parsing a record, and the SIMD one is several times faster.
fn validate_utf8(bytes: &[u8]) -> Result<&str, simdutf8::compat::Utf8Error> {
    simdutf8::compat::from_utf8(bytes)
}

/// `\r\n` line ends as `\n`; most bodies have none and are returned as they are, uncopied.
fn without_carriage_returns(body: String) -> String {
    if memchr::memmem::find(body.as_bytes(), b"\r\n").is_some() {
        body.replace("\r\n", "\n")
    } else {
        body
    }
}

/// Fields the output writes itself; an input field of the same name would collide.
const RESERVED: &[&str] = &[
    "paragraphs",
    "paragraph_index",
    "removed",
    "topics",
    "duplicate_of",
    "statements",
];

fn strip_reserved(mut extra: Map<String, Value>) -> Map<String, Value> {
    for name in RESERVED {
        if let Some(v) = extra.remove(*name) {
            extra.insert(format!("input_{name}"), v);
        }
    }
    extra
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Every readable file under `dir`, sorted, so runs are deterministic.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            files.push(d);
            continue;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        children.sort();
        for child in children.into_iter().rev() {
            if child.is_dir() {
                stack.push(child);
            } else if is_corpus_file(&child) {
                files.push(child);
            }
        }
    }
    files.sort();
    files
}

fn is_corpus_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") || name.ends_with(".txt")
}

/// One file or stdin being read line by line.
struct OpenSource {
    name: String,
    lines: LineReader<Box<dyn BufRead + Send>>,
}

enum Pending {
    /// A JSONL file or stdin to open.
    Jsonl { path: Option<PathBuf>, name: String },
    /// A `.txt` file in a folder: one article.
    Text {
        path: PathBuf,
        name: String,
        id: String,
    },
}

/// Yields the raw records of several inputs in order. Never fails: unreadable files become
/// [`RawRecord`]s that parse to an error.
pub struct RecordReader {
    pending: VecDeque<Pending>,
    current: Option<OpenSource>,
    max_record_bytes: usize,
    /// Bytes of input consumed so far (compressed bytes are counted as decompressed).
    pub bytes_read: u64,
}

impl RecordReader {
    pub fn new(inputs: &[Input], max_record_bytes: usize) -> Self {
        let mut pending = VecDeque::new();
        for input in inputs {
            match input {
                Input::Stdin => pending.push_back(Pending::Jsonl {
                    path: None,
                    name: "-".into(),
                }),
                Input::Path(p) if p.is_dir() => {
                    for file in walk(p) {
                        let name = file.display().to_string();
                        let rel = file.strip_prefix(p).unwrap_or(&file);
                        if name.ends_with(".txt") {
                            let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
                            pending.push_back(Pending::Text {
                                path: file,
                                name,
                                id,
                            });
                        } else {
                            pending.push_back(Pending::Jsonl {
                                path: Some(file),
                                name,
                            });
                        }
                    }
                }
                Input::Path(p) => {
                    let name = p.display().to_string();
                    if name.ends_with(".txt") {
                        let id = p
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_else(|| name.clone());
                        pending.push_back(Pending::Text {
                            path: p.clone(),
                            name,
                            id,
                        });
                    } else {
                        pending.push_back(Pending::Jsonl {
                            path: Some(p.clone()),
                            name,
                        });
                    }
                }
            }
        }
        RecordReader {
            pending,
            current: None,
            max_record_bytes,
            bytes_read: 0,
        }
    }

    fn open(path: Option<&Path>) -> io::Result<Box<dyn BufRead + Send>> {
        const BUF: usize = 1 << 20;
        let Some(path) = path else {
            return Ok(Box::new(BufReader::with_capacity(BUF, io::stdin())));
        };
        let file = File::open(path)?;
        if file.metadata()?.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
        if path.extension().is_some_and(|e| e == "gz") {
            let gz = flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUF, file));
            Ok(Box::new(BufReader::with_capacity(BUF, gz)))
        } else {
            Ok(Box::new(BufReader::with_capacity(BUF, file)))
        }
    }

    /// A record that could not be read. Not logged here: whoever consumes the record reports
    /// it (the pipeline warns once per rejected record), and `process` reads its inputs twice.
    fn bad(name: &str, line: Option<usize>, reason: String) -> RawRecord {
        RawRecord {
            file: name.to_string(),
            line,
            bytes: Vec::new(),
            kind: RawKind::Bad(reason),
        }
    }
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "file not found".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

impl Iterator for RecordReader {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        loop {
            if let Some(src) = &mut self.current {
                match src.lines.next_line() {
                    Ok(Some(Line::Text {
                        number,
                        bytes,
                        consumed,
                    })) => {
                        self.bytes_read += consumed as u64;
                        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                            continue;
                        }
                        return Some(RawRecord {
                            file: src.name.clone(),
                            line: Some(number),
                            bytes,
                            kind: RawKind::Json,
                        });
                    }
                    Ok(Some(Line::TooLong { number, length })) => {
                        self.bytes_read += length as u64;
                        let reason = format!(
                            "record of {length} bytes exceeds the limit of {} bytes",
                            self.max_record_bytes
                        );
                        return Some(Self::bad(&src.name, Some(number), reason));
                    }
                    Ok(None) => self.current = None,
                    Err(e) => {
                        let name = src.name.clone();
                        let line = src.lines.line_number() + 1;
                        self.current = None;
                        return Some(Self::bad(
                            &name,
                            Some(line),
                            format!("read error, rest of file skipped: {e}"),
                        ));
                    }
                }
                continue;
            }
            match self.pending.pop_front()? {
                Pending::Jsonl { path, name } => match Self::open(path.as_deref()) {
                    Ok(reader) => {
                        self.current = Some(OpenSource {
                            name,
                            lines: LineReader::new(reader, self.max_record_bytes),
                        });
                    }
                    Err(e) => return Some(Self::bad(&name, None, describe_io(&e))),
                },
                Pending::Text { path, name, id } => {
                    let read = File::open(&path).and_then(|f| {
                        let mut bytes = Vec::new();
                        f.take(self.max_record_bytes as u64 + 1)
                            .read_to_end(&mut bytes)?;
                        Ok(bytes)
                    });
                    return Some(match read {
                        Ok(bytes) if bytes.len() > self.max_record_bytes => {
                            let reason = format!(
                                "file exceeds the limit of {} bytes",
                                self.max_record_bytes
                            );
                            Self::bad(&name, None, reason)
                        }
                        Ok(bytes) => {
                            self.bytes_read += bytes.len() as u64;
                            RawRecord {
                                file: name,
                                line: None,
                                bytes,
                                kind: RawKind::Text { id },
                            }
                        }
                        Err(e) => Self::bad(&name, None, describe_io(&e)),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(inputs: &[Input]) -> Vec<Result<Article, RecordError>> {
        RecordReader::new(inputs, 1000).map(|r| r.parse()).collect()
    }

    #[test]
    fn utf8_validation_agrees_with_std() {
        let persian = "«سخنگوی دولت» گفت: ۱۴۰۳ {\"id\": 1}".repeat(40);
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), persian.clone().into_bytes()];
        for cut in [1, 2, 3, 64, 65, persian.len() - 1] {
            let mut bad = persian.clone().into_bytes();
            bad.insert(cut, 0xff);
            cases.push(bad);
            // A character cut short at the end of the record.
            cases.push(persian.as_bytes()[..cut].to_vec());
        }
        for bytes in &cases {
            let ours = validate_utf8(bytes).map_err(|e| e.valid_up_to());
            let std = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to());
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn carriage_returns_go_only_before_line_feeds() {
        assert_eq!(without_carriage_returns("یک\r\nدو\r\n".into()), "یک\nدو\n");
        assert_eq!(without_carriage_returns("یک\rدو\n".into()), "یک\rدو\n");
        assert_eq!(without_carriage_returns(String::new()), "");
    }

    #[test]
    fn jsonl_records_and_their_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let mut f = File::create(&path).unwrap();
        writeln!(
            f,
            r#"{{"id":"x1","title":"t","body":"الف\nب","date":"1403/02/12","tags":["a"]}}"#
        )
        .unwrap();
        writeln!(f, "{{broken").unwrap();
        writeln!(f, r#"{{"id":"x3"}}"#).unwrap();
        writeln!(f, r#"{{"id":"x4","body":"  "}}"#).unwrap();
        f.write_all(b"{\"body\":\"\xff\"}\n").unwrap();
        writeln!(f, "{{\"body\":\"{}\"}}", "a".repeat(2000)).unwrap();
        writeln!(f).unwrap();
        writeln!(f, r#"{{"body":"ok"}}"#).unwrap();
        drop(f);
        let got = read_all(&[
            Input::Path(path.clone()),
            Input::Path(dir.path().join("missing.jsonl")),
        ]);
        assert_eq!(got.len(), 8);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.date.as_deref(), Some("2024-05-01"));
        assert_eq!(a.extra["tags"], serde_json::json!(["a"]));
        assert!(
            got[1]
                .as_ref()
                .unwrap_err()
                .reason
                .starts_with("invalid JSON")
        );
        assert_eq!(got[2].as_ref().unwrap_err().reason, "no \"body\" field");
        assert_eq!(got[3].as_ref().unwrap_err().reason, "empty body");
        assert!(got[4].as_ref().unwrap_err().reason.contains("UTF-8"));
        assert!(
            got[5]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("exceeds the limit")
        );
        let last = got[6].as_ref().unwrap();
        assert_eq!(last.id, format!("{}:8", path.display()));
        assert_eq!(got[7].as_ref().unwrap_err().reason, "file not found");
    }

    #[test]
    fn folders_of_text_files_and_gzip() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("qom")).unwrap();
        std::fs::write(
            dir.path().join("qom/one.txt"),
            "پاراگراف یک\n\nپاراگراف دو\n",
        )
        .unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        writeln!(gz, r#"{{"id":"g1","body":"متن"}}"#).unwrap();
        std::fs::write(dir.path().join("b.jsonl.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(dir.path().join("ignored.csv"), "x").unwrap();
        let got = read_all(&[Input::Path(dir.path().to_path_buf())]);
        let ids: Vec<_> = got.iter().map(|r| r.as_ref().unwrap().id.clone()).collect();
        assert_eq!(ids, ["g1", "qom/one"]);
        assert_eq!(got[1].as_ref().unwrap().body.split('\n').count(), 4);
    }
}
