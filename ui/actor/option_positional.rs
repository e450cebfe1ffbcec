pub struct Counter { n: u64 }
#[unmixed::actor(16)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
fn main() {}
