//! Job intake of a coprocessor node: each consumer contract gets one
//! execution actor, created on its first job and fed through a channel.

mod chain;

use std::io;
use std::sync::Arc;

use dashmap::{DashMap, Entry};
use tokio::sync::mpsc;

pub use crate::chain::ChainClient;

pub struct Job {
    pub consumer: [u8; 20],
    pub nonce: u64,
}

type ExecutionTx = mpsc::Sender<Job>;

/// Starts an execution actor that runs the consumer's jobs in nonce order.
fn spawn_execution_actor(next_nonce: u64) -> ExecutionTx {
    let (tx, mut rx) = mpsc::channel::<Job>(1024);
    tokio::spawn(async move {
        let mut expected = next_nonce;
        while let Some(job) = rx.recv().await {
            if job.nonce == expected {
                expected += 1;
            }
        }
    });
    tx
}

pub struct IntakeHandlers {
    active_actors: Arc<DashMap<[u8; 20], ExecutionTx>>,
    chain: ChainClient,
}

impl IntakeHandlers {
    pub fn new(chain: ChainClient) -> Self {
        IntakeHandlers {
            active_actors: Arc::new(DashMap::new()),
            chain,
        }
    }

    /// Called by every gRPC job submission, concurrently.
    pub async fn submit_job(&self, job: Job) -> io::Result<()> {
        let consumer_address = job.consumer;

        // We do an optimistic check to reduce entry lock contention.
        let execution_tx = if let Some(inner) = self.active_actors.get(&consumer_address) {
            inner.clone()
        } else {
            let nonce = self.chain.next_nonce(consumer_address).await?;

            match self.active_actors.entry(consumer_address) {
                Entry::Occupied(e) => e.get().clone(),
                Entry::Vacant(e) => {
                    // ATTENTION: No async allowed while an entry lock is held.
                    let execution_tx = spawn_execution_actor(nonce);
                    e.insert(execution_tx.clone());
                    execution_tx
                }
            }
        };

        // Send the job to actor for processing
        execution_tx.send(job).await.expect("execution tx failed");
        Ok(())
    }
}
