//! `#[detached]`: the state part runs in the actor, the future on its own task.
use std::future::Future;
use std::time::Duration;

pub struct Fetcher {
    base: String,
    started: u32,
}

#[unmixed::actor]
impl Fetcher {
    #[detached]
    pub fn fetch(&mut self, path: String) -> impl Future<Output = String> + Send + 'static {
        self.started += 1;
        let url = format!("{}/{path}", self.base);
        async move {
            tokio::time::sleep(Duration::from_millis(1)).await;
            url
        }
    }

    pub fn started(&self) -> u32 {
        self.started
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let fetcher = Fetcher { base: "https://example.org".into(), started: 0 }.spawn();
    assert_eq!(fetcher.fetch("a".into()).await.unwrap(), "https://example.org/a");
    assert_eq!(fetcher.started().await, Ok(1));
}
