#[unmixed::worker_pool(bounded = unbounded, workers = 4)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

fn main() {}
