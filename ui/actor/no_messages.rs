pub struct Quiet {
    n: u64,
}

#[unmixed::actor]
impl Quiet {}

fn main() {}
