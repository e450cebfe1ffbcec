pub struct Db;
pub struct Cache;

impl unmixed::Reset for Db {
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[unmixed::worker_pool(bounded = 8, resource = Db, max_wait = "1s")]
pub fn insert_row(row: String) -> usize {
    row.len()
}

#[unmixed::worker_pool(bounded = 8, resource = Db, max_wait = "1s")]
pub fn warm(cache: &mut Cache, key: String) -> usize {
    let _ = cache;
    key.len()
}

#[unmixed::worker_pool(bounded = 8, resource = Db, max_wait = "1s")]
pub fn read(db: &Db, key: String) -> usize {
    let _ = db;
    key.len()
}

fn main() {}
