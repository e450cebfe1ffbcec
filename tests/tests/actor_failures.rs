//! How an actor stops: a panicking handler, `shutdown`, every handle dropped, its runtime gone.

mod common;

use common::{assert_pending, gate, start, within, Gate};
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use unmixed::ActorError;

/// A counter that reports its final count when it is dropped.
#[derive(Debug)]
pub struct Counter {
    n: u64,
    dropped: Option<oneshot::Sender<u64>>,
}

impl Drop for Counter {
    fn drop(&mut self) {
        if let Some(dropped) = self.dropped.take() {
            let _ = dropped.send(self.n);
        }
    }
}

#[unmixed::actor(mailbox = 16)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }

    pub fn fail(&mut self, message: String) -> u64 {
        self.n += 1000;
        panic!("{message}")
    }

    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test needs an async handler that panics after it was suspended"
    )]
    pub async fn fail_async(&mut self, message: String) -> u64 {
        tokio::task::yield_now().await;
        self.n += 1000;
        panic!("{message}")
    }

    /// Parks the actor until the test opens the gate.
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test parks the actor here to queue messages behind it"
    )]
    pub async fn hold(
        &mut self,
        entered: oneshot::Sender<()>,
        release: oneshot::Receiver<()>,
    ) -> u64 {
        let _ = entered.send(());
        let _ = release.await;
        self.n
    }
}

/// A counter at zero, and the receiver of its final count once dropped.
fn counter() -> (Counter, oneshot::Receiver<u64>) {
    let (dropped, on_drop) = oneshot::channel();
    let counter = Counter {
        n: 0,
        dropped: Some(dropped),
    };
    (counter, on_drop)
}

/// Parks a running counter in `hold`.
async fn park(counter: &CounterHandle) -> Gate {
    let (mut gate, entered, release) = gate();
    counter.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    gate
}

/// Every way of calling a stopped actor says `Stopped`, at once.
async fn assert_stopped(counter: &CounterHandle) {
    assert!(counter.is_closed());
    assert_eq!(
        within("add", counter.add(1)).await,
        Err(ActorError::Stopped)
    );
    assert_eq!(
        within("try_add", counter.try_add(1)).await,
        Err(ActorError::Stopped)
    );
    assert_eq!(
        within("tell_add", counter.tell_add(1)).await,
        Err(ActorError::Stopped)
    );
    assert_eq!(counter.try_tell_add(1), Err(ActorError::Stopped));
    assert_eq!(within("get", counter.get()).await, Err(ActorError::Stopped));
    let shutdown = within("shutdown", counter.shutdown()).await;
    assert_eq!(shutdown.err(), Some(ActorError::Stopped));
}

#[tokio::test]
async fn panicking_handler_answers_panicked_and_everyone_queued_behind_stopped() {
    let (state, on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    let mut fail = Box::pin(counter.fail("handler failed on purpose".to_owned()));
    start("fail", &mut fail).await;
    let mut add = Box::pin(counter.add(1));
    start("add queued behind fail", &mut add).await;
    counter.tell_add(2).await.unwrap();
    let mut shutdown = Box::pin(counter.shutdown());
    start("shutdown queued behind fail", &mut shutdown).await;
    gate.open();
    assert_eq!(within("fail", &mut fail).await, Err(ActorError::Panicked));
    assert_eq!(
        within("add queued behind fail", &mut add).await,
        Err(ActorError::Stopped)
    );
    let shutdown = within("shutdown queued behind fail", &mut shutdown).await;
    assert_eq!(shutdown.err(), Some(ActorError::Stopped));
    assert_stopped(&counter).await;
    // The state is released, not leaked, after the panic.
    within("the state being dropped", on_drop).await.unwrap();
}

#[tokio::test]
async fn panic_in_an_idle_actor_stops_it_for_every_clone() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    let other = counter.clone();
    assert_eq!(within("add", counter.add(1)).await, Ok(1));
    let failed = within("fail", other.fail("handler failed on purpose".to_owned())).await;
    assert_eq!(failed, Err(ActorError::Panicked));
    // The panicking reply may reach the caller before the actor has closed
    // its mailbox; a queued reply resolves once it has.
    let after = within("add right after the panic", counter.add(1)).await;
    assert_eq!(after, Err(ActorError::Stopped));
    assert_stopped(&counter).await;
    assert_stopped(&other).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panic_under_concurrent_load_leaves_nobody_waiting() {
    const CALLERS: u64 = 8;
    const PER_CALLER: u64 = 100;
    let (state, on_drop) = counter();
    let counter = state.spawn();
    let mut callers = JoinSet::new();
    for _ in 0..CALLERS {
        let counter = counter.clone();
        callers.spawn(async move {
            let mut results = Vec::new();
            for _ in 0..PER_CALLER {
                results.push(counter.add(1).await);
            }
            results
        });
    }
    let failing = tokio::spawn({
        let counter = counter.clone();
        async move {
            // Let some of the load through first.
            for _ in 0..10 {
                counter.add(1).await.unwrap();
            }
            counter.fail("handler failed on purpose".to_owned()).await
        }
    });
    assert_eq!(
        within("the failing caller", failing).await.unwrap(),
        Err(ActorError::Panicked)
    );
    let mut handled = Vec::new();
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            let results = done.unwrap();
            // Once stopped, always stopped.
            let first_stopped = results
                .iter()
                .position(Result::is_err)
                .unwrap_or(results.len());
            for (i, result) in results.into_iter().enumerate() {
                match result {
                    Ok(n) => {
                        assert!(i < first_stopped);
                        handled.push(n);
                    }
                    Err(error) => assert_eq!(error, ActorError::Stopped),
                }
            }
        }
    })
    .await;
    handled.sort_unstable();
    handled.dedup();
    assert!(
        handled.iter().all(|&n| n < 1000),
        "an add ran after the panic: {handled:?}"
    );
    assert_stopped(&counter).await;
    within("the state being dropped", on_drop).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panicking_async_handler_answers_panicked_and_stops_the_actor() {
    let (state, on_drop) = counter();
    let counter = state.spawn();
    assert_eq!(within("add", counter.add(1)).await, Ok(1));
    let gate = park(&counter).await;
    let mut fail = Box::pin(counter.fail_async("async handler failed on purpose".to_owned()));
    start("fail_async", &mut fail).await;
    let mut add = Box::pin(counter.add(1));
    start("add queued behind fail_async", &mut add).await;
    gate.open();
    assert_eq!(
        within("fail_async", &mut fail).await,
        Err(ActorError::Panicked)
    );
    assert_eq!(
        within("add queued behind fail_async", &mut add).await,
        Err(ActorError::Stopped)
    );
    assert_stopped(&counter).await;
    within("the state being dropped", on_drop).await.unwrap();
}

#[tokio::test]
async fn panic_while_draining_for_shutdown_resolves_the_shutdown() {
    let (state, on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    // Queued before the shutdown, so it is drained, and panics.
    let mut fail = Box::pin(counter.fail("handler failed on purpose".to_owned()));
    start("fail queued before shutdown", &mut fail).await;
    let mut shutdown = Box::pin(counter.shutdown());
    start("shutdown", &mut shutdown).await;
    gate.open();
    assert_eq!(within("fail", &mut fail).await, Err(ActorError::Panicked));
    // The state is poisoned: shutdown cannot hand it over, and must not hang.
    let shutdown = within("shutdown that met a panic", &mut shutdown).await;
    assert_eq!(shutdown.err(), Some(ActorError::Stopped));
    assert_stopped(&counter).await;
    within("the state being dropped", on_drop).await.unwrap();
}

#[tokio::test]
async fn shutdown_handles_everything_queued_before_it_and_returns_the_state() {
    let (state, mut on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    counter.tell_add(1).await.unwrap();
    counter.try_tell_add(2).unwrap();
    let mut add = Box::pin(counter.add(3));
    start("add queued before shutdown", &mut add).await;
    let mut shutdown = Box::pin(counter.shutdown());
    start("shutdown", &mut shutdown).await;
    assert_pending("shutdown of a parked actor", &mut shutdown).await;
    gate.open();
    let last = within("shutdown", &mut shutdown).await.unwrap();
    assert_eq!(last.n, 6);
    assert_eq!(within("add queued before shutdown", &mut add).await, Ok(6));
    assert_stopped(&counter).await;
    // Shutdown hands the state over instead of dropping it.
    assert_eq!(on_drop.try_recv(), Err(oneshot::error::TryRecvError::Empty));
    drop(last);
    assert_eq!(on_drop.try_recv(), Ok(6));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_space_in_a_full_mailbox() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    for _ in 0..16 {
        counter.try_tell_add(1).unwrap();
    }
    let mut shutdown = tokio::spawn({
        let counter = counter.clone();
        async move { counter.shutdown().await.map(|last| last.n) }
    });
    assert_pending("shutdown into a full mailbox", &mut shutdown).await;
    gate.open();
    assert_eq!(within("shutdown", shutdown).await.unwrap(), Ok(16));
    assert_stopped(&counter).await;
}

#[tokio::test]
async fn shutdown_whose_caller_stops_waiting_still_stops_the_actor() {
    let (state, on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    counter.tell_add(5).await.unwrap();
    let mut shutdown = Box::pin(counter.shutdown());
    start("shutdown", &mut shutdown).await;
    drop(shutdown);
    gate.open();
    // Nobody takes the final state, so it is dropped, with every queued message handled.
    assert_eq!(within("the state being dropped", on_drop).await, Ok(5));
    assert_stopped(&counter).await;
}

#[tokio::test]
async fn second_shutdown_gets_stopped() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    assert_eq!(within("add", counter.add(4)).await, Ok(4));
    let last = within("shutdown", counter.shutdown()).await.unwrap();
    assert_eq!(last.n, 4);
    let again = within("second shutdown", counter.shutdown()).await;
    assert_eq!(again.err(), Some(ActorError::Stopped));
}

#[tokio::test]
async fn concurrent_shutdowns_hand_the_state_to_exactly_one() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    let other = counter.clone();
    let gate = park(&counter).await;
    counter.tell_add(7).await.unwrap();
    let mut first = Box::pin(counter.shutdown());
    start("first shutdown", &mut first).await;
    // Intake stopped when the first shutdown was called: the second is
    // refused at once instead of queueing behind it.
    let second = within("second shutdown", other.shutdown()).await;
    assert_eq!(second.err(), Some(ActorError::Stopped));
    gate.open();
    let first = within("first shutdown", &mut first).await;
    assert_eq!(first.map(|last| last.n).ok(), Some(7));
}

#[tokio::test]
async fn calls_made_after_shutdown_was_called_are_refused_at_once() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    let gate = park(&counter).await;
    counter.tell_add(1).await.unwrap();
    let mut shutdown = Box::pin(counter.shutdown());
    start("shutdown", &mut shutdown).await;
    assert!(counter.is_closed());
    assert_eq!(
        within("add", counter.add(5)).await,
        Err(ActorError::Stopped)
    );
    assert_eq!(counter.try_tell_add(5), Err(ActorError::Stopped));
    assert_eq!(
        within("tell", counter.tell_add(5)).await,
        Err(ActorError::Stopped)
    );
    gate.open();
    let last = within("shutdown", &mut shutdown).await.unwrap();
    assert_eq!(
        last.n, 1,
        "only what was queued before shutdown is in the final state"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_through_one_clone_stops_all_of_them() {
    let (state, _on_drop) = counter();
    let counter = state.spawn();
    let clones: Vec<CounterHandle> = (0..4).map(|_| counter.clone()).collect();
    let mut users = JoinSet::new();
    for clone in clones.clone() {
        users.spawn(async move { clone.add(1).await });
    }
    within("the users", async {
        while let Some(done) = users.join_next().await {
            assert!(done.unwrap().is_ok());
        }
    })
    .await;
    let last = within("shutdown", counter.shutdown()).await.unwrap();
    assert_eq!(last.n, 4);
    for clone in &clones {
        assert_stopped(clone).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_every_handle_drains_the_mailbox_then_stops() {
    let (state, mut on_drop) = counter();
    let counter = state.spawn();
    let clone = counter.clone();
    let gate = park(&counter).await;
    for by in 1..=10 {
        clone.tell_add(by).await.unwrap();
    }
    drop(counter);
    drop(clone);
    // The actor is parked, so it cannot have stopped yet.
    assert_pending("the state being dropped", &mut on_drop).await;
    gate.open();
    assert_eq!(within("the state being dropped", on_drop).await, Ok(55));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actor_lives_while_any_clone_lives() {
    let (state, mut on_drop) = counter();
    let counter = state.spawn();
    let clone = counter.clone();
    drop(counter);
    assert_eq!(within("add through the clone", clone.add(2)).await, Ok(2));
    assert!(!clone.is_closed());
    assert_pending("the state being dropped", &mut on_drop).await;
    drop(clone);
    assert_eq!(within("the state being dropped", on_drop).await, Ok(2));
}

fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn handle_outliving_its_current_thread_runtime_reports_stopped() {
    let (state, on_drop) = counter();
    let home = current_thread_runtime();
    let counter = Counter::spawn_on(state, home.handle());
    assert_eq!(home.block_on(counter.add(1)), Ok(1));

    let elsewhere = current_thread_runtime();
    // Queue a call while the home runtime is idle: nobody runs the actor.
    let mut pending = Box::pin(counter.add(2));
    elsewhere.block_on(start("add queued on an idle runtime", &mut pending));
    drop(home);

    elsewhere.block_on(async {
        assert_eq!(
            within("add whose actor's runtime is gone", &mut pending).await,
            Err(ActorError::Stopped)
        );
        assert_eq!(within("the state being dropped", on_drop).await, Ok(1));
        assert_stopped(&counter).await;
    });
}

#[test]
fn handle_outliving_its_multi_thread_runtime_reports_stopped() {
    let (state, on_drop) = counter();
    let home = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let counter = home.block_on(async move {
        let counter = state.spawn();
        assert_eq!(counter.add(3).await, Ok(3));
        counter
    });
    drop(home);

    current_thread_runtime().block_on(async {
        assert_eq!(within("the state being dropped", on_drop).await, Ok(3));
        assert_stopped(&counter).await;
    });
}
