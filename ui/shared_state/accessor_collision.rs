#[unmixed::shared_state]
pub struct Stats {
    #[counter]
    hits: u64,
    add_hits: Vec<u64>,
    update: String,
}

fn main() {}
