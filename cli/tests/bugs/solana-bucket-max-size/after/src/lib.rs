//! Statistics of the disk buckets of an index, updated by every thread that
//! resizes a bucket and read by a periodic reporter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct BucketStats {
    pub resizes: AtomicU64,
    pub max_size: AtomicU64,
    pub resize_us: AtomicU64,
    pub file_count: AtomicU64,
}

impl BucketStats {
    pub fn update_max_size(&self, size: u64) {
        self.max_size.fetch_max(size, Ordering::Relaxed);
    }

    pub fn record_resize(&self, micros: u64) {
        self.resizes.fetch_add(1, Ordering::Relaxed);
        self.resize_us.fetch_add(micros, Ordering::Relaxed);
    }
}

#[derive(Debug, Default)]
pub struct BucketMapStats {
    pub index: Arc<BucketStats>,
    pub data: Arc<BucketStats>,
}

impl BucketMapStats {
    /// Returns (index max size, data max size) for the periodic report.
    pub fn max_sizes(&self) -> (u64, u64) {
        (
            self.index.max_size.load(Ordering::Relaxed),
            self.data.max_size.load(Ordering::Relaxed),
        )
    }
}
