pub struct Counter { n: u64 }
#[unmixed::actor(mailbox)]
impl Counter { pub fn get(&self) -> u64 { self.n } }
pub struct Other { n: u64 }
#[unmixed::actor(mailbox = )]
impl Other { pub fn get(&self) -> u64 { self.n } }
fn main() {}
