//! Checkpoint protocol: tasks acknowledge a checkpoint, and once every
//! expected task has, the checkpoint is saved to the store.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

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

/// Store I/O for a newly completed checkpoint, run outside the mutex.
pub struct CompletedPersist {
    store: Arc<FileCheckpointStore>,
    checkpoint_id: u64,
    state: Vec<u8>,
}

pub struct Checkpoints {
    pub enabled: bool,
    expected_acks: HashSet<String>,
    pending: HashMap<u64, HashMap<String, Vec<u8>>>,
    store: Arc<FileCheckpointStore>,
}

impl Checkpoints {
    pub fn new(expected_acks: HashSet<String>, store: FileCheckpointStore) -> Self {
        Checkpoints {
            enabled: true,
            expected_acks,
            pending: HashMap::new(),
            store: Arc::new(store),
        }
    }

    /// Records a task's state; the protocol update only. When the checkpoint
    /// completes, the caller persists it with `apply_persist`, unlocked.
    pub fn report(
        &mut self,
        checkpoint_id: u64,
        task: String,
        state: Vec<u8>,
    ) -> (CheckpointAckOutcome, Option<CompletedPersist>) {
        let acks = self.pending.entry(checkpoint_id).or_default();
        acks.insert(task, state);
        if acks.len() < self.expected_acks.len() {
            return (CheckpointAckOutcome::Pending, None);
        }
        let tasks = self.pending.remove(&checkpoint_id).unwrap_or_default();
        let persist = CompletedPersist {
            store: Arc::clone(&self.store),
            checkpoint_id,
            state: tasks.into_values().flatten().collect(),
        };
        (CheckpointAckOutcome::Completed, Some(persist))
    }

    pub async fn apply_persist(persist: CompletedPersist) -> io::Result<()> {
        persist
            .store
            .save(persist.checkpoint_id, persist.state)
            .await
    }
}
