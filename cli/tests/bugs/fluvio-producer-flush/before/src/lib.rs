//! A topic producer's per-partition sender: `send` appends records to the
//! batches queue, and `flush` ships the batches that are ready to the leader.

mod socket;

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_lock::Mutex;
use tokio::sync::Notify;

pub use crate::socket::LeaderSocket;

pub struct ProducerBatch {
    records: Vec<u8>,
    created: Instant,
    capacity: usize,
}

impl ProducerBatch {
    fn is_full(&self) -> bool {
        self.records.len() >= self.capacity
    }
}

pub struct BatchesDeque {
    pub batches: Mutex<VecDeque<ProducerBatch>>,
    /// Wakes producers waiting for room in the queue.
    pub control: Notify,
}

pub struct PartitionProducer {
    linger: Duration,
    batches_lock: Arc<BatchesDeque>,
    leader: LeaderSocket,
}

impl PartitionProducer {
    /// Flushes the batches that are full or have lingered long enough; all of
    /// them when `force` is set.
    pub async fn flush(&self, force: bool) -> io::Result<()> {
        let mut batches_ready = vec![];
        let mut batches = self.batches_lock.batches.lock().await;
        while !batches.is_empty() {
            let ready = force
                || batches
                    .front()
                    .is_some_and(|batch| batch.is_full() || batch.created.elapsed() >= self.linger);
            if ready {
                if let Some(batch) = batches.pop_front() {
                    batches_ready.push(batch);
                    self.batches_lock.control.notify_waiters();
                }
            } else {
                break;
            }
        }

        let request: Vec<u8> = batches_ready.into_iter().flat_map(|b| b.records).collect();
        self.send_to_socket(&request).await
    }

    async fn send_to_socket(&self, request: &[u8]) -> io::Result<()> {
        self.leader.send(request).await
    }
}
