//! The async client of an MQTT library: requests go into a buffer shared
//! with the event loop, and a unit message on a channel wakes the loop.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use flume::{SendError, Sender};

#[derive(Debug)]
pub enum Request {
    Publish { topic: String, payload: Vec<u8> },
    Subscribe { topic: String },
}

#[derive(Debug)]
pub enum ClientError {
    RequestsFull,
    EventloopClosed,
}

#[derive(Clone, Debug)]
pub struct AsyncClient {
    request_buf: Arc<Mutex<VecDeque<Request>>>,
    request_buf_capacity: usize,
    request_tx: Sender<()>,
}

impl AsyncClient {
    pub fn new(request_buf: Arc<Mutex<VecDeque<Request>>>, cap: usize, tx: Sender<()>) -> Self {
        AsyncClient {
            request_buf,
            request_buf_capacity: cap,
            request_tx: tx,
        }
    }

    pub async fn publish(&self, topic: &str, payload: Vec<u8>) -> Result<(), ClientError> {
        let topic = topic.to_owned();
        self.send_async_and_notify(Request::Publish { topic, payload })
            .await
    }

    pub async fn subscribe(&self, topic: &str) -> Result<(), ClientError> {
        let topic = topic.to_owned();
        self.send_async_and_notify(Request::Subscribe { topic })
            .await
    }

    async fn send_async_and_notify(&self, request: Request) -> Result<(), ClientError> {
        let mut request_buf = self.request_buf.lock().unwrap();
        if request_buf.len() == self.request_buf_capacity {
            return Err(ClientError::RequestsFull);
        }
        request_buf.push_back(request);
        if let Err(SendError(_)) = self.request_tx.send_async(()).await {
            return Err(ClientError::EventloopClosed);
        };
        Ok(())
    }
}
