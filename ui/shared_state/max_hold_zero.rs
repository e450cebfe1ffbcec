#[unmixed::shared_state(max_hold = "0us")]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
