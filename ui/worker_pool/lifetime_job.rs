#[unmixed::worker_pool(bounded = 4)]
pub fn length<'a>(text: &'a str) -> usize {
    text.len()
}

fn main() {}
