#[unmixed::worker_pool(bounded = 8, max_wait = "5 minutes")]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 8, max_wait = 250)]
pub fn resize(side: u32) -> u32 {
    side / 2
}

#[unmixed::worker_pool(bounded = 8, max_wait = "0ms")]
pub fn rotate(side: u32) -> u32 {
    side
}

fn main() {}
