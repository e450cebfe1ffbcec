macro_rules! getter { ($name:ident) => { pub fn $name(&self) -> u64 { self.n } }; }
pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter { getter!(get); pub fn set(&mut self, n: u64) { self.n = n; } }
fn main() {}
