#[unmixed::shared_state]
mod seats {
    use std::collections::HashSet;
    use std::sync::RwLock;

    pub fn book(taken: &RwLock<HashSet<u32>>, seat: u32) -> bool {
        let free = !taken.read().unwrap().contains(&seat);
        if free {
            taken.write().unwrap().insert(seat);
        }
        free
    }
}

fn main() {}
