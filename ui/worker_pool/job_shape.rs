#[unmixed::worker_pool(bounded = 8)]
pub fn largest<T: Ord + Send + 'static>(items: Vec<T>) -> Option<T> {
    items.into_iter().max()
}

#[unmixed::worker_pool(bounded = 8)]
pub unsafe fn raw(bytes: Vec<u8>) -> usize {
    bytes.len()
}

#[unmixed::worker_pool(bounded = 8)]
pub fn lazy(n: u32) -> impl Iterator<Item = u32> {
    0..n
}

fn main() {}
