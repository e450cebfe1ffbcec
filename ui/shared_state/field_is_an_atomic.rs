use std::sync::atomic::AtomicU64;

#[unmixed::shared_state]
pub struct Stats {
    hits: AtomicU64,
}

fn main() {}
