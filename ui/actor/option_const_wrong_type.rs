const N: u32 = 16;
pub struct Counter { n: u64 }
#[unmixed::actor(mailbox = N)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
fn main() {}
