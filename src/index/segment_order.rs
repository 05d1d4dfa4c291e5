//! The order in which a writer wrote its segments, so `finish` merges them in input order.
//!
//! Tantivy lists an index's segments in no particular order (its registry is a hash map), and a
//! merge lays the segments' documents end to end in the order it is given. Search breaks score
//! and date ties by document address, so merging in that listed order would make the result
//! order of one corpus change from run to run as soon as the writer flushed more than one segment.
//! A writer with one indexing thread writes its segments one after another: each is finished
//! (its files last written) before the next one starts, so the files' modification times tell the
//! order.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use tantivy::index::SegmentId;

/// Sorts `segments` (of the index in `dir`) by when their files were last written, then by name.
pub(crate) fn sort_by_write_time(dir: &Path, segments: &mut [SegmentId]) {
    let written = last_written(dir);
    segments.sort_by_cached_key(|id| {
        let name = id.uuid_string();
        (written.get(&name).copied(), name)
    });
}

/// The latest modification time of each segment's files in `dir`, by segment name.
fn last_written(dir: &Path) -> HashMap<String, SystemTime> {
    let mut written: HashMap<String, SystemTime> = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return written;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str().and_then(segment_name) else {
            continue;
        };
        let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        let latest = written.entry(name.to_string()).or_insert(modified);
        *latest = (*latest).max(modified);
    }
    written
}

/// The segment a file of an index folder belongs to: `<32 hex digits>.<component>`.
fn segment_name(file_name: &str) -> Option<&str> {
    let (stem, _component) = file_name.split_once('.')?;
    (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::time::Duration;

    const A: &str = "ffffffffffffffffffffffffffffffff";
    const B: &str = "00000000000000000000000000000001";
    const C: &str = "7777777777777777777777777777777a";

    fn touch(dir: &Path, file: &str, seconds: u64) {
        let f = File::create(dir.join(file)).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
            .unwrap();
    }

    fn sorted(dir: &Path) -> Vec<String> {
        let mut ids: Vec<SegmentId> = [C, B, A]
            .iter()
            .filter_map(|s| SegmentId::from_uuid_string(s).ok())
            .collect();
        sort_by_write_time(dir, &mut ids);
        ids.iter().map(SegmentId::uuid_string).collect()
    }

    #[test]
    fn segments_sort_by_their_last_written_file_not_by_name() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), &format!("{A}.store"), 100);
        touch(dir.path(), &format!("{A}.idx"), 200);
        touch(dir.path(), &format!("{B}.store"), 150);
        touch(dir.path(), &format!("{B}.idx"), 300);
        touch(dir.path(), &format!("{C}.fast"), 400);
        touch(dir.path(), "meta.json", 10);
        assert_eq!(sorted(dir.path()), [A, B, C]);
    }

    #[test]
    fn segments_without_files_go_first_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), &format!("{B}.store"), 100);
        assert_eq!(sorted(dir.path()), [C, A, B]);
    }

    #[test]
    fn only_segment_files_count() {
        assert_eq!(segment_name(&format!("{A}.fast")), Some(A));
        assert_eq!(segment_name("meta.json"), None);
        assert_eq!(segment_name(".tantivy-meta.lock"), None);
        assert_eq!(segment_name("0123.store"), None);
    }
}
