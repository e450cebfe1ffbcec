pub struct Db {
    rows: Vec<String>,
}

impl unmixed::Reset for Db {
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {
        self.rows.clear();
        Ok(())
    }
}

#[unmixed::worker_pool(bounded = 64, workers = 4, resource = Db)]
pub fn insert_row(db: &mut Db, row: String) -> usize {
    db.rows.push(row);
    db.rows.len()
}

fn main() {}
