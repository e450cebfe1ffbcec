#[unmixed::shared_state]
mod audit {
    use std::sync::RwLock;

    pub async fn record(log: &RwLock<Vec<String>>) {
        let held = Some(log.write().unwrap());
        flush().await;
        drop(held);
    }

    async fn flush() {}
}

fn main() {}
