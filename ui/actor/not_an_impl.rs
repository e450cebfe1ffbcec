#[unmixed::actor]
pub struct Counter {
    n: u64,
}

fn main() {}
