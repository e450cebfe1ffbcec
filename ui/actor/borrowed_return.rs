pub struct Names {
    names: Vec<String>,
}

#[unmixed::actor]
impl Names {
    pub fn first(&self) -> &str {
        &self.names[0]
    }
}

fn main() {}
