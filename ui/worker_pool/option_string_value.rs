#[unmixed::worker_pool(bounded = "16", workers = "2")]
pub fn sum(data: Vec<u8>) -> u32 { data.len() as u32 }
fn main() {}
