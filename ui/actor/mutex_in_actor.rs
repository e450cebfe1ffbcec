use std::sync::{Arc, Mutex};

pub struct Cache {
    hits: u64,
    shared: Arc<Mutex<Vec<String>>>,
}

#[unmixed::actor]
impl Cache {
    pub fn remember(&mut self, key: String) {
        self.hits += 1;
        self.shared.lock().unwrap().push(key);
    }
}

fn main() {}
