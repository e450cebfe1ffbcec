//! Shapes CHECK_THEN_ACT_ON_LOCKED_MAP must leave alone: answers that are
//! not stale when the change comes, or that the change does not depend on.
// The advisory checks warn through deprecations: as errors here, staying quiet is tested.
#![deny(deprecated)]
#[unmixed::shared_state]
mod quiet {
    use std::collections::{HashMap, HashSet};
    use std::sync::{Mutex, RwLock};

    pub struct Registry {
        peers: RwLock<HashMap<String, u32>>,
    }

    impl Registry {
        pub fn knows(&self, name: &str) -> bool {
            self.peers.read().unwrap().contains_key(name)
        }

        /// Checks again under the guard it changes through.
        pub fn add_if_new(&self, name: String, id: u32) -> bool {
            let mut peers = self.peers.write().unwrap();
            if peers.contains_key(&name) {
                return false;
            }
            peers.insert(name, id);
            true
        }

        /// The fast path reads; the helper decides again.
        pub fn join(&self, name: String, id: u32) -> bool {
            if self.knows(&name) {
                return false;
            }
            self.add_if_new(name, id)
        }
    }

    /// An in-flight set: `insert` claims the key, the `remove` releases it.
    pub fn once(running: &Mutex<HashSet<u64>>, job: u64) {
        if !running.lock().unwrap().insert(job) {
            return;
        }
        run(job);
        running.lock().unwrap().remove(&job);
    }

    fn run(_: u64) {}

    /// Another lock is held from the check to the change.
    pub fn serialised(serial: &Mutex<()>, seen: &Mutex<HashSet<u64>>, id: u64) {
        let _one_at_a_time = serial.lock().unwrap();
        if seen.lock().unwrap().contains(&id) {
            return;
        }
        seen.lock().unwrap().insert(id);
    }

    /// An upsert: found, it is overwritten with what would be inserted.
    pub fn set(values: &Mutex<HashMap<u64, String>>, id: u64, value: String) {
        let present = values.lock().unwrap().contains_key(&id);
        if present {
            if let Some(slot) = values.lock().unwrap().get_mut(&id) {
                *slot = value;
            }
        } else {
            values.lock().unwrap().insert(id, value);
        }
    }

    pub struct Request {
        pub id: u64,
        pub parent: u64,
    }

    /// A set's insert after asking `contains` in the condition: whoever
    /// wins, the set ends holding the name.
    pub fn remember(seen: &RwLock<HashSet<String>>, name: String) {
        if !seen.read().unwrap().contains(&name) {
            seen.write().unwrap().insert(name);
        }
    }

    pub enum Query {
        Done,
        Cancelled,
    }

    /// A deduplicating handler: the entry's own mutex, taken from the
    /// answer, is held from the check to the removal.
    pub async fn settle(
        inflight: &tokio::sync::Mutex<HashMap<u8, std::sync::Arc<tokio::sync::Mutex<Query>>>>,
        key: u8,
    ) {
        let map = inflight.lock().await;
        if let Some(request) = map.get(&key).cloned() {
            drop(map);
            let query = request.lock().await;
            if let Query::Cancelled = *query {
                inflight.lock().await.remove(&key);
            }
            drop(query);
        }
    }

    /// Different keys, told apart through the names bound to them.
    pub fn forget_parent(open: &Mutex<HashMap<u64, u32>>, request: &Request) {
        let id = request.id;
        if open.lock().unwrap().contains_key(&id) {
            open.lock().unwrap().remove(&request.parent);
        }
    }
}

fn main() {}
