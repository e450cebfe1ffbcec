#[unmixed::worker_pool(64)]
pub fn sum(data: Vec<u8>) -> u32 { data.len() as u32 }
fn main() {}
