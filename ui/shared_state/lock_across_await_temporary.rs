#[unmixed::shared_state]
mod relay {
    use std::sync::Mutex;
    use tokio::sync::mpsc::Sender;

    pub async fn forward(latest: &Mutex<String>, out: &Sender<String>) {
        let _ = out.send(latest.lock().unwrap().clone()).await;
    }
}

fn main() {}
