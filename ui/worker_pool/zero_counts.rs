#[unmixed::worker_pool(bounded = 0)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 8, workers = 0)]
pub fn resize(side: u32) -> u32 {
    side / 2
}

const NO_WORKERS: usize = 0;

#[unmixed::worker_pool(bounded = 8, workers = NO_WORKERS)]
pub fn rotate(side: u32) -> u32 {
    side
}

fn main() {}
