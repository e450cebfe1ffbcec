#[unmixed::actor]
mod session { pub struct Session { n: u64 } }
#[unmixed::actor]
mod outside;
fn main() {}
