//! Helpers shared by the actor test files: hang detection, single polls and gates.
// Every test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::fmt::Debug;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use tokio::sync::oneshot;

/// How long a future may stay pending before the test calls it a hang.
/// Only a hang detector: no test asserts that anything is fast.
pub const HANG: Duration = Duration::from_secs(5);

/// How long a future that logically cannot complete is given to complete
/// anyway, to catch a bug that would let it through.
pub const SETTLE: Duration = Duration::from_millis(50);

/// Awaits `future`, failing the test if it is still pending after [`HANG`].
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG, future).await {
        Ok(output) => output,
        Err(_) => panic!("hang: {what} still pending after {HANG:?}"),
    }
}

/// Polls `future` exactly once, outside tokio's cooperative budget, so that
/// `Pending` means the future really waits (for mailbox space or a reply).
pub async fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    tokio::task::unconstrained(poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx)))).await
}

/// Polls a call once and checks that it now waits. A call to an actor that
/// has mailbox space is queued by its first poll.
pub async fn start<F>(what: &str, future: &mut F)
where
    F: Future + Unpin,
    F::Output: Debug,
{
    if let Poll::Ready(output) = poll_once(future).await {
        panic!("{what} completed at once with {output:?}, expected it to wait");
    }
}

/// Gives `future` [`SETTLE`] to complete and fails if it does: for futures
/// that cannot complete yet.
pub async fn assert_pending<F>(what: &str, future: &mut F)
where
    F: Future + Unpin,
    F::Output: Debug,
{
    if let Ok(output) = tokio::time::timeout(SETTLE, future).await {
        panic!("{what} completed with {output:?}, expected it to still wait");
    }
}

/// Runs `future`, signalling `first_pending` the first time it returns
/// `Pending`. Run outside the cooperative budget, so for a call to an actor
/// that signal means "queued" (mailbox had space) or "waiting for space"
/// (mailbox was full).
pub async fn signal_when_pending<F: Future>(
    future: F,
    first_pending: oneshot::Sender<()>,
) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut first_pending = Some(first_pending);
    tokio::task::unconstrained(poll_fn(move |cx| {
        let poll = future.as_mut().poll(cx);
        if poll.is_pending() {
            if let Some(signal) = first_pending.take() {
                let _ = signal.send(());
            }
        }
        poll
    }))
    .await
}

/// The test's side of a gated handler (`hold(entered, release)`): it learns
/// when the actor is parked inside the handler, and lets it out.
#[derive(Debug)]
pub struct Gate {
    entered: oneshot::Receiver<()>,
    release: oneshot::Sender<()>,
}

/// A gate, plus the two ends the actor's gated handler takes as arguments.
pub fn gate() -> (Gate, oneshot::Sender<()>, oneshot::Receiver<()>) {
    let (entered_tx, entered) = oneshot::channel();
    let (release, release_rx) = oneshot::channel();
    (Gate { entered, release }, entered_tx, release_rx)
}

impl Gate {
    /// Waits until the actor is inside the gated handler.
    pub async fn entered(&mut self) {
        within("the actor entering the gated handler", &mut self.entered)
            .await
            .expect("the gated handler was dropped before it started");
    }

    /// Lets the gated handler finish.
    pub fn open(self) {
        // The handler may be gone already (its actor panicked or stopped);
        // the test checks what matters through the actor's replies.
        let _ = self.release.send(());
    }
}
