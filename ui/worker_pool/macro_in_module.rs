macro_rules! job { () => { pub fn make(x: u8) -> u8 { x } }; }
#[unmixed::worker_pool(bounded = 4)]
mod m { job!(); }
fn main() {}
