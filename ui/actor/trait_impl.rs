pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Default for Counter {
    fn default() -> Self {
        Counter { n: 0 }
    }
}

fn main() {}
