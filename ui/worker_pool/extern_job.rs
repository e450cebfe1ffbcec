#[unmixed::worker_pool(bounded = 4)]
pub extern "C" fn double(x: u8) -> u8 {
    x * 2
}

fn main() {}
