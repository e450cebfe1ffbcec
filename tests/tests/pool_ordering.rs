//! Every job's result comes back to its own caller, and one worker runs
//! jobs in the order they were queued.

mod pool_util;

use std::sync::mpsc::{sync_channel, SyncSender};

use pool_util::{within, HANG};

#[unmixed::worker_pool(bounded = 32, workers = 1)]
pub fn record(index: u32, log: SyncSender<u32>) -> u32 {
    log.send(index).expect("the test keeps the log open");
    index * 3
}

#[unmixed::worker_pool(bounded = 16, workers = 4)]
pub fn square(x: u64) -> u64 {
    // Uneven work, so that jobs finish out of order on several workers.
    let spins = (x % 7) * 1_000;
    let mut acc = x;
    for i in 0..spins {
        acc = std::hint::black_box(acc.wrapping_add(i));
    }
    std::hint::black_box(acc);
    x * x
}

#[unmixed::worker_pool(bounded = 16, workers = 4)]
pub async fn cube(x: u64) -> u64 {
    if x.is_multiple_of(3) {
        tokio::task::yield_now().await;
    }
    x * x * x
}

#[test]
fn one_worker_runs_jobs_in_queue_order() {
    const JOBS: u32 = 500;
    let (log, entries) = sync_channel(JOBS as usize);
    let pool = RecordPool::start();
    let jobs: Vec<_> = (0..JOBS)
        .map(|index| pool.submit_blocking(index, log.clone()).unwrap())
        .collect();
    for (index, job) in (0..JOBS).zip(jobs) {
        assert_eq!(job.wait(), Ok(index * 3));
    }
    let order: Vec<u32> = (0..JOBS)
        .map(|_| entries.recv_timeout(HANG).unwrap())
        .collect();
    assert_eq!(order, (0..JOBS).collect::<Vec<_>>());
    pool.shutdown_blocking();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_match_their_jobs_across_workers() {
    let pool = SquarePool::start();
    let mut jobs = Vec::new();
    for x in 0..1_000u64 {
        jobs.push((x, pool.submit(x).await.unwrap()));
    }
    for (x, job) in jobs {
        assert_eq!(within("a square job", job).await, Ok(x * x));
    }
    pool.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_match_their_jobs_from_many_callers() {
    let pool = CubePool::start();
    let mut callers = tokio::task::JoinSet::new();
    for caller in 0..8u64 {
        let pool = pool.clone();
        callers.spawn(async move {
            for i in 0..100u64 {
                let x = caller * 1_000 + i;
                assert_eq!(pool.run(x).await, Ok(x * x * x));
            }
        });
    }
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            done.unwrap();
        }
    })
    .await;
    pool.shutdown().await;
}

#[test]
fn sync_callers_on_many_threads_get_their_own_results() {
    let pool = SquarePool::start();
    let threads: Vec<_> = (0..4u64)
        .map(|caller| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                for i in 0..200u64 {
                    let x = caller * 10_000 + i;
                    assert_eq!(pool.run_blocking(x), Ok(x * x));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    pool.shutdown_blocking();
}
