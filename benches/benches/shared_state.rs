//! `#[shared_state]` against the locks a careful user holds by hand:
//!
//! - `accessor`: one thread, one increment of a `u64` field through
//!   `items_mut(|n| *n += 1)`, against `*m.lock() += 1` on a hand-held
//!   `Arc<parking_lot::Mutex<u64>>` and `*m.lock().unwrap() += 1` on an
//!   `Arc<std::sync::Mutex<u64>>`; and the read side through `items(..)`.
//! - `two_fields`: two threads, each incrementing its own field 100 000
//!   times: the generated per-field locks against one `parking_lot::Mutex`
//!   over a struct of both fields (the shape LOCK_GUARDS_INDEPENDENT_STATE
//!   reports). The time is for both threads' 200 000 increments.
//! - `counter`: `add_hits(1)` (one `fetch_add`) against a mutex-protected
//!   integer and a hand-written compare-exchange loop, on one thread and on
//!   two threads hammering the same counter.
//!
//! Reproduce (about a minute on two cores):
//!
//! ```text
//! cargo bench -p unmixed-benches --bench shared_state -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[unmixed::shared_state]
pub struct Inventory {
    pub items: u64,
    pub log: u64,
    #[counter]
    pub hits: u64,
}

fn inventory() -> InventoryHandle {
    Inventory {
        items: 0,
        log: 0,
        hits: 0,
    }
    .share()
}

fn accessor(c: &mut Criterion) {
    let mut group = c.benchmark_group("accessor");
    group.throughput(Throughput::Elements(1));

    let lock = Arc::new(parking_lot::Mutex::new(0u64));
    group.bench_function("parking_lot_mutex", |b| {
        b.iter(|| *black_box(&lock).lock() += 1)
    });
    let inv = inventory();
    group.bench_function("unmixed_items_mut", |b| {
        b.iter(|| black_box(&inv).items_mut(|n| *n += 1))
    });
    let lock = Arc::new(std::sync::Mutex::new(0u64));
    group.bench_function("std_mutex", |b| {
        b.iter(|| *black_box(&lock).lock().unwrap() += 1)
    });

    group.bench_function("unmixed_items_read", |b| {
        b.iter(|| black_box(&inv).items(|n| *n))
    });
    let lock = Arc::new(parking_lot::Mutex::new(0u64));
    group.bench_function("parking_lot_mutex_read", |b| {
        b.iter(|| *black_box(&lock).lock())
    });
    group.finish();
}

/// Runs `work` on two threads at once (released together by a barrier),
/// `iters` times, and returns the time from the release to the last finish.
fn two_threads(iters: u64, work: impl Fn(usize) + Sync) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let barrier = Barrier::new(3);
        let start = std::thread::scope(|scope| {
            for thread in 0..2 {
                let (work, barrier) = (&work, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    work(thread);
                });
            }
            barrier.wait();
            Instant::now()
        });
        total += start.elapsed();
    }
    total
}

const PER_THREAD: u64 = 100_000;

struct Both {
    items: u64,
    log: u64,
}

fn two_fields(c: &mut Criterion) {
    let mut group = c.benchmark_group("two_fields");
    group.throughput(Throughput::Elements(2 * PER_THREAD));
    group.sample_size(20);

    let inv = inventory();
    group.bench_function("unmixed_per_field_locks", |b| {
        b.iter_custom(|iters| {
            two_threads(iters, |thread| {
                for _ in 0..PER_THREAD {
                    if thread == 0 {
                        inv.items_mut(|n| *n += 1);
                    } else {
                        inv.log_mut(|n| *n += 1);
                    }
                }
            })
        })
    });
    let one = parking_lot::Mutex::new(Both { items: 0, log: 0 });
    group.bench_function("one_parking_lot_mutex", |b| {
        b.iter_custom(|iters| {
            two_threads(iters, |thread| {
                for _ in 0..PER_THREAD {
                    let mut both = one.lock();
                    if thread == 0 {
                        both.items += 1;
                    } else {
                        both.log += 1;
                    }
                }
            })
        })
    });
    group.finish();
}

fn cas_add(counter: &AtomicU64, by: u64) -> u64 {
    let mut current = counter.load(Ordering::Relaxed);
    loop {
        match counter.compare_exchange_weak(
            current,
            current + by,
            Ordering::AcqRel,
            Ordering::Relaxed,
        ) {
            Ok(previous) => return previous,
            Err(actual) => current = actual,
        }
    }
}

fn counter(c: &mut Criterion) {
    let mut group = c.benchmark_group("counter");
    group.throughput(Throughput::Elements(1));
    let inv = inventory();
    group.bench_function("one_thread/unmixed_add", |b| {
        b.iter(|| black_box(&inv).add_hits(1))
    });
    let lock = parking_lot::Mutex::new(0u64);
    group.bench_function("one_thread/mutex_int", |b| {
        b.iter(|| *black_box(&lock).lock() += 1)
    });
    let atomic = AtomicU64::new(0);
    group.bench_function("one_thread/cas_loop", |b| {
        b.iter(|| cas_add(black_box(&atomic), 1))
    });

    group.throughput(Throughput::Elements(2 * PER_THREAD));
    group.sample_size(20);
    group.bench_function("two_threads/unmixed_add", |b| {
        b.iter_custom(|iters| {
            two_threads(iters, |_| {
                for _ in 0..PER_THREAD {
                    inv.add_hits(1);
                }
            })
        })
    });
    group.bench_function("two_threads/mutex_int", |b| {
        b.iter_custom(|iters| {
            two_threads(iters, |_| {
                for _ in 0..PER_THREAD {
                    *lock.lock() += 1;
                }
            })
        })
    });
    group.bench_function("two_threads/cas_loop", |b| {
        b.iter_custom(|iters| {
            two_threads(iters, |_| {
                for _ in 0..PER_THREAD {
                    cas_add(&atomic, 1);
                }
            })
        })
    });
    group.finish();
}

criterion_group!(benches, accessor, two_fields, counter);
criterion_main!(benches);
