//! Matches RPC responses to the requests waiting for them: each request
//! registers a token under its correlation id, and the network task
//! completes the token when the response arrives.

use std::sync::{Arc, Weak};

use dashmap::DashMap;
use tokio::sync::oneshot;

struct RpcTokenSender {
    sender: oneshot::Sender<String>,
}

#[derive(Default)]
struct Inner {
    in_flight: DashMap<u64, RpcTokenSender>,
}

#[derive(Clone, Default)]
pub struct ResponseTracker {
    inner: Arc<Inner>,
}

pub struct RpcToken {
    pub correlation_id: u64,
    router: Weak<Inner>,
    pub receiver: Option<oneshot::Receiver<String>>,
}

impl Drop for RpcToken {
    fn drop(&mut self) {
        if let Some(inner) = self.router.upgrade() {
            inner.in_flight.remove(&self.correlation_id);
        }
    }
}

impl ResponseTracker {
    /// Returns None if an in-flight request holds the same correlation id.
    pub fn new_token(&self, correlation_id: u64) -> Option<RpcToken> {
        let (sender, receiver) = oneshot::channel();
        let existing = self
            .inner
            .in_flight
            .insert(correlation_id, RpcTokenSender { sender });

        if existing.is_some() {
            // put the old token back, as a best hope: the response may have
            // arrived by now
            self.inner
                .in_flight
                .entry(correlation_id)
                .and_modify(|val| *val = existing.unwrap());
            return None;
        }
        Some(RpcToken {
            correlation_id,
            router: Arc::downgrade(&self.inner),
            receiver: Some(receiver),
        })
    }

    /// Called by the network task for every incoming response.
    pub fn handle_message(&self, correlation_id: u64, msg: String) -> Option<String> {
        if let Some((_, token)) = self.inner.in_flight.remove(&correlation_id) {
            let _ = token.sender.send(msg);
            None
        } else {
            Some(msg)
        }
    }
}
