use std::sync::Arc;
use std::pin::Pin;
pub struct Counter { n: u64 }
#[unmixed::actor]
impl Counter {
    pub fn boxed(self: Box<Self>) -> u64 { self.n }
    pub fn by_ref(self: &Self) -> u64 { self.n }
    pub fn by_mut(self: &mut Self) -> u64 { self.n }
    pub fn pinned(self: Pin<&mut Self>) -> u64 { self.n }
    pub fn shared(self: Arc<Self>) -> u64 { self.n }
    pub fn get(&self) -> u64 { self.n }
}
fn main() {}
