use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::task::Poll;

/// Runs a synchronous handler, turning a panic into an `Err`.
///
/// `AssertUnwindSafe` is sound here because an actor whose handler panicked
/// is stopped at once: nobody observes the state it may have left half-done.
pub fn catch_unwind<R>(handler: impl FnOnce() -> R) -> Result<R, Box<dyn Any + Send>> {
    std::panic::catch_unwind(AssertUnwindSafe(handler))
}

/// Polls `future` to completion, turning a panic in any poll into an `Err`.
pub async fn catch_unwind_future<F: Future>(future: F) -> Result<F::Output, Box<dyn Any + Send>> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    })
    .await
}
