#![deny(deprecated)]

#[unmixed::shared_state]
mod flags {
    use std::sync::atomic::{AtomicU32, Ordering};

    pub fn raise(flags: &AtomicU32, flag: u32) {
        let _ = flags.fetch_update(Ordering::AcqRel, Ordering::Acquire, |f| Some(f | flag));
    }
}

fn main() {}
