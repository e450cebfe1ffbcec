//! `#[shared_state]` accessors under real thread contention: no lost
//! updates, no deadlocks between multi-field updates, consistent snapshots.
//! Timeouts here only detect hangs; nothing asserts on speed.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const THREADS: u64 = 4;
const PER_THREAD: u64 = 250_000;

#[unmixed::shared_state]
pub struct Totals {
    pub locked: u64,
    #[rw]
    pub read_mostly: u64,
    #[counter]
    pub hits: u64,
    #[counter]
    pub balance: i64,
}

/// Runs `work` on its own thread and fails the test if it has not finished
/// after `limit` (a hang detector: the work normally takes a fraction of it).
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(work());
    });
    finished
        .recv_timeout(limit)
        .expect("the threads did not finish: deadlock or livelock")
}

#[test]
fn no_increment_is_lost() {
    let totals = Totals {
        locked: 0,
        read_mostly: 0,
        hits: 0,
        balance: 0,
    }
    .share();
    let shared = totals.clone();
    within(Duration::from_secs(120), move || {
        let workers: Vec<_> = (0..THREADS)
            .map(|index| {
                let totals = shared.clone();
                thread::spawn(move || {
                    for _ in 0..PER_THREAD {
                        totals.locked_mut(|n| *n += 1);
                        totals.read_mostly_mut(|n| *n += 1);
                        totals.add_hits(1);
                        // Half the threads pay in, half pay out, twice as much.
                        if index % 2 == 0 {
                            totals.add_balance(2);
                        } else {
                            totals.sub_balance(2);
                        }
                        // Readers interleave with the writers.
                        let _ = totals.read_mostly(|n| *n);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker panicked");
        }
    });
    let expected = THREADS * PER_THREAD;
    assert_eq!(totals.locked(|n| *n), expected);
    assert_eq!(totals.read_mostly(|n| *n), expected);
    assert_eq!(totals.hits(), expected);
    assert_eq!(totals.balance(), 0);
    let plain = totals.try_unwrap().expect("every other handle is gone");
    assert_eq!((plain.locked, plain.hits), (expected, expected));
}

#[unmixed::shared_state]
pub struct Accounts {
    pub checking: i64,
    pub savings: i64,
    #[rw]
    pub transfers: u64,
}

#[test]
fn multi_field_updates_never_deadlock_and_stay_consistent() {
    const TOTAL: i64 = 1_000;
    const UPDATES: u64 = 50_000;
    let accounts = Accounts {
        checking: TOTAL,
        savings: 0,
        transfers: 0,
    }
    .share();
    let shared = accounts.clone();
    within(Duration::from_secs(120), move || {
        let workers: Vec<_> = (0..THREADS)
            .map(|index| {
                let accounts = shared.clone();
                thread::spawn(move || {
                    for round in 0..UPDATES {
                        // Even threads touch the fields in declaration order,
                        // odd threads in the opposite order: the locks are
                        // still taken in one order, so this cannot deadlock.
                        accounts.update(|view| {
                            assert_eq!(*view.checking + *view.savings, TOTAL, "torn update");
                            if index % 2 == 0 {
                                *view.checking -= 1;
                                *view.savings += 1;
                            } else {
                                *view.savings -= 1;
                                *view.checking += 1;
                            }
                            *view.transfers += 1;
                        });
                        // Single-field accessors interleave, in both orders.
                        if round % 2 == 0 {
                            let _ = accounts.savings(|s| *s);
                            let _ = accounts.checking(|c| *c);
                        } else {
                            let _ = accounts.transfers(|t| *t);
                            let _ = accounts.checking(|c| *c);
                            let _ = accounts.savings(|s| *s);
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker panicked");
        }
    });
    let (checking, savings, transfers) =
        accounts.update(|view| (*view.checking, *view.savings, *view.transfers));
    assert_eq!(checking + savings, TOTAL);
    // Two threads moved money one way, two the other, equally often.
    assert_eq!(savings, 0);
    assert_eq!(transfers, THREADS * UPDATES);
}

#[derive(Clone)]
pub struct Catalog {
    pub version: u64,
    pub prices: Vec<u64>,
}

#[unmixed::shared_state]
pub struct Shop {
    #[snapshot]
    pub catalog: Catalog,
}

#[test]
fn snapshot_readers_see_whole_values_and_no_update_is_lost() {
    const WRITERS: u64 = 2;
    const WRITES: u64 = 5_000;
    let shop = Shop {
        catalog: Catalog {
            version: 0,
            prices: vec![0; 16],
        },
    }
    .share();
    let shared = shop.clone();
    within(Duration::from_secs(120), move || {
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let shop = shared.clone();
                thread::spawn(move || {
                    let mut last = 0;
                    let mut reads = 0u64;
                    loop {
                        let catalog = shop.catalog();
                        // A snapshot is never half-written...
                        assert!(catalog.prices.iter().all(|p| *p == catalog.version));
                        // ...and versions never go backwards for one reader.
                        assert!(catalog.version >= last);
                        last = catalog.version;
                        reads += 1;
                        if last == WRITERS * WRITES {
                            return reads;
                        }
                    }
                })
            })
            .collect();
        let writers: Vec<_> = (0..WRITERS)
            .map(|_| {
                let shop = shared.clone();
                thread::spawn(move || {
                    for _ in 0..WRITES {
                        shop.update_catalog(|catalog| {
                            catalog.version += 1;
                            let version = catalog.version;
                            catalog.prices.iter_mut().for_each(|p| *p = version);
                        });
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().expect("writer panicked");
        }
        for reader in readers {
            assert!(reader.join().expect("reader panicked") > 0);
        }
    });
    // Copy-on-write updates from two writers: none lost.
    assert_eq!(shop.catalog().version, WRITERS * WRITES);
    // `set_` replaces the whole value; earlier snapshots stay valid.
    let old = shop.catalog();
    shop.set_catalog(Catalog {
        version: 0,
        prices: Vec::new(),
    });
    assert_eq!(old.prices.len(), 16);
    assert!(shop.catalog().prices.is_empty());
}

#[test]
fn a_panicking_closure_releases_the_lock() {
    let totals = Totals {
        locked: 1,
        read_mostly: 0,
        hits: 0,
        balance: 0,
    }
    .share();
    let other = totals.clone();
    let result =
        thread::spawn(move || other.locked_mut(|_| panic!("inside the critical section"))).join();
    assert!(result.is_err());
    // No poisoning: the next caller just gets the lock.
    assert_eq!(totals.locked(|n| *n), 1);
}

/// A nested accessor of the same field would wait for itself forever; in
/// debug builds it panics and says why instead. Other fields nest fine.
#[cfg(debug_assertions)]
#[test]
fn a_reentrant_accessor_panics_instead_of_deadlocking() {
    fn message(panic: Box<dyn std::any::Any + Send>) -> String {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    }
    let accounts = Accounts {
        checking: 1,
        savings: 2,
        transfers: 0,
    }
    .share();
    // Different fields nest.
    let total = accounts.checking(|c| *c + accounts.savings(|s| *s));
    assert_eq!(total, 3);
    type Case = (&'static str, Box<dyn FnOnce(AccountsHandle) + Send>);
    let cases: Vec<Case> = vec![
        (
            "same plain field",
            Box::new(|a: AccountsHandle| {
                a.checking_mut(|_| a.checking(|c| *c));
            }),
        ),
        (
            "same rw field, read inside read",
            Box::new(|a: AccountsHandle| {
                a.transfers(|_| a.transfers(|t| *t));
            }),
        ),
        (
            "update inside a field's closure",
            Box::new(|a: AccountsHandle| {
                a.savings(|_| a.update(|_| ()));
            }),
        ),
    ];
    for (case, body) in cases {
        let handle = accounts.clone();
        let result = within(Duration::from_secs(30), move || {
            thread::spawn(move || body(handle)).join()
        });
        let panic = result.expect_err(case);
        assert!(
            message(panic).contains("would deadlock"),
            "{case}: the panic explains the deadlock"
        );
    }
    // The locks were released by the unwinding: the handle still works.
    accounts.update(|view| *view.transfers += 1);
    assert_eq!(accounts.transfers(|t| *t), 1);
}
