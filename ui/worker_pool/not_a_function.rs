#[unmixed::worker_pool(bounded = 8)]
pub struct Checksum {
    data: Vec<u8>,
}

#[unmixed::worker_pool(bounded = 8)]
impl Checksum {
    pub fn sum(&self) -> u32 {
        self.data.len() as u32
    }
}

fn main() {}
