#[unmixed::shared_state]
mod prices {
    use std::sync::Mutex;

    pub fn watch(latest: &Mutex<u64>) -> tokio::sync::mpsc::Receiver<u64> {
        let (tx, rx) = tokio::sync::mpsc::channel(16);
        let _ = tx.try_send(*latest.lock().unwrap());
        rx
    }
}

fn main() {}
