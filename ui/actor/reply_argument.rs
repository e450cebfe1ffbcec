pub struct Echo {
    last: String,
}

#[unmixed::actor]
impl Echo {
    pub fn say(&mut self, reply: String) -> String {
        std::mem::replace(&mut self.last, reply)
    }
}

fn main() {}
