#[unmixed::shared_state(max_hold = "1ms", max_hold = "2ms")]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
