#[unmixed::shared_state(max_hold = "99999999999999s")]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
