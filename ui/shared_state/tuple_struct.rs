#[unmixed::shared_state]
pub struct Stats(u64, Vec<String>);

fn main() {}
