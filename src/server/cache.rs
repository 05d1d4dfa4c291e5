//! A bounded cache of serialized search answers. The index is opened read-only (the searcher never
//! reloads), so an answer stays right for the life of the process; popular queries (journalists
//! repeat the day's names and words) are then answered without touching the engine.
//!
//! Eviction is two-generational, an O(1) approximation of LRU: entries are inserted into the young
//! generation; when it fills, the old generation is dropped and the young one becomes old. A hit in
//! the old generation is promoted. So recently used entries survive and memory stays bounded.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// Search answers by request key.
pub struct ResponseCache {
    /// Entries per generation; 0 disables the cache.
    generation_size: usize,
    /// Answers larger than this are not kept (a few huge pages must not evict many small ones).
    max_entry_bytes: usize,
    generations: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
    young: HashMap<String, Bytes>,
    old: HashMap<String, Bytes>,
}

impl ResponseCache {
    /// Holds up to about `entries` answers (between `entries / 2` and `entries`).
    pub fn new(entries: usize) -> Self {
        ResponseCache {
            generation_size: entries / 2,
            max_entry_bytes: 256 * 1024,
            generations: Mutex::new(Generations::default()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.generation_size > 0
    }

    pub fn get(&self, key: &str) -> Option<Bytes> {
        if !self.is_enabled() {
            return None;
        }
        let mut g = self
            .generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(body) = g.young.get(key) {
            return Some(body.clone());
        }
        let body = g.old.remove(key)?;
        Self::insert_young(&mut g, self.generation_size, key.to_string(), body.clone());
        Some(body)
    }

    pub fn put(&self, key: String, body: Bytes) {
        if !self.is_enabled() || body.len() > self.max_entry_bytes {
            return;
        }
        let mut g = self
            .generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Self::insert_young(&mut g, self.generation_size, key, body);
    }

    fn insert_young(g: &mut Generations, generation_size: usize, key: String, body: Bytes) {
        if g.young.len() >= generation_size && !g.young.contains_key(&key) {
            g.old = std::mem::take(&mut g.young);
        }
        g.young.insert(key, body);
    }

    /// Number of answers held.
    pub fn len(&self) -> usize {
        let g = self
            .generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        g.young.len() + g.old.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &'static str) -> Bytes {
        Bytes::from_static(text.as_bytes())
    }

    #[test]
    fn returns_what_was_stored() {
        let cache = ResponseCache::new(4);
        assert_eq!(cache.get("a"), None);
        cache.put("a".into(), body("1"));
        assert_eq!(cache.get("a"), Some(body("1")));
    }

    #[test]
    fn memory_stays_bounded_and_recent_entries_survive() {
        let cache = ResponseCache::new(4);
        for i in 0..100 {
            cache.put(format!("k{i}"), body("x"));
            assert!(cache.len() <= 4);
        }
        assert!(cache.get("k99").is_some());
        assert!(cache.get("k0").is_none());
    }

    #[test]
    fn a_hit_in_the_old_generation_is_kept_alive() {
        let cache = ResponseCache::new(4);
        cache.put("keep".into(), body("1"));
        cache.put("b".into(), body("2"));
        cache.put("c".into(), body("3")); // young full: keep, b become old
        assert!(cache.get("keep").is_some()); // promoted
        cache.put("d".into(), body("4"));
        cache.put("e".into(), body("5"));
        assert!(cache.get("keep").is_some());
    }

    #[test]
    fn zero_entries_disables_and_huge_answers_are_skipped() {
        let off = ResponseCache::new(0);
        off.put("a".into(), body("1"));
        assert!(off.get("a").is_none());
        let cache = ResponseCache::new(8);
        cache.put("big".into(), Bytes::from(vec![b'x'; 300 * 1024]));
        assert!(cache.is_empty());
    }
}
