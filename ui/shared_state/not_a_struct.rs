#[unmixed::shared_state]
pub fn inventory() {}

fn main() {}
