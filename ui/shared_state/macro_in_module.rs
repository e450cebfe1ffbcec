macro_rules! st { () => { pub struct Inv { items: Vec<u8> } }; }
#[unmixed::shared_state(state = Inv)]
mod m { st!(); }
fn main() {}
