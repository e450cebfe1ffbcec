#[unmixed::worker_pool(bounded = 4)]
pub fn double(x: u8) -> u8
where
    u8: Copy,
{
    x * 2
}

fn main() {}
