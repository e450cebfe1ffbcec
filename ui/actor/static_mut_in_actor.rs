#[unmixed::actor]
mod registry {
    static mut LAST_ID: u64 = 0;

    pub struct Registry {
        next: u64,
    }

    impl Registry {
        pub fn register(&mut self) -> u64 {
            self.next += 1;
            self.next
        }
    }
}

fn main() {}
