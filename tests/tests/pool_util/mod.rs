//! Helpers shared by the pool test files: gates that park a sync job on its
//! worker thread until the test lets it go, and hang detection.
// Every test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::Duration;

/// How long the test waits for something that must happen before calling it a hang.
/// Only a hang detector: no test asserts that anything is fast.
pub const HANG: Duration = Duration::from_secs(5);

/// How long something that logically cannot happen yet is given to happen anyway.
pub const SETTLE: Duration = Duration::from_millis(50);

/// The job's side of a gate: it says it has started, then waits to be released.
#[derive(Debug)]
pub struct Hold {
    entered: SyncSender<()>,
    release: Receiver<()>,
}

impl Hold {
    /// Parks the calling worker until the test opens the gate (or drops it).
    pub fn wait(self) {
        let _ = self.entered.send(());
        let _ = self.release.recv();
    }
}

/// The test's side of a gate.
#[derive(Debug)]
pub struct Latch {
    entered: Receiver<()>,
    release: SyncSender<()>,
}

impl Latch {
    /// Blocks until the job holding the other side has started.
    pub fn entered(&self) {
        self.entered
            .recv_timeout(HANG)
            .expect("hang: the gated job did not start");
    }

    /// Lets the gated job finish.
    pub fn open(self) {
        let _ = self.release.send(());
    }
}

/// A gate: the test keeps the `Latch`, the job gets the `Hold`.
pub fn gate() -> (Latch, Hold) {
    let (entered_tx, entered) = sync_channel(1);
    let (release, release_rx) = sync_channel(1);
    (
        Latch { entered, release },
        Hold {
            entered: entered_tx,
            release: release_rx,
        },
    )
}

/// Awaits `future`, failing the test if it is still pending after [`HANG`].
pub async fn within<F: std::future::Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG, future).await {
        Ok(output) => output,
        Err(_) => panic!("hang: {what} still pending after {HANG:?}"),
    }
}

/// Gives `future` [`SETTLE`] to complete and fails if it does.
pub async fn assert_pending<F>(what: &str, future: &mut F)
where
    F: std::future::Future + Unpin,
    F::Output: std::fmt::Debug,
{
    if let Ok(output) = tokio::time::timeout(SETTLE, future).await {
        panic!("{what} completed with {output:?}, expected it to still wait");
    }
}
