#[unmixed::worker_pool(bounded = )]
pub fn sum(data: Vec<u8>) -> u32 { data.len() as u32 }
#[unmixed::worker_pool(bounded = 4, workers)]
pub fn other(data: Vec<u8>) -> u32 { data.len() as u32 }
fn main() {}
