//! A bound on searches running at once, so a flood of expensive queries cannot pile up hundreds of
//! blocking threads (tokio's pool grows to 512); searches over the bound queue off the async
//! threads, using no CPU. The bound is deliberately loose: measured with `benches/server_load.rs`,
//! a bound near the core count made quick searches wait behind slow ones (p99 120 ms at 2 vs 38 ms
//! at 64 on 2 cores), so it guards against abuse rather than shaping ordinary load.

use std::sync::{Condvar, Mutex, PoisonError};

/// A counting semaphore for blocking threads.
pub struct EngineSlots {
    free: Mutex<usize>,
    freed: Condvar,
}

/// Holds one slot; gives it back when dropped.
pub struct Slot<'a> {
    slots: &'a EngineSlots,
}

impl EngineSlots {
    /// `count` searches may run at once (at least one).
    pub fn new(count: usize) -> Self {
        EngineSlots {
            free: Mutex::new(count.max(1)),
            freed: Condvar::new(),
        }
    }

    /// Waits for a free slot. Call only from a blocking thread.
    pub fn acquire(&self) -> Slot<'_> {
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free == 0 {
            free = self
                .freed
                .wait(free)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *free -= 1;
        Slot { slots: self }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut free = self
            .slots
            .free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *free += 1;
        self.slots.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_count_hold_a_slot() {
        let slots = Arc::new(EngineSlots::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (slots, running, peak) = (slots.clone(), running.clone(), peak.clone());
                std::thread::spawn(move || {
                    let _slot = slots.acquire();
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(peak.load(Ordering::SeqCst), 2);
    }
}
