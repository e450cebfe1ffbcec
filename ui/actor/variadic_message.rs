pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { pub unsafe extern "C" fn get(&self, n: u64, ...) -> u64 { self.n } }
fn main() {}
