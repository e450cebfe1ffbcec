//! The JSON-RPC client an editor plugin keeps per language server; any
//! thread of the plugin may issue a request, and each needs a fresh id.

use std::sync::atomic::{AtomicU64, Ordering};

pub type Id = u64;

pub struct RpcClient {
    language_id: String,
    id: AtomicU64,
}

impl RpcClient {
    pub fn new(language_id: &str) -> Self {
        RpcClient {
            language_id: language_id.to_owned(),
            id: AtomicU64::default(),
        }
    }

    /// Builds the next request line for the server.
    pub fn call(&self, method: &str, params: &str) -> Result<String, String> {
        let id: Id = self.id.fetch_add(1, Ordering::SeqCst);
        Ok(format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":{method:?},\"params\":{params}}} // {}",
            self.language_id
        ))
    }
}
