//! The forms of `#[unmixed::worker_pool]`: sync and async functions, several
//! arguments or none, resources, the module form, and the generated methods.

use std::convert::Infallible;
use std::error::Error;
use std::fmt::Debug;

use static_assertions::assert_impl_all;
use unmixed::{Job, PoolError, Rejected, Reset};

#[unmixed::worker_pool(bounded = 64, workers = 4)]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.iter().map(|&b| u32::from(b)).sum()
}

#[unmixed::worker_pool(bounded = 8, workers = 2)]
pub async fn fetch_len(url: String) -> Result<usize, String> {
    tokio::task::yield_now().await;
    if url.is_empty() {
        Err("empty url".to_owned())
    } else {
        Ok(url.len())
    }
}

/// Several arguments, a pattern among them.
#[unmixed::worker_pool(bounded = 4)]
pub fn scale((x, y): (i64, i64), by: i64, label: String) -> String {
    format!("{label}: {} {}", x * by, y * by)
}

/// No arguments at all.
#[unmixed::worker_pool(bounded = 4, workers = 1)]
pub fn answer() -> u64 {
    42
}

const QUEUE: usize = 3;
const WORKERS: usize = 2;

#[unmixed::worker_pool(bounded = QUEUE, workers = WORKERS)]
fn private_double(x: u64) -> u64 {
    x * 2
}

/// A resource that counts the jobs it served since its last reset.
pub struct Tally {
    served: u32,
    resets: u32,
}

impl Reset for Tally {
    type Error = Infallible;

    fn reset(&mut self) -> Result<(), Infallible> {
        self.served = 0;
        self.resets += 1;
        Ok(())
    }
}

#[unmixed::worker_pool(bounded = 8, workers = 1, resource = Tally, max_wait = "1s")]
pub fn tally(tally: &mut Tally, add: u32) -> (u32, u32) {
    tally.served += add;
    (tally.served, tally.resets)
}

#[unmixed::worker_pool(bounded = 8, workers = 1, resource = Tally, max_wait = "1s")]
pub async fn tally_later(tally: &mut Tally, add: u32) -> (u32, u32) {
    tokio::task::yield_now().await;
    tally.served += add;
    (tally.served, tally.resets)
}

/// Argument names that the generated code also uses internally.
#[unmixed::worker_pool(bounded = 8, workers = 1, resource = Tally, max_wait = "1s")]
pub fn reset(resource: &mut Tally, factory: u32, runtime: u32) -> u32 {
    resource.served += factory + runtime;
    resource.served
}

/// The module form: the job is the only `pub fn`; helpers stay private.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub mod thumbs {
    fn shrink(side: u32) -> u32 {
        side / 4
    }

    pub fn make(width: u32, height: u32) -> (u32, u32) {
        (shrink(width), shrink(height))
    }
}

/// The module form with `job = ..` among several public functions.
#[unmixed::worker_pool(bounded = 16, workers = 1, job = parse)]
pub mod parsing {
    pub fn parse(text: String) -> Result<u32, String> {
        clean(&text)
            .parse()
            .map_err(|_| format!("not a number: {text}"))
    }

    pub fn clean(text: &str) -> &str {
        text.trim()
    }
}

assert_impl_all!(ChecksumPool: Clone, Send, Sync, Debug);
assert_impl_all!(FetchLenPool: Clone, Send, Sync, Debug);
assert_impl_all!(TallyPool: Clone, Send, Sync, Debug);
assert_impl_all!(PoolError: Error, Send, Sync, Copy, Eq, Debug);
assert_impl_all!(Rejected<Vec<u8>>: Error, Send, Sync, Debug);
assert_impl_all!(Job<u32>: Send, Sync, Debug, Unpin);

#[tokio::test]
async fn sync_pool_runs_jobs_every_way() {
    let pool = ChecksumPool::start();
    assert_eq!(pool.run(vec![1, 2, 3]).await, Ok(6));
    let job: Job<u32> = pool.submit(vec![4]).await.unwrap();
    assert_eq!(job.await, Ok(4));
    let job = pool.try_submit(vec![5]).expect("an empty queue has room");
    assert_eq!(job.await, Ok(5));
    let job = pool.submit_blocking(vec![6, 6]).unwrap();
    assert_eq!(job.wait(), Ok(12));
    assert_eq!(pool.capacity(), 64);
    assert_eq!(pool.workers(), 4);
    assert!(!pool.is_closed());
    pool.shutdown().await;
    assert!(pool.is_closed());
    assert_eq!(pool.run(vec![1]).await, Err(PoolError::Closed));
}

#[test]
fn sync_pool_works_without_a_tokio_runtime() {
    let pool = ChecksumPool::start();
    assert_eq!(pool.run_blocking(vec![10, 20]), Ok(30));
    let clone = pool.clone();
    let other = std::thread::spawn(move || clone.run_blocking(vec![1]));
    assert_eq!(other.join().unwrap(), Ok(1));
    pool.shutdown_blocking();
    assert_eq!(pool.run_blocking(vec![1]), Err(PoolError::Closed));
    assert!(pool.submit_blocking(vec![1]).is_err());
}

#[tokio::test]
async fn async_pool_runs_jobs() {
    let pool = FetchLenPool::start();
    assert_eq!(pool.run("abc".into()).await, Ok(Ok(3)));
    assert_eq!(pool.run(String::new()).await, Ok(Err("empty url".into())));
    let job = pool.try_submit("four".into()).unwrap();
    assert_eq!(job.await, Ok(Ok(4)));
    assert_eq!(pool.workers(), 2);
    assert_eq!(pool.capacity(), 8);
    pool.shutdown().await;
    assert_eq!(pool.run("x".into()).await, Err(PoolError::Closed));
}

#[test]
fn async_pool_starts_on_a_runtime_from_another_thread() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let pool = FetchLenPool::start_on(runtime.handle());
    let job = pool.try_submit("hello".into()).unwrap();
    assert_eq!(job.wait(), Ok(Ok(5)));
    runtime.block_on(pool.shutdown());
}

#[tokio::test]
async fn several_arguments_go_in_and_come_back_as_a_tuple() {
    let pool = ScalePool::start();
    assert_eq!(
        pool.run((1, 2), 10, "p".into()).await,
        Ok("p: 10 20".to_owned())
    );
    pool.shutdown().await;
    let rejected = pool.try_submit((3, 4), 5, "q".into()).unwrap_err();
    assert!(rejected.is_closed());
    let back: ((i64, i64), i64, String) = rejected.into_inner();
    assert_eq!(back, ((3, 4), 5, "q".to_owned()));
}

#[tokio::test]
async fn a_job_without_arguments() {
    let pool = AnswerPool::start();
    assert_eq!(pool.run().await, Ok(42));
    pool.shutdown().await;
    let rejected: Rejected<()> = pool.try_submit().unwrap_err();
    assert_eq!(rejected.reason(), PoolError::Closed);
}

#[tokio::test]
async fn constants_and_private_functions() {
    let pool = PrivateDoublePool::start();
    assert_eq!(pool.capacity(), QUEUE);
    assert_eq!(pool.workers(), WORKERS);
    assert_eq!(pool.run(21).await, Ok(42));
    // The function stays callable as before.
    assert_eq!(private_double(4), 8);
}

#[test]
fn sync_workers_default_to_one_per_cpu() {
    let pool = ScalePool::start();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(pool.workers(), cpus);
}

#[test]
fn resource_is_lent_and_reset_after_every_job() {
    let pool = TallyPool::start_with(|| {
        Ok::<_, Infallible>(Tally {
            served: 0,
            resets: 0,
        })
    })
    .unwrap();
    // One worker, one resource: each job sees the resets of the jobs before it,
    // and never the `served` count they left behind.
    assert_eq!(pool.run_blocking(5), Ok((5, 0)));
    assert_eq!(pool.run_blocking(7), Ok((7, 1)));
    assert_eq!(pool.run_blocking(1), Ok((1, 2)));
    pool.shutdown_blocking();
}

#[tokio::test]
async fn async_jobs_borrow_their_worker_resource_across_awaits() {
    let pool = TallyLaterPool::start_with(|| {
        Ok::<_, Infallible>(Tally {
            served: 0,
            resets: 0,
        })
    })
    .unwrap();
    assert_eq!(pool.run(5).await, Ok((5, 0)));
    assert_eq!(pool.run(7).await, Ok((7, 1)));
    pool.shutdown().await;
}

#[test]
fn generated_names_do_not_capture_the_job_arguments() {
    let pool = ResetPool::start_with(|| {
        Ok::<_, Infallible>(Tally {
            served: 0,
            resets: 0,
        })
    })
    .unwrap();
    assert_eq!(pool.run_blocking(2, 3), Ok(5));
    assert_eq!(pool.run_blocking(1, 1), Ok(2));
}

#[test]
fn factory_error_fails_the_start() {
    let result = TallyPool::start_with(|| Err::<Tally, _>("no database".to_owned()));
    assert_eq!(result.unwrap_err(), "no database");
}

#[tokio::test]
async fn module_form_generates_the_pool_inside_the_module() {
    let pool = thumbs::MakePool::start();
    assert_eq!(pool.run(400, 300).await, Ok((100, 75)));
    assert_eq!(thumbs::make(8, 4), (2, 1));
    let parse = parsing::ParsePool::start();
    assert_eq!(parse.run(" 17 ".into()).await, Ok(Ok(17)));
    assert_eq!(
        parse.run("x".into()).await,
        Ok(Err("not a number: x".to_owned()))
    );
}

#[test]
fn errors_read_well() {
    assert_eq!(PoolError::Closed.to_string(), "the pool is shut down");
    assert_eq!(PoolError::Panicked.to_string(), "the job panicked");
    assert_eq!(
        PoolError::Timeout.to_string(),
        "the pool's queue had no room within its `max_wait`"
    );
    let pool = AnswerPool::start();
    pool.shutdown_blocking();
    let rejected = pool.try_submit().unwrap_err();
    assert_eq!(
        rejected.to_string(),
        "job not queued: the pool is shut down"
    );
    assert_eq!(PoolError::from(rejected), PoolError::Closed);
}
