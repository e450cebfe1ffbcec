#![deny(deprecated)]

#[unmixed::shared_state]
mod stats {
    use std::sync::Mutex;

    pub fn record(seen: &Mutex<Vec<u64>>, value: u64) {
        let mut all = seen.lock().unwrap();
        all.push(value);
        println!("recorded {value}, {} so far", all.len());
    }
}

fn main() {}
