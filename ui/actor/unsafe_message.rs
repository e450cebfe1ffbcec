pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { pub unsafe fn get(&self) -> u64 { self.n } pub fn set(&mut self, n: u64) { self.n = n; } }
fn main() {}
