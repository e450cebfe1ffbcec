pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn try_add(&mut self, by: u64) -> Option<u64> {
        self.n.checked_add(by)
    }

    pub fn shutdown(&mut self) {}

    fn spawn(&self) {}
}

fn main() {}
