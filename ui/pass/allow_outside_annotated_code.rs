//! `#[unmixed::allow]` is a valid, inert attribute anywhere.
use std::sync::Mutex;

#[unmixed::allow(LOCK_ACROSS_AWAIT, reason = "adopting the checks gradually")]
fn legacy(counter: &Mutex<u64>) -> u64 {
    *counter.lock().unwrap()
}

#[unmixed::allow(MIXED_MODELS, WRONG_MODEL_FOR_WORKLOAD, reason = "several codes at once")]
struct Legacy;

fn main() {
    let _ = Legacy;
    assert_eq!(legacy(&Mutex::new(3)), 3);
}
