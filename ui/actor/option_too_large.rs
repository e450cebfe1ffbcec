pub struct Counter { n: u64 }
#[unmixed::actor(mailbox = 99999999999999999999999)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
pub struct Big { n: u64 }
#[unmixed::actor(mailbox = 1_000_000_000_000)]
impl Big { pub fn get(&self) -> u64 { self.n } }
fn main() {}
