#[unmixed::worker_pool(bounded = 4)]
pub fn length(text: impl Into<String>) -> usize {
    text.into().len()
}

fn main() {}
