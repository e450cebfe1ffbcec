//! A socket shared by many requests at once: each request gets a fresh
//! correlation id so its response can be matched when it comes back.

use std::sync::atomic::AtomicI32;
use std::sync::atomic::Ordering::SeqCst;

pub struct RequestHeader {
    pub api_key: u16,
    pub correlation_id: i32,
}

pub struct MultiplexerSocket {
    correlation_id_counter: AtomicI32,
}

impl MultiplexerSocket {
    pub fn new() -> Self {
        MultiplexerSocket {
            correlation_id_counter: AtomicI32::new(1),
        }
    }

    fn next_correlation_id(&self) -> i32 {
        self.correlation_id_counter.fetch_add(1, SeqCst)
    }

    /// Stamps a request header before it is written to the shared socket.
    pub async fn prepare(&self, api_key: u16) -> RequestHeader {
        let correlation_id = self.next_correlation_id();
        RequestHeader {
            api_key,
            correlation_id,
        }
    }
}

impl Default for MultiplexerSocket {
    fn default() -> Self {
        Self::new()
    }
}
