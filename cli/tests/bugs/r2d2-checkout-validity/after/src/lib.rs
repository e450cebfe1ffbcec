//! A blocking connection pool: callers check a connection out, and it goes
//! back to the pool when the `PooledConnection` is dropped.

mod manager;

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

use postgres::{Client, Error};

pub use crate::manager::PostgresManager;

struct PoolInternals {
    conns: VecDeque<Client>,
    failed_conns: VecDeque<Error>,
    num_conns: u32,
}

pub struct Pool {
    manager: PostgresManager,
    test_on_check_out: bool,
    internals: Mutex<PoolInternals>,
    cond: Condvar,
}

pub struct PooledConnection<'a> {
    pool: &'a Pool,
    conn: Option<Client>,
}

impl Pool {
    pub fn new(manager: PostgresManager, size: u32) -> Result<Pool, Error> {
        let mut conns = VecDeque::new();
        for _ in 0..size {
            conns.push_back(manager.connect()?);
        }
        Ok(Pool {
            manager,
            test_on_check_out: true,
            internals: Mutex::new(PoolInternals {
                conns,
                failed_conns: VecDeque::new(),
                num_conns: size,
            }),
            cond: Condvar::new(),
        })
    }

    /// Retrieves a connection from the pool.
    pub fn get(&self) -> Result<PooledConnection<'_>, Error> {
        let mut internals = self.internals.lock().unwrap();

        loop {
            match internals.conns.pop_front() {
                Some(mut conn) => {
                    if self.test_on_check_out {
                        drop(internals);
                        let valid = self.manager.is_valid(&mut conn);
                        internals = self.internals.lock().unwrap();

                        if !valid {
                            internals.num_conns -= 1;
                            continue;
                        }
                    }

                    return Ok(PooledConnection {
                        pool: self,
                        conn: Some(conn),
                    });
                }
                None => {
                    if let Some(err) = internals.failed_conns.pop_front() {
                        return Err(err);
                    }
                    internals = self.cond.wait(internals).unwrap();
                }
            }
        }
    }

    fn put_back(&self, conn: Client) {
        let mut internals = self.internals.lock().unwrap();
        internals.conns.push_back(conn);
        self.cond.notify_one();
    }
}

impl Drop for PooledConnection<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.put_back(conn);
        }
    }
}
