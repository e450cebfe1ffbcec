#[unmixed::actor]
mod stats {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    pub struct Stats {
        seen: Arc<AtomicU64>,
    }

    impl Stats {
        pub fn record(&mut self) -> u64 {
            self.seen.fetch_add(1, Ordering::Relaxed)
        }
    }
}

fn main() {}
