#[unmixed::actor]
mod counter {
    pub struct Counter {
        n: u64,
    }

    impl Counter {
        pub fn get(&self) -> u64 {
            self.n
        }
    }

    // Named like the message enum the attribute generates.
    pub enum CounterMsg {
        Get,
    }
}

fn main() {}
