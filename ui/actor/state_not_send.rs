use std::rc::Rc;
pub struct Counter { n: Rc<u64> }
#[unmixed::actor]
impl Counter { pub fn get(&self) -> u64 { *self.n } }
fn main() {}
