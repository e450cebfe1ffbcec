pub struct Names {
    names: Vec<String>,
}

#[unmixed::actor]
impl Names {
    pub fn add(&mut self, name: &str) {
        self.names.push(name.to_owned());
    }

    pub fn add_all(&mut self, names: &[String]) {
        self.names.extend_from_slice(names);
    }
}

fn main() {}
