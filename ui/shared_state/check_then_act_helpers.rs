#[unmixed::shared_state]
mod peers {
    use std::collections::HashMap;
    use std::sync::RwLock;

    pub struct Registry {
        peers: RwLock<HashMap<String, u32>>,
    }

    impl Registry {
        pub fn knows(&self, name: &str) -> bool {
            self.peers.read().unwrap().contains_key(name)
        }

        pub fn add(&self, name: String, id: u32) {
            self.peers.write().unwrap().insert(name, id);
        }

        pub fn join(&self, name: String, id: u32) {
            if !self.knows(&name) {
                self.add(name, id);
            }
        }
    }
}

fn main() {}
