#[unmixed::shared_state]
mod registry {
    use std::collections::HashMap;
    use std::sync::Mutex;

    pub fn register(names: &Mutex<HashMap<String, u32>>, name: String, id: u32) {
        if !names.lock().unwrap().contains_key(&name) {
            names.lock().unwrap().insert(name, id);
        }
    }
}

fn main() {}
