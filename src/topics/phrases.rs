//! The phrases of one text, keyed by the xxh3 hash of their key. Every key is written once into a
//! shared buffer, so a text's thousands of phrases cost no allocation each, and the hash, taken
//! once per occurrence, also serves the background table, the run counts and the keyphrase table
//! (which key phrases by the same hash). Two keys of one text sharing a 64-bit hash would merge;
//! the run counts already take that (vanishing) risk.

use super::candidates::Candidate;
use super::hashing::HashKeyedMap;
#[cfg(test)]
use super::running::key_hash;

/// One phrase: where its key is in the key buffer, its hash, and what the text says of it.
#[derive(Debug, Clone)]
struct Slot {
    hash: u64,
    start: u32,
    end: u32,
    candidate: Candidate,
}

/// Phrase key → [`Candidate`], in first-seen order.
#[derive(Debug, Default, Clone)]
pub struct Phrases {
    index: HashKeyedMap<u32>,
    keys: String,
    slots: Vec<Slot>,
}

impl Phrases {
    /// Room for about `phrases` phrases.
    pub fn with_capacity(phrases: usize) -> Self {
        Phrases {
            index: HashKeyedMap::with_capacity_and_hasher(phrases, Default::default()),
            keys: String::with_capacity(phrases * 16),
            slots: Vec::with_capacity(phrases),
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    fn key_of(&self, slot: &Slot) -> &str {
        self.keys
            .get(slot.start as usize..slot.end as usize)
            .unwrap_or("")
    }

    /// The candidate of `key`, whose [`key_hash`](super::running::key_hash) is `hash`; `make` builds it when the text had
    /// no such phrase yet.
    #[inline]
    pub fn get_or_insert_with(
        &mut self,
        key: &str,
        hash: u64,
        make: impl FnOnce() -> Candidate,
    ) -> &mut Candidate {
        let next = self.slots.len() as u32;
        let i = *self.index.entry(hash).or_insert(next) as usize;
        if i == self.slots.len() {
            let start = self.keys.len() as u32;
            self.keys.push_str(key);
            self.slots.push(Slot {
                hash,
                start,
                end: self.keys.len() as u32,
                candidate: make(),
            });
        }
        &mut self.slots[i].candidate
    }

    /// Index of the phrase with hash `hash`.
    pub fn position_hashed(&self, hash: u64) -> Option<usize> {
        self.index.get(&hash).map(|&i| i as usize)
    }

    /// The candidate at index `index` (see [`Self::position_hashed`]).
    pub fn get_at(&self, index: usize) -> Option<&Candidate> {
        self.slots.get(index).map(|s| &s.candidate)
    }

    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Candidate> {
        self.get_key_value(key).map(|(_, c)| c)
    }

    #[cfg(test)]
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &Candidate)> {
        let slot = &self.slots[self.position_hashed(key_hash(key))?];
        Some((self.key_of(slot), &slot.candidate))
    }

    #[cfg(test)]
    pub fn contains_key(&self, key: &str) -> bool {
        self.position_hashed(key_hash(key)).is_some()
    }

    /// (key, hash, candidate) of every phrase, in first-seen order.
    pub fn iter_hashed(&self) -> impl Iterator<Item = (&str, u64, &Candidate)> {
        self.slots
            .iter()
            .map(|s| (self.key_of(s), s.hash, &s.candidate))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Candidate)> {
        self.iter_hashed().map(|(k, _, c)| (k, c))
    }

    /// (hash, candidate) of every phrase, in first-seen order.
    pub fn iter_hashed_mut(&mut self) -> impl Iterator<Item = (u64, &mut Candidate)> {
        self.slots.iter_mut().map(|s| (s.hash, &mut s.candidate))
    }

    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }

    pub fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots.iter().map(|s| s.hash)
    }
}

#[cfg(test)]
impl std::ops::Index<&str> for Phrases {
    type Output = Candidate;

    fn index(&self, key: &str) -> &Candidate {
        self.get(key).expect("phrase of the text")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(p: &mut Phrases, key: &str, words: usize) {
        let candidate = p.get_or_insert_with(key, key_hash(key), Candidate::default);
        candidate.words = words;
        candidate.count += 1;
    }

    #[test]
    fn merges_occurrences_and_keeps_first_seen_order() {
        let mut p = Phrases::default();
        add(&mut p, "قم", 1);
        add(&mut p, "مدیریت شهری", 2);
        add(&mut p, "قم", 1);
        assert_eq!(p.len(), 2);
        assert_eq!(p.keys().collect::<Vec<_>>(), ["قم", "مدیریت شهری"]);
        assert_eq!(p["قم"].count, 2);
        assert_eq!(
            p.get_key_value("مدیریت شهری").map(|(_, c)| c.words),
            Some(2)
        );
        assert!(!p.contains_key("تهران"));
        assert_eq!(p.hashes().next(), Some(key_hash("قم")));
    }
}
