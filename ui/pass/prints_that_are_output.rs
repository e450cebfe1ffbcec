//! Prints that are a program's output, not a race being watched: quiet.
#[unmixed::shared_state]
mod output {
    use std::sync::Mutex;

    /// Progress and results, printed from the main thread.
    pub fn report(done: usize, total: usize) {
        println!("{done} of {total} done");
        eprintln!("warning: {} skipped", total - done);
    }

    /// A message under a lock that says nothing about the guarded state.
    pub fn save(state: &Mutex<Vec<u8>>) {
        let mut bytes = state.lock().unwrap();
        bytes.push(1);
        println!("saved");
    }

    /// A worker thread that reports its result, not its identity.
    pub fn spawn_worker() {
        std::thread::spawn(|| {
            let sum: u64 = (1..10).sum();
            println!("sum is {sum}");
        });
    }
}

fn main() {}
