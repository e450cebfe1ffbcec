//! Text generation over a local model: request handlers add requests, and
//! a background job steps the engine and streams text back to each request.

mod engine;

use std::collections::HashMap;
use std::sync::Arc;

use futures::lock::Mutex;
use tokio::sync::mpsc::{channel, Receiver, Sender};
use tokio::task::yield_now;

pub use crate::engine::Engine;

struct InferenceRequest {
    tx: Sender<String>,
}

pub struct AsyncTextInferenceEngine {
    engine: Mutex<Engine>,
    requests: Mutex<HashMap<u32, InferenceRequest>>,
    next_request_id: Mutex<u32>,
}

impl AsyncTextInferenceEngine {
    async fn background_job(&self) {
        let mut requests = self.requests.lock().await;
        if requests.is_empty() {
            return;
        }
        let mut engine = self.engine.lock().await;
        for (request_id, text) in engine.step() {
            let tx = &requests.get(&request_id).unwrap().tx;
            if text.is_empty() || tx.send(text).await.is_err() {
                requests.remove(&request_id);
                engine.stop_request(request_id);
            }
        }
    }

    pub async fn generate_stream(&self, prompt: &str) -> Receiver<String> {
        let (tx, rx) = channel::<String>(4);
        let mut engine = self.engine.lock().await;
        let mut request_id = self.next_request_id.lock().await;
        self.requests
            .lock()
            .await
            .insert(*request_id, InferenceRequest { tx });
        engine.add_request(*request_id, prompt);
        *request_id = (*request_id + 1) % 2048;
        rx
    }
}

pub fn start(engine: Engine) -> Arc<AsyncTextInferenceEngine> {
    let shared = Arc::new(AsyncTextInferenceEngine {
        engine: Mutex::new(engine),
        requests: Mutex::new(HashMap::new()),
        next_request_id: Mutex::new(0),
    });
    let background = shared.clone();
    tokio::spawn(async move {
        loop {
            background.background_job().await;
            yield_now().await;
        }
    });
    shared
}
