pub struct Counter { n: u64 }
#[unmixed::actor(mailbox: 16)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
fn main() {}
