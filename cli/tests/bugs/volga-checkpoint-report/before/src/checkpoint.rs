//! Checkpoint protocol: tasks acknowledge a checkpoint, and once every
//! expected task has, the checkpoint is saved to the store.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::PathBuf;

#[derive(Debug, PartialEq)]
pub enum CheckpointAckOutcome {
    Pending,
    Completed,
}

pub struct FileCheckpointStore {
    pub dir: PathBuf,
}

impl FileCheckpointStore {
    async fn save(&self, checkpoint_id: u64, state: Vec<u8>) -> io::Result<()> {
        tokio::fs::write(self.dir.join(format!("{checkpoint_id}.cp")), state).await
    }
}

pub struct Checkpoints {
    pub enabled: bool,
    expected_acks: HashSet<String>,
    pending: HashMap<u64, HashMap<String, Vec<u8>>>,
    store: FileCheckpointStore,
}

impl Checkpoints {
    pub fn new(expected_acks: HashSet<String>, store: FileCheckpointStore) -> Self {
        Checkpoints {
            enabled: true,
            expected_acks,
            pending: HashMap::new(),
            store,
        }
    }

    /// Records a task's state for a checkpoint; saves the checkpoint when it
    /// was the last one missing.
    pub async fn report(
        &mut self,
        checkpoint_id: u64,
        task: String,
        state: Vec<u8>,
    ) -> io::Result<CheckpointAckOutcome> {
        let acks = self.pending.entry(checkpoint_id).or_default();
        acks.insert(task, state);
        if acks.len() < self.expected_acks.len() {
            return Ok(CheckpointAckOutcome::Pending);
        }
        let tasks = self.pending.remove(&checkpoint_id).unwrap_or_default();
        let state: Vec<u8> = tasks.into_values().flatten().collect();
        self.store.save(checkpoint_id, state).await?;
        Ok(CheckpointAckOutcome::Completed)
    }
}
