#[unmixed::worker_pool(bounded = 99999999999999999999999)]
pub fn sum(data: Vec<u8>) -> u32 { data.len() as u32 }
#[unmixed::worker_pool(bounded = 1_000_000_000_000, workers = 10_000_000_000)]
pub fn big(data: Vec<u8>) -> u32 { data.len() as u32 }
fn main() {}
