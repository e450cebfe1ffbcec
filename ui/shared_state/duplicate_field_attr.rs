#[unmixed::shared_state]
pub struct Stats {
    #[rw]
    #[rw]
    names: Vec<String>,
}

fn main() {}
