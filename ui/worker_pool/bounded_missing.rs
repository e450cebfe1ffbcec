#[unmixed::worker_pool]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(workers = 4)]
pub fn resize(side: u32) -> u32 {
    side / 2
}

// A pool has no unbounded mode: allowing the check does not make one.
#[unmixed::worker_pool(workers = 4)]
#[unmixed::allow(UNBOUNDED_WORKER_QUEUE, reason = "we trust the producer")]
pub fn rotate(side: u32) -> u32 {
    side
}

fn main() {}
