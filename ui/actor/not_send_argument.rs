use std::rc::Rc;

pub struct Names {
    names: Vec<String>,
}

#[unmixed::actor]
impl Names {
    pub fn add(&mut self, name: Rc<String>) {
        self.names.push(name.to_string());
    }
}

fn main() {}
