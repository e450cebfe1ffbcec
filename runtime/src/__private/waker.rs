//! Waker bookkeeping shared by the mailbox and the reply slot.

use std::task::Waker;

/// Stores `waker` in `slot` unless it is already there, and returns the
/// waker it replaced, to be dropped once the lock is released: dropping a
/// waker can run arbitrary code, which must not find the lock taken.
#[inline]
#[must_use]
pub(crate) fn register(slot: &mut Option<Waker>, waker: &Waker) -> Option<Waker> {
    match slot {
        Some(old) if old.will_wake(waker) => None,
        slot => slot.replace(waker.clone()),
    }
}

#[inline]
pub(crate) fn wake(waker: Option<Waker>) {
    if let Some(waker) = waker {
        waker.wake();
    }
}
