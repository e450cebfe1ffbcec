//! The actor's end of its mailbox, and what becomes of it when the actor
//! goes away.
//!
//! A tokio receiver drains the channel once, when it is dropped. A caller
//! that reserved mailbox space before that can still send after it, and its
//! message then sits in the channel with its reply sender, so the caller
//! would wait for a reply forever (seen when a runtime is dropped while
//! callers on another runtime are mid-flight). So the dropped inbox parks
//! its receiver where callers can reach it, and a caller that sends after
//! the inbox went drains the channel itself: its message is dropped, its
//! reply channel closes, and it gets `ActorError::Stopped`.

use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use tokio::sync::mpsc;

/// Shared by the inbox and every handle.
pub(crate) struct Stranded<T> {
    /// Set once the inbox is gone.
    gone: AtomicBool,
    /// The receiver, once the inbox is gone.
    receiver: Mutex<Option<mpsc::Receiver<T>>>,
}

impl<T> Stranded<T> {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Stranded {
            gone: AtomicBool::new(false),
            receiver: Mutex::new(None),
        })
    }

    /// Call right after sending: drops the message if it was sent after the
    /// inbox went, so that its reply channel closes.
    #[inline]
    pub(crate) fn after_send(&self) {
        // Pairs with the fence in `Inbox::drop`: either this load sees
        // `gone`, or the inbox's last drain sees the message just sent.
        fence(Ordering::SeqCst);
        if self.gone.load(Ordering::Relaxed) {
            self.drain();
        }
    }

    fn drain(&self) {
        let mut stranded = Vec::new();
        if let Some(receiver) = self.receiver.lock().as_mut() {
            while let Ok(message) = receiver.try_recv() {
                stranded.push(message);
            }
        }
        // Dropped outside the lock: a message's own `Drop` may use a handle.
        drop(stranded);
    }
}

/// The actor's receiver. Dropping it (the loop ended, or the runtime
/// dropped the actor's task) closes the mailbox and drops every message in
/// it, including those sent afterwards.
pub(crate) struct Inbox<T> {
    receiver: Option<mpsc::Receiver<T>>,
    stranded: Arc<Stranded<T>>,
}

impl<T> Inbox<T> {
    pub(crate) fn new(receiver: mpsc::Receiver<T>, stranded: Arc<Stranded<T>>) -> Self {
        Inbox {
            receiver: Some(receiver),
            stranded,
        }
    }

    pub(crate) async fn recv(&mut self) -> Option<T> {
        self.receiver.as_mut()?.recv().await
    }

    /// Refuses new messages; those already queued can still be received.
    pub(crate) fn close(&mut self) {
        if let Some(receiver) = &mut self.receiver {
            receiver.close();
        }
    }
}

impl<T> Drop for Inbox<T> {
    fn drop(&mut self) {
        let Some(mut receiver) = self.receiver.take() else {
            return;
        };
        receiver.close();
        while receiver.try_recv().is_ok() {}
        *self.stranded.receiver.lock() = Some(receiver);
        self.stranded.gone.store(true, Ordering::Relaxed);
        fence(Ordering::SeqCst);
        self.stranded.drain();
    }
}
