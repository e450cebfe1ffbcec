//! Waiting for a future on a plain thread, without a runtime: how a sync
//! caller waits for queue space or for a job's result, and how `Job::wait`
//! works outside tokio.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Instant;

/// Wakes the thread that waits in [`block_on`].
struct Unparker {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Only the first wake after a poll needs to unpark the thread.
        if !self.woken.swap(true, Ordering::Release) {
            self.thread.unpark();
        }
    }
}

thread_local! {
    static UNPARKER: Arc<Unparker> = Arc::new(Unparker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
}

/// Polls before parking: a job that finishes within a few microseconds, or
/// queue space that frees that soon, costs no sleep and no wake-up call.
const SPINS: u32 = 64;
const YIELDS: u32 = 4;

/// Runs `future` to completion on this thread. With a deadline, gives up
/// (dropping the future) and returns `None` once it passes.
pub fn block_on<F: Future>(future: F, deadline: Option<Instant>) -> Option<F::Output> {
    let unparker = UNPARKER.with(Arc::clone);
    let waker = Waker::from(Arc::clone(&unparker));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        unparker.woken.store(false, Ordering::Relaxed);
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Some(output);
        }
        let mut patience = 0;
        while !unparker.woken.load(Ordering::Acquire) {
            patience += 1;
            if patience <= SPINS {
                std::hint::spin_loop();
                continue;
            }
            if patience <= SPINS + YIELDS {
                thread::yield_now();
                continue;
            }
            match deadline {
                None => thread::park(),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return None;
                    }
                    thread::park_timeout(deadline - now);
                }
            }
        }
    }
}
