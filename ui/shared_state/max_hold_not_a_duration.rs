#[unmixed::shared_state(max_hold = "fast")]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
