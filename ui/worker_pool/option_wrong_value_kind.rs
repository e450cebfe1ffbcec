pub struct Db;
impl unmixed::Reset for Db { type Error = std::convert::Infallible; fn reset(&mut self) -> Result<(), Self::Error> { Ok(()) } }
#[unmixed::worker_pool(bounded = 4, resource = "Db", max_wait = "1s")]
pub fn a(db: &mut Db, x: u8) -> u8 { let _ = db; x }
#[unmixed::worker_pool(bounded = 4, max_wait = 250)]
pub fn b(x: u8) -> u8 { x }
#[unmixed::worker_pool(bounded = 4, job = "make")]
mod m { pub fn make(x: u8) -> u8 { x } }
#[unmixed::worker_pool(bounded = 4, workers = -1)]
pub fn c(x: u8) -> u8 { x }
fn main() {}
