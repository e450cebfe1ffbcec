mod other {
    pub struct CounterHandle;
}

#[unmixed::actor]
mod counter {
    // Brings in a type under the name of the handle the attribute generates.
    use super::other::CounterHandle;

    pub struct Counter {
        n: u64,
    }

    impl Counter {
        pub fn get(&self) -> u64 {
            self.n
        }
    }

    pub fn other() -> CounterHandle {
        CounterHandle
    }
}

fn main() {}
