//! Shapes the pool checks must not flag.
use std::io::Write;
use std::sync::OnceLock;

static GREETING: OnceLock<String> = OnceLock::new();

async fn fetch(url: String) -> usize {
    url.len()
}

async fn store(len: usize) -> usize {
    len
}

async fn tick() -> u8 {
    1
}

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

/// Sleeping, asking for the CPU count, bounded and single-slot channels,
/// std stream locks, read-only statics, and names that merely mention workers.
#[unmixed::worker_pool(bounded = 8, workers = 2)]
pub fn report(worker_name: String, threads: usize, lines: Vec<String>) -> usize {
    std::thread::sleep(std::time::Duration::from_micros(1));
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (tx, rx) = std::sync::mpsc::sync_channel(8);
    let (once, _wait) = tokio::sync::oneshot::channel::<u8>();
    let _ = once.send(1);
    let (bounded, _rx) = tokio::sync::mpsc::channel::<u8>(4);
    drop(bounded);
    for line in &lines {
        tx.send(line.len()).unwrap();
    }
    drop(tx);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{worker_name}");
    let greeting = GREETING.get().map_or(0, String::len);
    rx.iter().sum::<usize>() + cpus.min(threads) * 0 + greeting
}

/// Joins of different work, of the same call twice, and of methods.
#[unmixed::worker_pool(bounded = 8, workers = 4)]
pub async fn fetch_and_store(url: String) -> usize {
    let (fetched, ticks) = tokio::join!(fetch(url.clone()), tick());
    let (a, b) = tokio::join!(tick(), tick());
    let stored = store(fetched).await;
    stored + usize::from(ticks + a + b)
}

/// A resource pool with a wait budget.
#[unmixed::worker_pool(bounded = 8, workers = 2, resource = Db, max_wait = "250ms")]
pub fn insert(db: &mut Db, row: String) -> usize {
    db.rows.push(row);
    db.rows.len()
}

/// Allowed, with the reason on record.
#[unmixed::worker_pool(bounded = 8, workers = 1, resource = Db)]
#[unmixed::allow(CONNECTION_POOL_UNDERSIZED, reason = "one caller, the nightly batch job")]
pub fn nightly(db: &mut Db, rows: Vec<String>) -> usize {
    db.rows.extend(rows);
    db.rows.len()
}

#[unmixed::worker_pool(bounded = 8, workers = 2)]
#[unmixed::allow(MIXED_MODELS, reason = "migrating off the shared buffer; tracked in #12")]
pub fn legacy(rows: std::sync::Arc<std::sync::Mutex<Vec<String>>>) -> usize {
    let taken = rows.lock().unwrap().len();
    taken
}

#[unmixed::worker_pool(bounded = 8, workers = 2)]
pub fn scoped(rows: Vec<String>) -> usize {
    #[unmixed::allow(MIXED_MODELS, reason = "a local counter that never leaves the job")]
    let seen = std::sync::atomic::AtomicUsize::new(rows.len());
    seen.into_inner()
}

#[unmixed::worker_pool(bounded = 8, workers = 2)]
#[unmixed::allow(WORKER_POOL_BRANCHES_ON_TID, reason = "the thread name only goes into a log line")]
pub fn traced(n: u32) -> u32 {
    let _name = std::thread::current().name().map(str::to_owned);
    n
}

/// `'static` data borrows from no caller.
#[unmixed::worker_pool(bounded = 8, workers = 1)]
pub fn label(code: u8, prefix: &'static str) -> &'static str {
    if code == 0 { prefix } else { "other" }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let report = ReportPool::start();
    assert_eq!(report.run("w".into(), 2, vec!["ab".into()]).await, Ok(2));
    let fetch = FetchAndStorePool::start();
    assert_eq!(fetch.run("abc".into()).await, Ok(6));
    let insert = InsertPool::start_with(|| Ok::<_, std::convert::Infallible>(Db { rows: Vec::new() })).unwrap();
    assert_eq!(insert.run("row".into()).await, Ok(1));
    assert_eq!(insert.run("row".into()).await, Ok(1));
    let nightly = NightlyPool::start_with(|| Ok::<_, String>(Db { rows: Vec::new() })).unwrap();
    assert_eq!(nightly.run(vec!["a".into(), "b".into()]).await, Ok(2));
    let legacy = LegacyPool::start();
    let rows = std::sync::Arc::new(std::sync::Mutex::new(vec!["x".to_owned()]));
    assert_eq!(legacy.run(rows).await, Ok(1));
    assert_eq!(TracedPool::start().run(3).await, Ok(3));
    assert_eq!(LabelPool::start().run(0, "zero").await, Ok("zero"));
    assert_eq!(ScopedPool::start().run(vec!["a".into()]).await, Ok(1));
}
