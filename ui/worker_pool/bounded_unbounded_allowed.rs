// A pool has no unbounded mode: allowing the check does not make one.
#[unmixed::worker_pool(bounded = unbounded, workers = 4)]
#[unmixed::allow(UNBOUNDED_WORKER_QUEUE, reason = "we trust the producer")]
pub fn rotate(side: u32) -> u32 {
    side
}

fn main() {}
