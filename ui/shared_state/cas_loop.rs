#[unmixed::shared_state]
mod hits {
    use std::sync::atomic::{AtomicU64, Ordering};

    pub fn hit(count: &AtomicU64) {
        let mut seen = count.load(Ordering::Relaxed);
        loop {
            match count.compare_exchange_weak(seen, seen + 1, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => break,
                Err(actual) => seen = actual,
            }
        }
    }
}

fn main() {}
