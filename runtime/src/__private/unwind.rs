use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::task::Poll;

/// A panic that was caught. Its payload is already dropped: nothing reads it.
#[derive(Debug)]
pub struct Panicked;

/// Drops what a panic carried. The payload's `Drop` is user code and may
/// panic in turn; that second panic is caught too, and its own payload
/// leaked, so that it cannot unwind out of the actor loop or the pool
/// worker that caught the first one.
pub(crate) fn discard(payload: Box<dyn Any + Send>) -> Panicked {
    if let Err(again) = std::panic::catch_unwind(AssertUnwindSafe(|| drop(payload))) {
        std::mem::forget(again);
    }
    Panicked
}

/// Runs a synchronous handler, turning a panic into an `Err`.
///
/// `AssertUnwindSafe` is sound here because an actor whose handler panicked
/// is stopped at once: nobody observes the state it may have left half-done.
pub fn catch_unwind<R>(handler: impl FnOnce() -> R) -> Result<R, Panicked> {
    std::panic::catch_unwind(AssertUnwindSafe(handler)).map_err(discard)
}

/// Polls `future` to completion, turning a panic in any poll into an `Err`.
pub async fn catch_unwind_future<F: Future>(future: F) -> Result<F::Output, Panicked> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(discard(panic))),
        }
    })
    .await
}
