pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { pub fn name<'a>(&'a self, prefix: &'a str) -> u64 { self.n + prefix.len() as u64 } }
fn main() {}
