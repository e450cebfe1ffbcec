use std::sync::{Arc, Mutex};

#[unmixed::shared_state]
pub struct Inventory {
    items: Arc<Mutex<Vec<String>>>,
}

fn main() {}
