pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }
}

#[tokio::main]
async fn main() {
    let h = Counter { n: 0 }.spawn();
    println!("{:?}", h.add(2).await);
}
