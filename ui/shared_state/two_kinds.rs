#[unmixed::shared_state]
pub struct Stats {
    #[counter]
    #[snapshot]
    hits: u64,
}

fn main() {}
