#![deny(deprecated)]

#[unmixed::shared_state]
mod workers {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    pub fn start(done: Arc<AtomicU64>) {
        std::thread::spawn(move || {
            done.fetch_add(1, Ordering::Relaxed);
            println!("worker {:?} finished", std::thread::current().id());
        });
    }
}

fn main() {}
