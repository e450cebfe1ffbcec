use std::time::Duration;

pub struct Crawler {
    visited: Vec<String>,
}

#[unmixed::actor]
impl Crawler {
    pub async fn visit(&mut self, url: String) -> usize {
        tokio::time::sleep(Duration::from_millis(10)).await;
        self.visited.push(url);
        tokio::task::yield_now().await;
        self.visited.len()
    }
}

fn main() {}
