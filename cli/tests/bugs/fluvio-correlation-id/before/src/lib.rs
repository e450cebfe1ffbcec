//! A socket shared by many requests at once: each request gets a fresh
//! correlation id so its response can be matched when it comes back.

use std::sync::Arc;

use async_lock::Mutex;

pub struct RequestHeader {
    pub api_key: u16,
    pub correlation_id: i32,
}

async fn correlation_id(counter: Arc<Mutex<i32>>) -> i32 {
    let mut guard = counter.lock().await;
    let current_value = *guard;
    // update to new
    *guard = current_value + 1;
    current_value
}

pub struct MultiplexerSocket {
    correlation_id_counter: Arc<Mutex<i32>>,
}

impl MultiplexerSocket {
    pub fn new() -> Self {
        MultiplexerSocket {
            correlation_id_counter: Arc::new(Mutex::new(1)),
        }
    }

    // use lock to ensure update happens in orderly manner
    async fn next_correlation_id(&self) -> i32 {
        correlation_id(self.correlation_id_counter.clone()).await
    }

    /// Stamps a request header before it is written to the shared socket.
    pub async fn prepare(&self, api_key: u16) -> RequestHeader {
        let correlation_id = self.next_correlation_id().await;
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
