#[unmixed::shared_state]
pub struct Stats {
    #[counter(wrapping)]
    hits: u64,
}

fn main() {}
