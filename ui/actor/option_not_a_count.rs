pub struct Counter { n: u64 }
#[unmixed::actor(mailbox = -1)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
pub struct Other { n: u64 }
#[unmixed::actor(mailbox = 1.5)]
impl Other { pub fn get(&self) -> u64 { self.n } }
fn main() {}
