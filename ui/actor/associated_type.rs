pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    type Item = u8;

    pub fn get(&self) -> u64 {
        self.n
    }
}

fn main() {}
