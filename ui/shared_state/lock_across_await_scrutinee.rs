#[unmixed::shared_state]
mod cache {
    use std::collections::HashMap;

    pub async fn warm(cache: &parking_lot::Mutex<HashMap<String, u64>>, key: &str) {
        match cache.lock().get(key) {
            Some(version) => publish(*version).await,
            None => {}
        }
    }

    async fn publish(_version: u64) {}
}

fn main() {}
