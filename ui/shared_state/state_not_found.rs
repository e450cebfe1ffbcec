#[unmixed::shared_state(state = Inventory)]
mod shop {
    pub struct Stock {
        items: Vec<String>,
    }
}

fn main() {}
