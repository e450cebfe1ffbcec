//! `shutdown` called from several tasks at once while many callers are
//! mid-flight on a slow actor or pool: every call ends with its value or an
//! error, none hangs, and what was queued before the shutdown is handled.

mod load_util;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use load_util::{answer, watch, Round};
use tokio::task::{JoinHandle, JoinSet};
use unmixed::{ActorError, Job, PoolError};

/// Long enough that callers pile up behind the handler or job (tokio's
/// timer rounds it up to a millisecond); it is not a timing assertion.
const SLOW: Duration = Duration::from_micros(100);

/// How many shutdowns race each other in every round.
const SHUTDOWNS: usize = 4;

/// Replies each round waits for before shutting down, so that the callers
/// are all started and the mailbox or queue is full.
const REPLIES_BEFORE_SHUTDOWN: u64 = 32;

pub struct Slow {
    handled: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Slow {
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test wants a handler that keeps the actor busy so calls pile up"
    )]
    pub async fn slow(&mut self, request: u64) -> u64 {
        tokio::time::sleep(SLOW).await;
        self.handled += 1;
        answer(request)
    }

    /// Counts the request now and answers it from its own task later.
    #[detached]
    pub fn slow_detached(&mut self, request: u64) -> impl Future<Output = u64> + Send + 'static {
        self.handled += 1;
        async move {
            tokio::time::sleep(SLOW).await;
            answer(request)
        }
    }
}

#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub fn slow_job(request: u64) -> u64 {
    std::thread::sleep(SLOW);
    answer(request)
}

#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub async fn slow_async_job(request: u64) -> u64 {
    tokio::time::sleep(SLOW).await;
    answer(request)
}

/// Calls the actor until it refuses; returns how many calls it answered.
async fn actor_caller(actor: SlowHandle, caller: u64, round: Arc<Round>) -> u64 {
    let mut answered = 0;
    loop {
        let request = caller << 32 | answered;
        let reply = if caller.is_multiple_of(2) {
            actor.slow(request).await
        } else {
            actor.slow_detached(request).await
        };
        match reply {
            Ok(reply) => {
                assert_eq!(reply, answer(request), "reply to request {request}");
                round.answered();
                answered += 1;
            }
            Err(ActorError::Stopped) => {
                round.refused();
                return answered;
            }
            Err(error) => panic!("request {request}: {error}"),
        }
    }
}

async fn actor_round(callers: u64) {
    let actor = Slow { handled: 0 }.spawn();
    let round = Arc::new(Round::new(REPLIES_BEFORE_SHUTDOWN));
    let mut tasks = JoinSet::new();
    for caller in 0..callers {
        tasks.spawn(actor_caller(actor.clone(), caller, Arc::clone(&round)));
    }
    round.under_way().await;
    let shutdowns: Vec<_> = (0..SHUTDOWNS)
        .map(|_| {
            let actor = actor.clone();
            tokio::spawn(async move { actor.shutdown().await.map(|last| last.handled) })
        })
        .collect();
    let answered = watch("the callers", &round.finished, async {
        let mut answered = 0;
        while let Some(caller) = tasks.join_next().await {
            answered += caller.expect("a caller panicked");
        }
        answered
    })
    .await;
    let mut handed_over = Vec::new();
    for shutdown in shutdowns {
        match watch("a shutdown", &round.finished, shutdown)
            .await
            .unwrap()
        {
            Ok(handled) => handed_over.push(handled),
            Err(error) => assert_eq!(error, ActorError::Stopped),
        }
    }
    // One shutdown gets the state; in it, exactly the requests that were answered.
    assert_eq!(handed_over, [answered]);
    assert!(actor.is_closed());
    assert_eq!(actor.slow(0).await, Err(ActorError::Stopped));
}

async fn actor_rounds(callers: u64, rounds: u32) {
    for _ in 0..rounds {
        actor_round(callers).await;
    }
}

/// What a round needs from a pool, so that one body drives both kinds.
trait SlowPool: Clone + Send + Sync + 'static {
    fn submit(&self, request: u64) -> impl Future<Output = Result<Job<u64>, PoolError>> + Send;
    /// Starts every kind of shutdown the pool has, [`SHUTDOWNS`] in all.
    fn shutdowns(&self) -> Vec<JoinHandle<()>>;
    fn live_workers(&self) -> usize;
    fn queued(&self) -> usize;
    fn is_closed(&self) -> bool;
}

impl SlowPool for SlowJobPool {
    fn submit(&self, request: u64) -> impl Future<Output = Result<Job<u64>, PoolError>> + Send {
        self.submit(request)
    }

    fn shutdowns(&self) -> Vec<JoinHandle<()>> {
        (0..SHUTDOWNS)
            .map(|index| {
                let pool = self.clone();
                if index.is_multiple_of(2) {
                    tokio::spawn(async move { pool.shutdown().await })
                } else {
                    tokio::task::spawn_blocking(move || pool.shutdown_blocking())
                }
            })
            .collect()
    }

    fn live_workers(&self) -> usize {
        self.live_workers()
    }

    fn queued(&self) -> usize {
        self.queued()
    }

    fn is_closed(&self) -> bool {
        self.is_closed()
    }
}

impl SlowPool for SlowAsyncJobPool {
    fn submit(&self, request: u64) -> impl Future<Output = Result<Job<u64>, PoolError>> + Send {
        self.submit(request)
    }

    fn shutdowns(&self) -> Vec<JoinHandle<()>> {
        (0..SHUTDOWNS)
            .map(|_| {
                let pool = self.clone();
                tokio::spawn(async move { pool.shutdown().await })
            })
            .collect()
    }

    fn live_workers(&self) -> usize {
        self.live_workers()
    }

    fn queued(&self) -> usize {
        self.queued()
    }

    fn is_closed(&self) -> bool {
        self.is_closed()
    }
}

/// Submits jobs until the pool refuses one. A job the pool accepted must
/// run, even when a shutdown comes while it is queued.
async fn pool_caller(pool: impl SlowPool, caller: u64, round: Arc<Round>) {
    for sequence in 0.. {
        let request = caller << 32 | sequence;
        match pool.submit(request).await {
            Ok(job) => {
                assert_eq!(job.await, Ok(answer(request)), "job {request}");
                round.answered();
            }
            Err(PoolError::Closed) => {
                round.refused();
                return;
            }
            Err(error) => panic!("job {request}: {error}"),
        }
    }
}

async fn pool_round(pool: impl SlowPool, callers: u64) {
    let round = Arc::new(Round::new(REPLIES_BEFORE_SHUTDOWN));
    let mut tasks = JoinSet::new();
    for caller in 0..callers {
        tasks.spawn(pool_caller(pool.clone(), caller, Arc::clone(&round)));
    }
    round.under_way().await;
    let shutdowns = pool.shutdowns();
    watch("the callers", &round.finished, async {
        while let Some(caller) = tasks.join_next().await {
            caller.expect("a caller panicked");
        }
    })
    .await;
    for shutdown in shutdowns {
        watch("a shutdown", &round.finished, shutdown)
            .await
            .expect("a shutdown panicked");
    }
    // Every shutdown returns only once the queue is empty and the workers are gone.
    assert!(pool.is_closed());
    assert_eq!(pool.queued(), 0);
    assert_eq!(pool.live_workers(), 0);
    assert_eq!(pool.submit(0).await.unwrap_err(), PoolError::Closed);
}

async fn sync_pool_rounds(callers: u64, rounds: u32) {
    for _ in 0..rounds {
        pool_round(SlowJobPool::start(), callers).await;
    }
}

async fn async_pool_rounds(callers: u64, rounds: u32) {
    for _ in 0..rounds {
        pool_round(SlowAsyncJobPool::start(), callers).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn actor_shutdown_amid_callers_answers_or_refuses_each() {
    actor_rounds(50, 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sync_pool_shutdown_amid_callers_runs_or_refuses_each() {
    sync_pool_rounds(50, 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn async_pool_shutdown_amid_callers_runs_or_refuses_each() {
    async_pool_rounds(50, 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test fault_shutdown -- --ignored"]
async fn actor_shutdown_amid_a_thousand_callers() {
    actor_rounds(1_000, 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test fault_shutdown -- --ignored"]
async fn sync_pool_shutdown_amid_a_thousand_callers() {
    sync_pool_rounds(1_000, 20).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test fault_shutdown -- --ignored"]
async fn async_pool_shutdown_amid_a_thousand_callers() {
    async_pool_rounds(1_000, 20).await;
}
