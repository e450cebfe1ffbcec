pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    #[unmixed::allow(MIXED_MODELS, reason = "")]
    pub fn get(&self) -> u64 {
        self.n
    }
}

fn main() {}
