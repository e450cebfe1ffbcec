//! The master of a streaming pipeline: workers report checkpoint state over
//! gRPC while the run loop watches whether checkpointing is still enabled.

mod checkpoint;

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Mutex;

pub use crate::checkpoint::{CheckpointAckOutcome, Checkpoints, FileCheckpointStore};

pub struct MasterState {
    checkpoints: Mutex<Checkpoints>,
    /// Lock-free mirror of `Checkpoints::enabled` for the run loop.
    checkpoints_enabled: AtomicBool,
}

impl MasterState {
    pub fn new(checkpoints: Checkpoints) -> Self {
        MasterState {
            checkpoints: Mutex::new(checkpoints),
            checkpoints_enabled: AtomicBool::new(true),
        }
    }

    /// gRPC handler: a task reports its state for a checkpoint.
    pub async fn report_checkpoint(
        &self,
        checkpoint_id: u64,
        task: String,
        state: Vec<u8>,
    ) -> Result<CheckpointAckOutcome, String> {
        let (outcome, persist) = {
            let mut cps = self.checkpoints.lock().await;
            cps.report(checkpoint_id, task, state)
        };
        if let Some(persist) = persist {
            Checkpoints::apply_persist(persist)
                .await
                .map_err(|error| format!("failed to persist checkpoint: {error}"))?;
        }
        Ok(outcome)
    }

    /// Polled by the run loop to detect that the pipeline is draining.
    pub fn checkpoints_enabled(&self) -> bool {
        self.checkpoints_enabled.load(Ordering::SeqCst)
    }

    pub async fn disable_checkpoints(&self) {
        // Publish first, so the run loop sees the drain even while a report
        // handler holds the mutex.
        self.checkpoints_enabled.store(false, Ordering::SeqCst);
        self.checkpoints.lock().await.enabled = false;
    }
}
