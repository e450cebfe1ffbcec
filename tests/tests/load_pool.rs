//! Worker pools under load where one job in ten panics: every other job's
//! result is right, every panicking job answers `Panicked`, and the pool
//! keeps all its workers. Both kinds: sync jobs on threads, async on tasks.

mod load_util;

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use load_util::{answer, silence_planned_panics, watch, PLANNED_PANIC};
use tokio::task::JoinSet;
use unmixed::PoolError;

fn panics(request: u64) -> bool {
    request.is_multiple_of(10)
}

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub fn fragile(request: u64) -> u64 {
    assert!(!panics(request), "{PLANNED_PANIC} in job {request}");
    answer(request)
}

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub async fn fragile_async(request: u64) -> u64 {
    // Suspends first, so the panic happens in a later poll of the job.
    tokio::task::yield_now().await;
    assert!(!panics(request), "{PLANNED_PANIC} in job {request}");
    answer(request)
}

/// What the load needs from a pool, so that one body drives both kinds.
trait LoadedPool: Clone + Send + Sync + 'static {
    fn job(&self, request: u64) -> impl Future<Output = Result<u64, PoolError>> + Send;
    fn workers(&self) -> usize;
    fn live_workers(&self) -> usize;
    fn queued(&self) -> usize;
    fn capacity(&self) -> usize;
    fn shutdown(&self) -> impl Future<Output = ()> + Send;
}

macro_rules! loaded_pool {
    ($pool:ty) => {
        impl LoadedPool for $pool {
            fn job(&self, request: u64) -> impl Future<Output = Result<u64, PoolError>> + Send {
                self.run(request)
            }
            fn workers(&self) -> usize {
                self.workers()
            }
            fn live_workers(&self) -> usize {
                self.live_workers()
            }
            fn queued(&self) -> usize {
                self.queued()
            }
            fn capacity(&self) -> usize {
                self.capacity()
            }
            fn shutdown(&self) -> impl Future<Output = ()> + Send {
                self.shutdown()
            }
        }
    };
}

loaded_pool!(FragilePool);
loaded_pool!(FragileAsyncPool);

/// The pool's worker count and queue, checked after every result.
fn assert_whole(pool: &impl LoadedPool, after: u64) {
    assert_eq!(
        pool.live_workers(),
        pool.workers(),
        "a worker is gone after job {after}"
    );
    assert!(pool.queued() <= pool.capacity(), "the queue overflowed");
}

async fn run(pool: impl LoadedPool, submitters: u64, jobs_per_submitter: u64) {
    silence_planned_panics();
    let total = submitters * jobs_per_submitter;
    let results = Arc::new(AtomicU64::new(0));
    let panicked = Arc::new(AtomicU64::new(0));
    let mut tasks = JoinSet::new();
    for submitter in 0..submitters {
        let pool = pool.clone();
        let results = Arc::clone(&results);
        let panicked = Arc::clone(&panicked);
        tasks.spawn(async move {
            for sequence in 0..jobs_per_submitter {
                let request = submitter * jobs_per_submitter + sequence;
                let result = pool.job(request).await;
                if panics(request) {
                    assert_eq!(result, Err(PoolError::Panicked), "job {request}");
                    panicked.fetch_add(1, Ordering::Relaxed);
                } else {
                    assert_eq!(result, Ok(answer(request)), "job {request}");
                }
                assert_whole(&pool, request);
                results.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    watch("the submitters", &results, async {
        while let Some(submitter) = tasks.join_next().await {
            submitter.expect("a submitter panicked");
        }
    })
    .await;
    assert_eq!(results.load(Ordering::Relaxed), total);
    assert_eq!(panicked.load(Ordering::Relaxed), total.div_ceil(10));
    assert_whole(&pool, total);
    watch("shutdown", &results, pool.shutdown()).await;
    assert_eq!(
        pool.live_workers(),
        0,
        "shutdown returned before the workers exited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sync_pool_with_panicking_jobs_keeps_its_workers() {
    run(FragilePool::start(), 20, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn async_pool_with_panicking_jobs_keeps_its_workers() {
    run(FragileAsyncPool::start(), 20, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test load_pool -- --ignored"]
async fn sync_pool_a_hundred_thousand_jobs_one_in_ten_panicking() {
    run(FragilePool::start(), 100, 1_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test load_pool -- --ignored"]
async fn async_pool_a_hundred_thousand_jobs_one_in_ten_panicking() {
    run(FragileAsyncPool::start(), 100, 1_000).await;
}
