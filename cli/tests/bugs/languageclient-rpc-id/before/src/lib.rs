//! The JSON-RPC client an editor plugin keeps per language server; any
//! thread of the plugin may issue a request, and each needs a fresh id.

use std::sync::{Arc, Mutex};

pub type Id = u64;

#[derive(Clone)]
pub struct RpcClient {
    language_id: String,
    // TODO: make atomic.
    id: Arc<Mutex<Id>>,
}

impl RpcClient {
    pub fn new(language_id: &str) -> Self {
        RpcClient {
            language_id: language_id.to_owned(),
            id: Arc::new(Mutex::new(0)),
        }
    }

    /// Builds the next request line for the server.
    pub fn call(&self, method: &str, params: &str) -> Result<String, String> {
        let id = {
            let mut id = self
                .id
                .lock()
                .map_err(|err| format!("Failed to lock msg id: {err}"))?;
            *id += 1;
            *id
        };
        Ok(format!(
            "{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":{method:?},\"params\":{params}}} // {}",
            self.language_id
        ))
    }
}
