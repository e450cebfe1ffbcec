#[unmixed::worker_pool(bounded = 8, threads = 4)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 8, bounded = 16)]
pub fn resize(side: u32) -> u32 {
    side / 2
}

fn main() {}
