#[unmixed::shared_state(max_hold)]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
