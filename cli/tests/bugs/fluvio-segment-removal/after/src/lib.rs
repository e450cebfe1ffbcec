//! The shared list of a replica's segments; expired segments are dropped from
//! the list and their files deleted.

mod segment;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use async_lock::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use tracing::error;

pub use crate::segment::Segment;

#[derive(Debug, Default)]
pub struct SegmentList {
    segments: BTreeMap<i64, Segment>,
}

impl SegmentList {
    /// Takes a segment out of the list; returns it with the new lowest offset.
    fn take(&mut self, base_offset: i64) -> Option<(Segment, i64)> {
        let segment = self.segments.remove(&base_offset)?;
        let min_offset = self.segments.keys().next().copied().unwrap_or(-1);
        Some((segment, min_offset))
    }
}

#[derive(Debug)]
pub struct SharedSegments {
    inner: Arc<RwLock<SegmentList>>,
    min_offset: AtomicI64,
}

impl SharedSegments {
    pub async fn read(&self) -> RwLockReadGuard<'_, SegmentList> {
        self.inner.read().await
    }

    pub async fn write(&self) -> RwLockWriteGuard<'_, SegmentList> {
        self.inner.write().await
    }

    pub async fn remove_segment(&self, base_offset: i64) {
        let mut write = self.write().await;

        if let Some((old_segment, min_offset)) = write.take(base_offset) {
            drop(write);
            self.min_offset.store(min_offset, Ordering::SeqCst);
            if let Err(err) = old_segment.delete_files().await {
                error!("failed to remove segment: {err}");
            }
        }
    }
}
