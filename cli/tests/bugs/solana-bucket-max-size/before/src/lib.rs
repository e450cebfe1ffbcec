//! Statistics of the disk buckets of an index, updated by every thread that
//! resizes a bucket and read by a periodic reporter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
pub struct BucketStats {
    pub resizes: AtomicU64,
    pub max_size: Mutex<u64>,
    pub resize_us: AtomicU64,
    pub file_count: AtomicU64,
}

impl BucketStats {
    pub fn update_max_size(&self, size: u64) {
        let mut max = self.max_size.lock().unwrap();
        *max = std::cmp::max(*max, size);
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
            *self.index.max_size.lock().unwrap(),
            *self.data.max_size.lock().unwrap(),
        )
    }
}
