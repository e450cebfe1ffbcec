pub struct Db;

#[unmixed::worker_pool(bounded = 64)]
pub fn checksum(data: &[u8], name: &str) -> u32 {
    data.len() as u32 + name.len() as u32
}

#[unmixed::worker_pool(bounded = 64)]
pub fn store(db: &mut Db, row: String) -> usize {
    let _ = db;
    row.len()
}

#[unmixed::worker_pool(bounded = 64)]
pub fn lines<'a>(text: std::borrow::Cow<'a, str>) -> usize {
    text.lines().count()
}

fn main() {}
