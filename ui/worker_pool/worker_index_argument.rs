#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub fn shard(worker_id: usize, key: String) -> usize {
    key.len() % (worker_id + 1)
}

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub fn pick(worker: u8, keys: Vec<String>) -> Option<String> {
    keys.get(usize::from(worker)).cloned()
}

fn main() {}
