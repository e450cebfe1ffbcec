pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { pub fn get(&self) -> u64 where u64: Copy { self.n } }
fn main() {}
