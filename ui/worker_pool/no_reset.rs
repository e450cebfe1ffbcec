pub struct Db {
    rows: Vec<String>,
}

#[unmixed::worker_pool(bounded = 64, workers = 4, resource = Db, max_wait = "250ms")]
pub fn insert_row(db: &mut Db, row: String) -> usize {
    db.rows.push(row);
    db.rows.len()
}

fn main() {}
