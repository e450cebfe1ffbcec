#[unmixed::shared_state(max_hold = "1ms", capacity = 3)]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
