#[unmixed::shared_state]
mod sessions {
    use std::collections::HashMap;
    use std::sync::Mutex;

    pub struct Session {
        pub user: String,
    }

    pub fn session(open: &Mutex<HashMap<u64, String>>, id: u64) -> Session {
        let found = open.lock().unwrap().get(&id).cloned();
        match found {
            Some(user) => Session { user },
            None => {
                let user = format!("guest-{id}");
                open.lock().unwrap().insert(id, user.clone());
                Session { user }
            }
        }
    }
}

fn main() {}
