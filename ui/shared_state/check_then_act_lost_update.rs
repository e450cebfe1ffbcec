#[unmixed::shared_state]
mod hits {
    use std::collections::HashMap;
    use std::sync::Mutex;

    pub fn hit(counts: &Mutex<HashMap<String, u64>>, page: String) {
        let seen = counts.lock().unwrap().get(&page).copied().unwrap_or(0);
        counts.lock().unwrap().insert(page, seen + 1);
    }
}

fn main() {}
