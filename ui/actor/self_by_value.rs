pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    pub fn get(&self) -> u64 {
        self.n
    }

    pub fn finish(self) -> u64 {
        self.n
    }
}

fn main() {}
