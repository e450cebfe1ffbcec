//! Log sequence numbers of a write-ahead log: several threads reserve space
//! and report how far the log is stable; each high-water mark only grows.

use std::sync::atomic::AtomicI64;
use std::sync::atomic::Ordering::{Acquire, SeqCst};

pub type Lsn = i64;

pub struct LogBuffers {
    pub max_reserved_lsn: AtomicI64,
    pub max_header_stable_lsn: AtomicI64,
}

/// Raises `atomic_lsn` to `to` unless it is already at least that high.
fn bump_atomic_lsn(atomic_lsn: &AtomicI64, to: Lsn) {
    let mut current = atomic_lsn.load(Acquire);
    loop {
        if current >= to {
            return;
        }
        let last = atomic_lsn.compare_exchange_weak(current, to, SeqCst, SeqCst);
        if last.is_ok() {
            // we succeeded.
            return;
        }
        current = last.unwrap_err();
    }
}

impl LogBuffers {
    pub fn new(stable: Lsn) -> Self {
        LogBuffers {
            max_reserved_lsn: AtomicI64::new(stable),
            max_header_stable_lsn: AtomicI64::new(stable),
        }
    }

    /// Called by every writer once it has reserved `len` bytes at `lsn`.
    pub fn reserved(&self, lsn: Lsn, len: i64) {
        bump_atomic_lsn(&self.max_reserved_lsn, lsn + len - 1);
    }

    /// Called when a flush made everything up to `lsn` durable.
    pub fn header_stable(&self, lsn: Lsn) {
        bump_atomic_lsn(&self.max_header_stable_lsn, lsn);
    }

    pub fn stable(&self) -> Lsn {
        self.max_header_stable_lsn.load(Acquire)
    }
}
