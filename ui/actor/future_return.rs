use std::future::Future;

pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    pub fn later(&self) -> impl Future<Output = u64> + Send + 'static {
        let n = self.n;
        async move { n }
    }
}

fn main() {}
