#[unmixed::worker_pool(bounded = 64, workers = 2)]
pub fn split(data: Vec<u8>) -> usize {
    let (tx, rx) = std::sync::mpsc::channel();
    for chunk in data.chunks(16) {
        tx.send(chunk.len()).unwrap();
    }
    drop(tx);
    rx.iter().sum()
}

#[unmixed::worker_pool(bounded = 64, workers = 2)]
pub async fn fan_out(urls: Vec<String>) -> usize {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for url in urls {
        let _ = tx.send(url.len());
    }
    drop(tx);
    let mut total = 0;
    while let Some(n) = rx.recv().await {
        total += n;
    }
    total
}

fn main() {}
