#[unmixed::actor]
mod shop {
    pub struct Cart {
        items: Vec<String>,
    }

    pub struct Item {
        name: String,
    }

    impl Cart {
        pub fn add(&mut self, item: String) {
            self.items.push(item);
        }
    }
}

fn main() {}
