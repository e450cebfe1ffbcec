#[unmixed::shared_state(max_hold = 100)]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
