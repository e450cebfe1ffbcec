#[unmixed::shared_state]
mod sessions {
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Admits one more session unless `max` are open.
    pub fn admit(open: &AtomicU32, max: u32) -> bool {
        let mut current = open.load(Ordering::Relaxed);
        loop {
            if current >= max {
                return false;
            }
            match open.compare_exchange_weak(current, current + 1, Ordering::AcqRel, Ordering::Relaxed) {
                Ok(_) => return true,
                Err(actual) => current = actual,
            }
        }
    }
}

fn main() {}
