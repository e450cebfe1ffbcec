#[unmixed::shared_state(state = "Inventory")]
mod store {
    pub struct Inventory {
        items: Vec<String>,
    }
}

fn main() {}
