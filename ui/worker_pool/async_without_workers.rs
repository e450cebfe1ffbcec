#[unmixed::worker_pool(bounded = 256)]
pub async fn fetch_len(url: String) -> usize {
    url.len()
}

fn main() {}
