//! Resource pools on a real SQLite database (rusqlite, bundled): what one job
//! leaves on its connection never reaches the next job on that worker.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use rusqlite::Connection;
use unmixed::{PoolError, Reset};

/// A database file in the temp dir, removed when the test ends.
struct TempDb(PathBuf);

impl TempDb {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "unmixed-pool-{name}-{}.sqlite3",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        let setup = Connection::open(&path).unwrap();
        setup
            .execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);")
            .unwrap();
        TempDb(path)
    }

    /// Rows as an independent connection sees them: committed work only.
    fn committed(&self) -> Vec<String> {
        let conn = Connection::open(&self.0).unwrap();
        let mut rows = conn.prepare("SELECT text FROM notes ORDER BY id").unwrap();
        rows.query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// One pooled connection, reset the way an application would: roll back
/// whatever transaction the last job left open, drop its temp tables.
pub struct Db {
    conn: Connection,
    /// Set by a job to make the next reset fail.
    broken: bool,
}

impl Reset for Db {
    type Error = rusqlite::Error;

    fn reset(&mut self) -> Result<(), rusqlite::Error> {
        if self.broken {
            return Err(rusqlite::Error::InvalidQuery);
        }
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        self.conn.execute_batch("DROP TABLE IF EXISTS temp.scratch")
    }
}

/// The same connection with a reset that does nothing: the control that
/// shows what the tests below would see without a real reset.
pub struct LeakyDb {
    conn: Connection,
}

impl Reset for LeakyDb {
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// What a job asks of its connection.
#[derive(Debug)]
pub enum Step {
    /// Begin, insert, then fail (or panic) before committing.
    InsertThenFail(String),
    InsertThenPanic(String),
    /// Begin, insert, commit.
    Insert(String),
    /// Leave a temp table behind and make the next reset fail.
    Break,
    /// Report what the connection looks like.
    Inspect,
}

/// What a job saw on its connection.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    in_transaction: bool,
    visible_rows: i64,
    scratch_table: bool,
}

fn inspect(conn: &Connection) -> rusqlite::Result<Seen> {
    Ok(Seen {
        in_transaction: !conn.is_autocommit(),
        visible_rows: conn.query_row("SELECT count(*) FROM notes", [], |row| row.get(0))?,
        scratch_table: conn.query_row(
            "SELECT count(*) FROM temp.sqlite_master WHERE name = 'scratch'",
            [],
            |row| row.get::<_, i64>(0),
        )? > 0,
    })
}

fn step(conn: &Connection, step: Step) -> Result<Seen, String> {
    let error = |error: rusqlite::Error| error.to_string();
    match step {
        Step::InsertThenFail(text) => {
            conn.execute_batch("BEGIN").map_err(error)?;
            conn.execute("INSERT INTO notes (text) VALUES (?1)", [&text])
                .map_err(error)?;
            Err(format!("validation failed after inserting {text}"))
        }
        Step::InsertThenPanic(text) => {
            conn.execute_batch("BEGIN").map_err(error)?;
            conn.execute("INSERT INTO notes (text) VALUES (?1)", [&text])
                .map_err(error)?;
            panic!("the job crashed mid-transaction");
        }
        Step::Insert(text) => {
            conn.execute_batch("BEGIN").map_err(error)?;
            conn.execute("INSERT INTO notes (text) VALUES (?1)", [&text])
                .map_err(error)?;
            conn.execute_batch("COMMIT").map_err(error)?;
            inspect(conn).map_err(error)
        }
        Step::Break => {
            conn.execute_batch("CREATE TEMP TABLE scratch (x)")
                .map_err(error)?;
            inspect(conn).map_err(error)
        }
        Step::Inspect => inspect(conn).map_err(error),
    }
}

#[unmixed::worker_pool(bounded = 16, workers = 1, resource = Db, max_wait = "5s")]
pub fn notes(db: &mut Db, todo: Step) -> Result<Seen, String> {
    if matches!(todo, Step::Break) {
        db.broken = true;
    }
    step(&db.conn, todo)
}

#[unmixed::worker_pool(bounded = 16, workers = 1, resource = LeakyDb, max_wait = "5s")]
pub fn leaky_notes(db: &mut LeakyDb, todo: Step) -> Result<Seen, String> {
    step(&db.conn, todo)
}

#[unmixed::worker_pool(bounded = 16, workers = 2, resource = Db, max_wait = "5s")]
pub async fn notes_async(db: &mut Db, todo: Step) -> Result<Seen, String> {
    tokio::task::yield_now().await;
    step(&db.conn, todo)
}

const CLEAN: Seen = Seen {
    in_transaction: false,
    visible_rows: 0,
    scratch_table: false,
};

#[test]
fn a_failed_transaction_leaves_nothing_for_the_next_job() {
    let db = TempDb::new("failed");
    let path = db.0.clone();
    let pool = NotesPool::start_with(move || {
        open(&path).map(|conn| Db {
            conn,
            broken: false,
        })
    })
    .unwrap();
    let failed = pool.run_blocking(Step::InsertThenFail("draft".into()));
    assert_eq!(
        failed,
        Ok(Err("validation failed after inserting draft".into()))
    );
    // Same worker, same connection: no open transaction, no uncommitted row.
    assert_eq!(pool.run_blocking(Step::Inspect), Ok(Ok(CLEAN)));
    let panicked = pool.run_blocking(Step::InsertThenPanic("crash".into()));
    assert_eq!(panicked, Err(PoolError::Panicked));
    assert_eq!(pool.run_blocking(Step::Inspect), Ok(Ok(CLEAN)));
    let committed = pool.run_blocking(Step::Insert("kept".into()));
    assert_eq!(
        committed,
        Ok(Ok(Seen {
            in_transaction: false,
            visible_rows: 1,
            scratch_table: false
        }))
    );
    pool.shutdown_blocking();
    assert_eq!(db.committed(), ["kept"]);
}

#[test]
fn without_a_real_reset_the_next_job_inherits_the_open_transaction() {
    // The control for the test above: the same jobs on a connection whose
    // reset does nothing.
    let db = TempDb::new("leaky");
    let path = db.0.clone();
    let pool =
        LeakyNotesPool::start_with(move || open(&path).map(|conn| LeakyDb { conn })).unwrap();
    let failed = pool.run_blocking(Step::InsertThenFail("draft".into()));
    assert!(matches!(failed, Ok(Err(_))));
    assert_eq!(
        pool.run_blocking(Step::Inspect),
        Ok(Ok(Seen {
            in_transaction: true,
            visible_rows: 1,
            scratch_table: false
        }))
    );
    pool.shutdown_blocking();
}

#[test]
fn a_resource_that_cannot_be_reset_is_replaced_through_the_factory() {
    let db = TempDb::new("replaced");
    let path = db.0.clone();
    let made = Arc::new(AtomicUsize::new(0));
    let pool = NotesPool::start_with({
        let made = Arc::clone(&made);
        move || {
            made.fetch_add(1, Ordering::SeqCst);
            open(&path).map(|conn| Db {
                conn,
                broken: false,
            })
        }
    })
    .unwrap();
    assert_eq!(
        made.load(Ordering::SeqCst),
        1,
        "one resource per worker, made up front"
    );
    let broke = pool.run_blocking(Step::Break).unwrap().unwrap();
    assert!(broke.scratch_table);
    // The reset failed: a new connection, without the old one's temp table.
    assert_eq!(pool.run_blocking(Step::Inspect), Ok(Ok(CLEAN)));
    assert_eq!(made.load(Ordering::SeqCst), 2);
    pool.shutdown_blocking();
}

#[test]
fn a_worker_without_a_resource_fails_jobs_until_the_factory_recovers() {
    let db = TempDb::new("recovers");
    let path = db.0.clone();
    let healthy = Arc::new(AtomicBool::new(true));
    let pool = NotesPool::start_with({
        let healthy = Arc::clone(&healthy);
        move || {
            if !healthy.load(Ordering::SeqCst) {
                return Err("database unreachable".to_owned());
            }
            open(&path)
                .map(|conn| Db {
                    conn,
                    broken: false,
                })
                .map_err(|error| error.to_string())
        }
    })
    .unwrap();
    healthy.store(false, Ordering::SeqCst);
    pool.run_blocking(Step::Break).unwrap().unwrap();
    assert_eq!(
        pool.run_blocking(Step::Inspect),
        Err(PoolError::ResourceUnavailable)
    );
    assert_eq!(pool.workers(), 1);
    healthy.store(true, Ordering::SeqCst);
    assert_eq!(pool.run_blocking(Step::Inspect), Ok(Ok(CLEAN)));
    pool.shutdown_blocking();
}

#[test]
fn start_with_returns_the_factory_error() {
    let missing = std::env::temp_dir()
        .join("unmixed-no-such-dir")
        .join("deeper")
        .join("db.sqlite3");
    let result = NotesPool::start_with(move || {
        Connection::open_with_flags(&missing, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE).map(
            |conn| Db {
                conn,
                broken: false,
            },
        )
    });
    assert!(matches!(result, Err(rusqlite::Error::SqliteFailure(..))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_resource_pools_reset_too() {
    let db = TempDb::new("async");
    let path = db.0.clone();
    let pool = NotesAsyncPool::start_with(move || {
        open(&path).map(|conn| Db {
            conn,
            broken: false,
        })
    })
    .unwrap();
    for i in 0..10 {
        let failed = pool.run(Step::InsertThenFail(format!("draft {i}"))).await;
        assert!(matches!(failed, Ok(Err(_))), "{failed:?}");
    }
    for _ in 0..4 {
        assert_eq!(pool.run(Step::Inspect).await, Ok(Ok(CLEAN)));
    }
    assert!(pool.run(Step::Insert("kept".into())).await.unwrap().is_ok());
    pool.shutdown().await;
    assert_eq!(db.committed(), ["kept"]);
}
