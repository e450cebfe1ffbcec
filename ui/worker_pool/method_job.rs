pub struct S;
impl S {
    #[unmixed::worker_pool(bounded = 4)]
    pub fn job(&self, x: u8) -> u8 { x }
}
fn main() {}
