#[unmixed::shared_state]
mod upstream {
    use tokio::sync::Mutex;

    pub async fn poll(token: &Mutex<String>) {
        let token = token.lock().await;
        tokio::time::sleep(std::time::Duration::from_millis(token.len() as u64)).await;
    }
}

fn main() {}
