#[unmixed::worker_pool(bounded = 4)]
mod thumbs {
    pub fn make(side: u32) -> u32 {
        side / 4
    }

    // Named like the pool the attribute generates.
    pub struct MakePool;
}

fn main() {}
