pub struct Fetcher {
    base: String,
}

#[unmixed::actor]
impl Fetcher {
    #[detached]
    pub fn url(&self, path: String) -> String {
        format!("{}/{path}", self.base)
    }

    #[detached]
    pub fn slow(&self) -> impl std::future::Future<Output = String> {
        let base = self.base.clone();
        async move { base }
    }

    #[detached]
    pub async fn both(&self) -> impl std::future::Future<Output = String> + Send + 'static {
        let base = self.base.clone();
        async move { base }
    }
}

fn main() {}
