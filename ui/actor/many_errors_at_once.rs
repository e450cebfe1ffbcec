use std::sync::Mutex;

pub struct Store {
    items: Vec<String>,
}

#[unmixed::actor(mailbox = 0)]
impl Store {
    pub fn add(&mut self, item: &str, reply: u8) {
        let _ = reply;
        self.items.push(item.to_owned());
    }

    pub fn count(&self) -> usize {
        let guard = Mutex::new(0);
        let _ = guard.lock();
        self.items.len()
    }

    pub fn take(self) -> Vec<String> {
        self.items
    }
}

fn main() {}
