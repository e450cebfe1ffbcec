#[unmixed::shared_state]
pub struct Stats {
    #[counter]
    ratio: f64,
}

fn main() {}
