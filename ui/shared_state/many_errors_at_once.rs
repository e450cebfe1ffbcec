use std::sync::Mutex;

#[unmixed::shared_state(max_hold = "0us", workers = 4)]
pub struct Stats {
    #[counter]
    #[counter]
    hits: u64,
    #[counter]
    name: String,
    log: Mutex<Vec<String>>,
}

fn main() {}
