//! Helpers shared by the load and fault test files: a stall detector for
//! long runs, the process's resident memory, and quiet planned panics.
// Every test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Once;
use std::time::Duration;

use tokio::sync::Notify;

/// How long a load may go without a single finished request before the
/// test calls it a hang. Only a hang detector: no test asserts that
/// anything is fast, and a long run is fine as long as it moves.
pub const STALL: Duration = Duration::from_secs(10);

/// Awaits `future`, failing the test if `progress` stays the same for a
/// whole [`STALL`] while the future is pending.
pub async fn watch<F: Future>(what: &str, progress: &AtomicU64, future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut seen = progress.load(Ordering::Relaxed);
    loop {
        if let Ok(output) = tokio::time::timeout(STALL, future.as_mut()).await {
            return output;
        }
        let now = progress.load(Ordering::Relaxed);
        assert_ne!(
            now, seen,
            "hang: {what} made no progress in {STALL:?} (stuck at {now})"
        );
        seen = now;
    }
}

/// The calls of one round of a fault test: how many finished (answered or
/// refused), for the stall detector, and how many were answered, so that
/// the fault comes once the load is under way.
pub struct Round {
    pub finished: AtomicU64,
    answered: AtomicU64,
    warm_after: u64,
    warm: Notify,
}

impl Round {
    /// A round that counts as under way after `warm_after` answers.
    pub fn new(warm_after: u64) -> Self {
        Round {
            finished: AtomicU64::new(0),
            answered: AtomicU64::new(0),
            warm_after,
            warm: Notify::new(),
        }
    }

    pub fn answered(&self) {
        if self.answered.fetch_add(1, Ordering::Relaxed) + 1 == self.warm_after {
            self.warm.notify_one();
        }
        self.finished.fetch_add(1, Ordering::Relaxed);
    }

    pub fn refused(&self) {
        self.finished.fetch_add(1, Ordering::Relaxed);
    }

    /// Waits until `warm_after` calls have been answered.
    pub async fn under_way(&self) {
        watch(
            "the load getting under way",
            &self.finished,
            self.warm.notified(),
        )
        .await;
    }
}

/// The resident set size of this process in KiB, or `None` where `/proc` is
/// not available (the memory checks are then skipped).
///
/// Read from `/proc/self/status` rather than `/proc/self/statm`: `VmRSS`
/// is already in KiB, while `statm` counts pages, whose size only libc
/// could tell us.
pub fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The message of every panic a test causes on purpose.
pub const PLANNED_PANIC: &str = "planned panic";

/// Keeps panics whose message contains [`PLANNED_PANIC`] off stderr (a load
/// test causes thousands); every other panic is reported as usual.
pub fn silence_planned_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied());
            if !message.is_some_and(|message| message.contains(PLANNED_PANIC)) {
                report(info);
            }
        }));
    });
}

/// The answer every load test expects for `request`: any function that
/// maps distinct requests to distinct answers would do, so that a reply
/// delivered to the wrong caller is caught.
pub fn answer(request: u64) -> u64 {
    request.wrapping_mul(3).wrapping_add(7)
}
