//! Log sequence numbers of a write-ahead log: several threads reserve space
//! and report how far the log is stable; each high-water mark only grows.

use std::sync::atomic::AtomicI64;
use std::sync::atomic::Ordering::{Acquire, SeqCst};

pub type Lsn = i64;

pub struct LogBuffers {
    pub max_reserved_lsn: AtomicI64,
    pub max_header_stable_lsn: AtomicI64,
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
        self.max_reserved_lsn.fetch_max(lsn + len - 1, SeqCst);
    }

    /// Called when a flush made everything up to `lsn` durable.
    pub fn header_stable(&self, lsn: Lsn) {
        self.max_header_stable_lsn.fetch_max(lsn, SeqCst);
    }

    pub fn stable(&self) -> Lsn {
        self.max_header_stable_lsn.load(Acquire)
    }
}
