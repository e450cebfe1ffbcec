pub struct Names {
    names: Vec<String>,
}

#[unmixed::actor]
impl Names {
    pub fn add(&mut self, name: impl Into<String>) {
        self.names.push(name.into());
    }
}

fn main() {}
