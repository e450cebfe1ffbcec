//! Where a handler's result travels back to its caller: one shared slot
//! per request, written once by the actor and read once by the caller.
//!
//! It does what a tokio `oneshot` does here, with less: a lock held for a
//! few instructions at a time instead of a state machine of atomics, and
//! no cooperative-budget bookkeeping on every poll.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use parking_lot::Mutex;

use super::waker::{register, wake};
use crate::ActorError;

/// Where a handler's result goes: `None` for fire-and-forget messages,
/// which allocate no slot at all.
pub type Reply<R> = Option<ReplyTo<R>>;

struct Slot<T> {
    /// Written once: the result, or `Stopped` when the sender went unused.
    value: Option<Result<T, ActorError>>,
    /// The caller: the task that made the slot, or the last to poll it.
    waiter: Option<Waker>,
}

type Shared<T> = Arc<Mutex<Slot<T>>>;

/// The actor's end: sends the result, or `Stopped` when dropped unused
/// (the request was dropped with its mailbox, or its actor stopped).
pub struct ReplyTo<T> {
    slot: Option<Shared<T>>,
}

/// The caller's end: resolves to the result.
pub(crate) struct Answer<T> {
    slot: Shared<T>,
    /// Set when the slot already holds the waker of the poll about to
    /// come, which then need not look: whatever arrives wakes it anyway.
    skip_look: bool,
}

/// A slot whose caller is woken through `waiter`.
pub(crate) fn channel<T>(waiter: Waker) -> (ReplyTo<T>, Answer<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        waiter: Some(waiter),
    }));
    let answer = Answer {
        slot: Arc::clone(&slot),
        skip_look: false,
    };
    (ReplyTo { slot: Some(slot) }, answer)
}

fn put<T>(slot: &Shared<T>, value: Result<T, ActorError>) {
    if Arc::strong_count(slot) == 1 {
        // The caller is gone; nobody can see the slot again.
        return;
    }
    let waiter = {
        let mut slot = slot.lock();
        slot.value = Some(value);
        slot.waiter.take()
    };
    // Woken outside the lock: the caller's first act is to take it.
    wake(waiter);
}

impl<T> ReplyTo<T> {
    /// A caller that stopped waiting is not an error: the message was handled.
    #[inline]
    pub(crate) fn send(mut self, value: Result<T, ActorError>) {
        if let Some(slot) = self.slot.take() {
            put(&slot, value);
        }
    }
}

impl<T> Drop for ReplyTo<T> {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            put(&slot, Err(ActorError::Stopped));
        }
    }
}

impl<T> std::fmt::Debug for ReplyTo<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplyTo")
    }
}

impl<T> Answer<T> {
    /// For a caller that awaits this in the same poll that made the slot:
    /// its first poll returns `Pending` without taking the lock.
    pub(crate) fn made_in_this_poll(mut self) -> Self {
        self.skip_look = true;
        self
    }
}

impl<T> Future for Answer<T> {
    type Output = Result<T, ActorError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if std::mem::take(&mut self.skip_look) {
            return Poll::Pending;
        }
        let mut slot = self.slot.lock();
        if let Some(value) = slot.value.take() {
            return Poll::Ready(value);
        }
        let old = register(&mut slot.waiter, cx.waker());
        drop(slot);
        drop(old);
        Poll::Pending
    }
}

/// Sends a handler's result to its caller, if the caller asked for one.
#[inline]
pub fn reply<R>(to: Reply<R>, value: Result<R, ActorError>) {
    if let Some(to) = to {
        to.send(value);
    }
}
