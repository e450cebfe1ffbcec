//! The master of a streaming pipeline: workers report checkpoint state over
//! gRPC while the run loop watches whether checkpointing is still enabled.

mod checkpoint;

use tokio::sync::Mutex;

pub use crate::checkpoint::{CheckpointAckOutcome, Checkpoints, FileCheckpointStore};

pub struct MasterState {
    checkpoints: Mutex<Checkpoints>,
}

impl MasterState {
    pub fn new(checkpoints: Checkpoints) -> Self {
        MasterState {
            checkpoints: Mutex::new(checkpoints),
        }
    }

    /// gRPC handler: a task reports its state for a checkpoint.
    pub async fn report_checkpoint(
        &self,
        checkpoint_id: u64,
        task: String,
        state: Vec<u8>,
    ) -> Result<CheckpointAckOutcome, String> {
        let outcome = self
            .checkpoints
            .lock()
            .await
            .report(checkpoint_id, task, state)
            .await
            .map_err(|error| format!("failed to update checkpoint store: {error}"))?;
        Ok(outcome)
    }

    /// Polled by the run loop to detect that the pipeline is draining.
    pub async fn checkpoints_enabled(&self) -> bool {
        self.checkpoints.lock().await.enabled
    }

    pub async fn disable_checkpoints(&self) {
        self.checkpoints.lock().await.enabled = false;
    }
}
