#[unmixed::shared_state]
pub struct Names<'a> {
    first: &'a str,
}

fn main() {}
