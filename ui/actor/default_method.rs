pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { pub default fn get(&self) -> u64 { self.n } }
fn main() {}
