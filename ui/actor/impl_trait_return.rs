pub struct Counter {
    n: u64,
}

#[unmixed::actor]
impl Counter {
    pub fn digits(&self) -> impl Iterator<Item = u8> {
        self.n.to_string().into_bytes().into_iter()
    }
}

fn main() {}
