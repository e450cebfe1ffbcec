#[unmixed::shared_state]
mod lsn {
    use std::sync::atomic::{AtomicI64, Ordering};

    /// Raises the stable mark to `to`, unless it is already there.
    pub fn bump(stable: &AtomicI64, to: i64) {
        let mut current = stable.load(Ordering::Acquire);
        loop {
            if current >= to {
                return;
            }
            match stable.compare_exchange_weak(current, to, Ordering::SeqCst, Ordering::Acquire) {
                Ok(_) => return,
                Err(actual) => current = actual,
            }
        }
    }
}

fn main() {}
