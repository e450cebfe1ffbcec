#[unmixed::shared_state("1ms")]
pub struct Inventory {
    items: Vec<String>,
}

fn main() {}
