//! Text generation over a local model: request handlers add requests, and
//! a background job steps the engine and streams text back to each request.

mod engine;

use std::collections::HashMap;

use tokio::sync::mpsc::{channel, Receiver, Sender};

pub use crate::engine::Engine;

struct LlamaInitRequest {
    prompt: String,
    tx: Sender<String>,
}

/// Owns the engine and every running request; reached only through `rx`.
struct LlamaServiceImpl {
    next_request_id: u32,
    engine: Engine,
    rx: Receiver<LlamaInitRequest>,
    requests: HashMap<u32, Sender<String>>,
}

impl LlamaServiceImpl {
    async fn next_request(&mut self) -> Option<LlamaInitRequest> {
        if self.requests.is_empty() {
            self.rx.recv().await
        } else {
            self.rx.try_recv().ok()
        }
    }

    async fn background_job(&mut self) {
        while let Some(LlamaInitRequest { prompt, tx }) = self.next_request().await {
            let request_id = self.next_request_id;
            self.next_request_id += 1;
            self.requests.insert(request_id, tx);
            self.engine.add_request(request_id, &prompt);
        }
        for (request_id, text) in self.engine.step() {
            let tx = &self.requests[&request_id];
            if text.is_empty() || tx.send(text).await.is_err() {
                self.requests.remove(&request_id);
                self.engine.stop_request(request_id);
            }
        }
    }
}

pub struct LlamaService {
    tx: Sender<LlamaInitRequest>,
}

impl LlamaService {
    pub fn new(engine: Engine) -> Self {
        let (tx, rx) = channel(20);
        let mut service = LlamaServiceImpl {
            next_request_id: 0,
            engine,
            rx,
            requests: HashMap::new(),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        std::thread::spawn(move || {
            rt.block_on(async move {
                loop {
                    service.background_job().await;
                }
            })
        });
        LlamaService { tx }
    }

    pub async fn generate_stream(&self, prompt: &str) -> Receiver<String> {
        let (tx, rx) = channel(8);
        self.tx
            .send(LlamaInitRequest {
                prompt: prompt.to_owned(),
                tx,
            })
            .await
            .expect("Failed to add request");
        rx
    }
}
