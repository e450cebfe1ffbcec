pub struct View<'a> {
    text: &'a str,
}

#[unmixed::actor]
impl<'a> View<'a> {
    pub fn len(&self) -> usize {
        self.text.len()
    }
}

fn main() {}
