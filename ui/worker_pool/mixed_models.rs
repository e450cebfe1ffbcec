use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

static JOBS_DONE: AtomicU64 = AtomicU64::new(0);

#[unmixed::worker_pool(bounded = 64)]
pub fn checksum(data: Vec<u8>, totals: Arc<Mutex<Vec<u32>>>) -> u32 {
    let sum = data.iter().map(|&b| u32::from(b)).sum();
    totals.lock().unwrap().push(sum);
    JOBS_DONE.fetch_add(1, Ordering::Relaxed);
    sum
}

fn main() {}
