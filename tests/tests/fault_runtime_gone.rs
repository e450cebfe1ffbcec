//! The runtime an actor or async pool lives on shuts down while callers on
//! another runtime are mid-flight: every call ends with its value or an
//! error, none panics, none hangs, and the handle keeps answering with an
//! error afterwards. (The single-call cases are in `actor_failures.rs` and
//! `pool_failures.rs`.)

mod load_util;

use std::sync::Arc;

use load_util::{answer, watch, Round};
use tokio::runtime::Runtime;
use tokio::task::JoinSet;
use unmixed::{ActorError, PoolError};

/// Answers each round waits for before dropping the home runtime, so that
/// the callers are all started and the mailbox or queue is full.
const REPLIES_BEFORE_THE_END: u64 = 32;

pub struct Echo;

#[unmixed::actor(mailbox = 16)]
impl Echo {
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test wants the actor suspended mid-handler when its runtime goes"
    )]
    pub async fn echo(&mut self, request: u64) -> u64 {
        tokio::task::yield_now().await;
        answer(request)
    }
}

#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub async fn echo_job(request: u64) -> u64 {
    tokio::task::yield_now().await;
    answer(request)
}

fn multi_thread_runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

async fn actor_caller(actor: EchoHandle, caller: u64, round: Arc<Round>) {
    for sequence in 0.. {
        let request = caller << 32 | sequence;
        match actor.echo(request).await {
            Ok(reply) => {
                assert_eq!(reply, answer(request), "reply to request {request}");
                round.answered();
            }
            Err(ActorError::Stopped) => {
                round.refused();
                return;
            }
            Err(error) => panic!("request {request}: {error}"),
        }
    }
}

fn actor_round(callers: u64) {
    let home = multi_thread_runtime();
    let actor = Echo.spawn_on(home.handle());
    let elsewhere = multi_thread_runtime();
    let round = Arc::new(Round::new(REPLIES_BEFORE_THE_END));
    let mut tasks = JoinSet::new();
    for caller in 0..callers {
        tasks.spawn_on(
            actor_caller(actor.clone(), caller, Arc::clone(&round)),
            elsewhere.handle(),
        );
    }
    elsewhere.block_on(round.under_way());
    drop(home);
    elsewhere.block_on(async {
        watch("the callers", &round.finished, async {
            while let Some(caller) = tasks.join_next().await {
                caller.expect("a caller panicked");
            }
        })
        .await;
        assert!(actor.is_closed());
        assert_eq!(actor.echo(0).await, Err(ActorError::Stopped));
        assert_eq!(actor.try_tell_echo(0), Err(ActorError::Stopped));
        assert_eq!(actor.shutdown().await.err(), Some(ActorError::Stopped));
    });
}

async fn pool_caller(pool: EchoJobPool, caller: u64, round: Arc<Round>) {
    for sequence in 0.. {
        let request = caller << 32 | sequence;
        let result = match pool.submit(request).await {
            // A job queued or running when the workers went away is closed too.
            Ok(job) => job.await,
            Err(error) => Err(error),
        };
        match result {
            Ok(reply) => {
                assert_eq!(reply, answer(request), "job {request}");
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

fn pool_round(callers: u64) {
    let home = multi_thread_runtime();
    let pool = EchoJobPool::start_on(home.handle());
    let elsewhere = multi_thread_runtime();
    let round = Arc::new(Round::new(REPLIES_BEFORE_THE_END));
    let mut tasks = JoinSet::new();
    for caller in 0..callers {
        tasks.spawn_on(
            pool_caller(pool.clone(), caller, Arc::clone(&round)),
            elsewhere.handle(),
        );
    }
    elsewhere.block_on(round.under_way());
    drop(home);
    elsewhere.block_on(async {
        watch("the callers", &round.finished, async {
            while let Some(caller) = tasks.join_next().await {
                caller.expect("a caller panicked");
            }
        })
        .await;
        assert!(pool.is_closed());
        assert_eq!(pool.live_workers(), 0);
        assert_eq!(pool.run(0).await, Err(PoolError::Closed));
        watch("shutdown", &round.finished, pool.shutdown()).await;
    });
}

fn actor_rounds(callers: u64, rounds: u32) {
    for _ in 0..rounds {
        actor_round(callers);
    }
}

fn pool_rounds(callers: u64, rounds: u32) {
    for _ in 0..rounds {
        pool_round(callers);
    }
}

#[test]
fn actor_whose_runtime_ends_amid_callers_answers_or_refuses_each() {
    actor_rounds(50, 3);
}

#[test]
fn async_pool_whose_runtime_ends_amid_callers_runs_or_refuses_each() {
    pool_rounds(50, 3);
}

#[test]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test fault_runtime_gone -- --ignored"]
fn actor_whose_runtime_ends_amid_a_thousand_callers() {
    actor_rounds(1_000, 20);
}

#[test]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test fault_runtime_gone -- --ignored"]
fn async_pool_whose_runtime_ends_amid_a_thousand_callers() {
    pool_rounds(1_000, 20);
}
