//! A connection pool done right, on a real SQLite file: four workers, each
//! owning one connection; a bounded queue with a 250 ms wait budget; and a
//! reset after every job, so that a job that fails half-way through a
//! transaction leaves nothing behind for the next one.
//!
//! Run it with `cargo run -p unmixed-examples --example sqlite_pool`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use unmixed::{PoolError, Reset};

/// One connection to the orders database.
pub struct Db {
    conn: Connection,
}

impl Db {
    fn open(path: &Path) -> rusqlite::Result<Db> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Db { conn })
    }
}

impl Reset for Db {
    type Error = rusqlite::Error;

    /// Rolls back whatever the last job left open. A connection that cannot
    /// even do that is replaced by the pool.
    fn reset(&mut self) -> Result<(), rusqlite::Error> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }
}

/// An order to record.
#[derive(Debug, Clone)]
pub struct Order {
    pub customer: String,
    pub cents: i64,
}

/// Records an order and its audit line in one transaction. Orders with a
/// negative amount fail after the first insert: the reset rolls that back.
#[unmixed::worker_pool(bounded = 64, workers = 4, resource = Db, max_wait = "250ms")]
pub fn insert_order(db: &mut Db, order: Order) -> Result<i64, String> {
    let conn = &db.conn;
    let sql = |error: rusqlite::Error| error.to_string();
    conn.execute_batch("BEGIN IMMEDIATE").map_err(sql)?;
    conn.execute(
        "INSERT INTO orders (customer, cents) VALUES (?1, ?2)",
        (&order.customer, order.cents),
    )
    .map_err(sql)?;
    let id = conn.last_insert_rowid();
    if order.cents < 0 {
        // No rollback here on purpose: the pool's reset does it.
        return Err(format!("order {id} has a negative amount"));
    }
    conn.execute(
        "INSERT INTO audit (order_id, line) VALUES (?1, ?2)",
        (id, format!("{} paid {}", order.customer, order.cents)),
    )
    .map_err(sql)?;
    conn.execute_batch("COMMIT").map_err(sql)?;
    Ok(id)
}

fn database(dir: &Path) -> rusqlite::Result<PathBuf> {
    let path = dir.join("orders.sqlite3");
    let setup = Connection::open(&path)?;
    setup.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, cents INTEGER NOT NULL);
         CREATE TABLE IF NOT EXISTS audit (order_id INTEGER NOT NULL, line TEXT NOT NULL);",
    )?;
    Ok(path)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("unmixed-sqlite-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = database(&dir)?;

    let pool = InsertOrderPool::start_with({
        let path = path.clone();
        move || Db::open(&path)
    })?;
    println!(
        "pool: {} workers, {} queue places",
        pool.workers(),
        pool.capacity()
    );

    // Many callers at once; a few orders are bad.
    let mut callers = tokio::task::JoinSet::new();
    for n in 0..200u32 {
        let pool = pool.clone();
        callers.spawn(async move {
            let cents = if n.is_multiple_of(25) {
                -1
            } else {
                100 + i64::from(n)
            };
            let order = Order {
                customer: format!("customer-{n}"),
                cents,
            };
            pool.run(order).await
        });
    }
    let (mut stored, mut refused, mut timed_out) = (0, 0, 0);
    while let Some(outcome) = callers.join_next().await {
        match outcome? {
            Ok(Ok(_id)) => stored += 1,
            Ok(Err(_validation)) => refused += 1,
            Err(PoolError::Timeout) => timed_out += 1,
            Err(other) => return Err(other.into()),
        }
    }
    pool.shutdown().await;

    let check = Connection::open(&path)?;
    let orders: i64 = check.query_row("SELECT count(*) FROM orders", [], |row| row.get(0))?;
    let audits: i64 = check.query_row("SELECT count(*) FROM audit", [], |row| row.get(0))?;
    println!("stored {stored}, refused {refused}, timed out waiting for the queue {timed_out}");
    println!("in the database: {orders} orders, {audits} audit lines");
    // Every refused order was rolled back by the reset: no order without its audit line.
    assert_eq!(orders, stored);
    assert_eq!(audits, stored);

    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
