pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbx = 8)]
impl Counter {
    pub fn get(&self) -> u64 {
        self.n
    }
}

fn main() {}
