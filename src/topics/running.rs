//! Document frequencies of the run itself, in bounded memory: a count-min sketch (two rows of
//! saturating `u32` counters indexed by independent halves of an xxh3 hash). It never undercounts
//! and overcounts only through collisions, which the minimum over rows keeps rare; its size does
//! not grow with the corpus, so a 10 GB run costs the same 8 MB as a small one.

use xxhash_rust::xxh3::xxh3_64;

const ROW_BITS: u32 = 20;
const ROW_LEN: usize = 1 << ROW_BITS;

/// Running per-phrase document counts.
#[derive(Debug, Clone)]
pub struct RunningCounts {
    rows: [Vec<u32>; 2],
    docs: u64,
}

impl Default for RunningCounts {
    fn default() -> Self {
        RunningCounts {
            rows: [vec![0; ROW_LEN], vec![0; ROW_LEN]],
            docs: 0,
        }
    }
}

/// The hash a phrase key is counted under.
pub fn key_hash(key: &str) -> u64 {
    xxh3_64(key.as_bytes())
}

fn slots(h: u64) -> [usize; 2] {
    [
        (h as usize) & (ROW_LEN - 1),
        ((h >> 32) as usize) & (ROW_LEN - 1),
    ]
}

impl RunningCounts {
    /// Counts one document holding the given distinct phrase keys.
    #[cfg(test)]
    pub fn add_document<'a>(&mut self, keys: impl IntoIterator<Item = &'a str>) {
        self.add_hashed_document(keys.into_iter().map(key_hash));
    }

    /// Counts one document holding the distinct phrases with these [`key_hash`]es.
    pub fn add_hashed_document(&mut self, hashes: impl IntoIterator<Item = u64>) {
        self.docs += 1;
        for h in hashes {
            for (row, slot) in self.rows.iter_mut().zip(slots(h)) {
                row[slot] = row[slot].saturating_add(1);
            }
        }
    }

    /// Estimated number of documents holding `key` (never less than the truth).
    #[cfg(test)]
    pub fn df(&self, key: &str) -> u32 {
        self.df_hashed(key_hash(key))
    }

    /// [`Self::df`] of the key with this [`key_hash`].
    pub fn df_hashed(&self, hash: u64) -> u32 {
        if self.docs == 0 {
            return 0;
        }
        let [a, b] = slots(hash);
        self.rows[0][a].min(self.rows[1][b])
    }

    /// Documents counted so far.
    pub fn docs(&self) -> u64 {
        self.docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_per_key() {
        let mut c = RunningCounts::default();
        c.add_document(["قم", "مدیریت شهری"]);
        c.add_document(["قم"]);
        assert_eq!(c.df("قم"), 2);
        assert_eq!(c.df("مدیریت شهری"), 1);
        assert_eq!(c.df("تهران"), 0);
        assert_eq!(c.docs(), 2);
    }
}
