//! Panics and shutdown: a panicking job resolves its own `Job` with
//! `Panicked` and the pool keeps every worker; `shutdown` stops intake, runs
//! everything already queued, then returns.

mod pool_util;

use std::sync::mpsc::{sync_channel, SyncSender};

use pool_util::{assert_pending, gate, within, Hold, HANG};
use tokio::sync::oneshot;
use unmixed::PoolError;

#[unmixed::worker_pool(bounded = 64, workers = 2)]
pub fn fragile(value: u32, panic: bool, hold: Option<Hold>) -> u32 {
    if let Some(hold) = hold {
        hold.wait();
    }
    assert!(!panic, "job {value} was told to panic");
    value
}

#[unmixed::worker_pool(bounded = 64, workers = 2)]
pub async fn fragile_async(
    value: u32,
    panic: bool,
    entered: Option<oneshot::Sender<()>>,
    release: Option<oneshot::Receiver<()>>,
) -> u32 {
    if let Some(entered) = entered {
        let _ = entered.send(());
    }
    if let Some(release) = release {
        let _ = release.await;
    }
    tokio::task::yield_now().await;
    assert!(!panic, "job {value} was told to panic");
    value
}

#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub fn note(value: u32, done: SyncSender<u32>, hold: Option<Hold>) {
    if let Some(hold) = hold {
        hold.wait();
    }
    let _ = done.send(value);
}

/// A panic payload whose own `Drop` panics: user code the pool runs when it
/// throws the payload away.
struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("a panic payload's drop panicked on purpose");
    }
}

#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub fn bomb(value: u32) -> u32 {
    if value == 0 {
        std::panic::panic_any(Bomb);
    }
    value
}

#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub async fn bomb_async(value: u32) -> u32 {
    tokio::task::yield_now().await;
    if value == 0 {
        std::panic::panic_any(Bomb);
    }
    value
}

/// Parks both workers of a pool at once: only possible if both are alive.
fn both_workers_alive(pool: &FragilePool) {
    let (first, first_hold) = gate();
    let (second, second_hold) = gate();
    let a = pool.try_submit(1, false, Some(first_hold)).unwrap();
    let b = pool.try_submit(2, false, Some(second_hold)).unwrap();
    first.entered();
    second.entered();
    first.open();
    second.open();
    assert_eq!(a.wait(), Ok(1));
    assert_eq!(b.wait(), Ok(2));
}

#[test]
fn a_panicking_job_resolves_its_own_job_and_the_pool_keeps_its_workers() {
    let pool = FragilePool::start();
    let jobs: Vec<_> = (0..40u32)
        .map(|value| {
            (
                value,
                pool.submit_blocking(value, value.is_multiple_of(3), None)
                    .unwrap(),
            )
        })
        .collect();
    for (value, job) in jobs {
        let expected = if value.is_multiple_of(3) {
            Err(PoolError::Panicked)
        } else {
            Ok(value)
        };
        assert_eq!(job.wait(), expected, "job {value}");
    }
    assert_eq!(pool.workers(), 2);
    both_workers_alive(&pool);
    pool.shutdown_blocking();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_async_job_that_panics_leaves_the_pool_whole() {
    let pool = FragileAsyncPool::start();
    for value in 0..20u32 {
        let expected = if value.is_multiple_of(2) {
            Err(PoolError::Panicked)
        } else {
            Ok(value)
        };
        assert_eq!(
            pool.run(value, value.is_multiple_of(2), None, None).await,
            expected
        );
    }
    // Both worker tasks still run: two jobs can be parked at the same time.
    let (entered_a, a_in) = oneshot::channel();
    let (entered_b, b_in) = oneshot::channel();
    let (release_a, a_out) = oneshot::channel();
    let (release_b, b_out) = oneshot::channel();
    let a = pool
        .try_submit(100, false, Some(entered_a), Some(a_out))
        .unwrap();
    let b = pool
        .try_submit(200, false, Some(entered_b), Some(b_out))
        .unwrap();
    within("the first parked job", a_in).await.unwrap();
    within("the second parked job", b_in).await.unwrap();
    release_a.send(()).unwrap();
    release_b.send(()).unwrap();
    assert_eq!(within("a", a).await, Ok(100));
    assert_eq!(within("b", b).await, Ok(200));
    pool.shutdown().await;
}

#[test]
fn a_panic_whose_payload_panics_when_dropped_keeps_the_worker() {
    let pool = BombPool::start();
    assert_eq!(pool.run_blocking(0), Err(PoolError::Panicked));
    assert_eq!(pool.live_workers(), 1);
    assert_eq!(pool.run_blocking(1), Ok(1));
    pool.shutdown_blocking();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_async_panic_whose_payload_panics_when_dropped_keeps_the_worker() {
    let pool = BombAsyncPool::start();
    assert_eq!(
        within("the bomb", pool.run(0)).await,
        Err(PoolError::Panicked)
    );
    assert_eq!(pool.live_workers(), 1);
    assert_eq!(within("the next job", pool.run(1)).await, Ok(1));
    within("shutdown", pool.shutdown()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_runs_every_queued_job_and_refuses_new_ones() {
    let pool = FragilePool::start();
    let (first, first_hold) = gate();
    let (second, second_hold) = gate();
    let running = [
        pool.try_submit(0, false, Some(first_hold)).unwrap(),
        pool.try_submit(1, false, Some(second_hold)).unwrap(),
    ];
    first.entered();
    second.entered();
    let queued: Vec<_> = (10..30)
        .map(|value| pool.try_submit(value, value == 15, None).unwrap())
        .collect();
    let mut shutdown = Box::pin({
        let pool = pool.clone();
        async move { pool.shutdown().await }
    });
    assert_pending("shutdown while jobs are queued", &mut shutdown).await;
    assert!(pool.is_closed());
    assert_eq!(pool.run(99, false, None).await, Err(PoolError::Closed));
    assert_eq!(
        pool.submit(99, false, None).await.unwrap_err(),
        PoolError::Closed
    );
    let rejected = pool.try_submit(99, false, None).unwrap_err();
    assert!(rejected.is_closed());
    assert_eq!(rejected.into_inner().0, 99);
    first.open();
    second.open();
    within("shutdown", &mut shutdown).await;
    // Shutdown returned: every queued job has already run.
    assert_eq!(pool.queued(), 0);
    for (value, job) in (10..).zip(queued) {
        let expected = if value == 15 {
            Err(PoolError::Panicked)
        } else {
            Ok(value)
        };
        assert_eq!(job.await, expected);
    }
    for (value, job) in (0..).zip(running) {
        assert_eq!(job.await, Ok(value));
    }
    // A second shutdown returns at once.
    within("a second shutdown", pool.shutdown()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_wakes_callers_waiting_for_space_with_closed() {
    let pool = NotePool::start();
    let (done, notes) = sync_channel(16);
    let (latch, hold) = gate();
    let first = pool.try_submit(1, done.clone(), Some(hold)).unwrap();
    latch.entered();
    for value in 2..=5 {
        pool.try_submit(value, done.clone(), None).unwrap();
    }
    let waiting = tokio::spawn({
        let pool = pool.clone();
        let done = done.clone();
        async move { pool.run(6, done, None).await }
    });
    tokio::time::sleep(pool_util::SETTLE).await;
    assert!(
        !waiting.is_finished(),
        "run returned while the queue was full"
    );
    let shutdown = tokio::spawn({
        let pool = pool.clone();
        async move { pool.shutdown().await }
    });
    assert_eq!(
        within("the waiting caller", waiting).await.unwrap(),
        Err(PoolError::Closed)
    );
    latch.open();
    within("shutdown", shutdown).await.unwrap();
    assert_eq!(within("the first job", first).await, Ok(()));
    let ran: Vec<u32> = notes.try_iter().collect();
    assert_eq!(
        ran,
        [1, 2, 3, 4, 5],
        "the queued jobs ran, the refused one did not"
    );
}

#[test]
fn a_dropped_job_still_runs() {
    let pool = NotePool::start();
    let (done, notes) = sync_channel(4);
    drop(pool.submit_blocking(7, done.clone(), None).unwrap());
    drop(pool.try_submit(8, done, None).unwrap());
    assert_eq!(notes.recv_timeout(HANG), Ok(7));
    assert_eq!(notes.recv_timeout(HANG), Ok(8));
    pool.shutdown_blocking();
}

#[test]
fn dropping_every_handle_still_runs_the_queued_jobs() {
    let pool = NotePool::start();
    let (done, notes) = sync_channel(4);
    let jobs: Vec<_> = (1..=3)
        .map(|value| pool.try_submit(value, done.clone(), None).unwrap())
        .collect();
    drop(pool);
    for job in jobs {
        assert_eq!(job.wait(), Ok(()));
    }
    let ran: Vec<u32> = notes.try_iter().collect();
    assert_eq!(ran, [1, 2, 3]);
}

fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Every way of using an async pool whose workers are gone says `Closed`, at once.
async fn assert_closed(pool: &FragileAsyncPool) {
    assert!(pool.is_closed());
    assert_eq!(pool.live_workers(), 0);
    // More calls than the queue has places: a refused call must not use one up.
    for _ in 0..=pool.capacity() {
        assert_eq!(
            within("run", pool.run(1, false, None, None)).await,
            Err(PoolError::Closed)
        );
    }
    assert_eq!(
        within("submit", pool.submit(1, false, None, None))
            .await
            .unwrap_err(),
        PoolError::Closed
    );
    assert!(pool
        .try_submit(1, false, None, None)
        .unwrap_err()
        .is_closed());
    within("shutdown", pool.shutdown()).await;
}

#[test]
fn async_pool_outliving_its_runtime_reports_closed() {
    let home = current_thread_runtime();
    let pool = FragileAsyncPool::start_on(home.handle());
    assert_eq!(home.block_on(pool.run(1, false, None, None)), Ok(1));
    assert_eq!(pool.live_workers(), 2);
    // Queued while the home runtime is idle: no worker runs it.
    let queued = pool.try_submit(2, false, None, None).unwrap();
    drop(home);

    current_thread_runtime().block_on(async {
        assert_eq!(
            within("a job whose workers' runtime is gone", queued).await,
            Err(PoolError::Closed)
        );
        assert_closed(&pool).await;
    });
}

#[test]
fn async_pool_whose_runtime_ended_with_an_empty_queue_reports_closed() {
    let home = current_thread_runtime();
    let pool = FragileAsyncPool::start_on(home.handle());
    assert_eq!(home.block_on(pool.run(1, false, None, None)), Ok(1));
    drop(home);

    current_thread_runtime().block_on(assert_closed(&pool));
}

#[test]
fn async_pool_whose_runtime_never_ran_its_workers_reports_closed() {
    let home = current_thread_runtime();
    // Nothing drives this runtime: its worker tasks are dropped unpolled.
    let pool = FragileAsyncPool::start_on(home.handle());
    let queued = pool.try_submit(1, false, None, None).unwrap();
    drop(home);

    current_thread_runtime().block_on(async {
        assert_eq!(
            within("a job whose workers never started", queued).await,
            Err(PoolError::Closed)
        );
        assert_closed(&pool).await;
    });
}
