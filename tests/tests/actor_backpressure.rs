//! Bounded mailboxes: `try_*` calls fail fast with `Full`, the others wait for space, cancellation is clean.

mod common;

use common::{assert_pending, gate, signal_when_pending, start, within};
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use unmixed::ActorError;

/// An actor whose mailbox holds a single message.
pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 1)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }

    /// Parks the actor until the test opens the gate.
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test parks the actor here to fill its mailbox"
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

/// Same counter with a mailbox of 16.
pub struct Sixteen {
    n: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Sixteen {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test parks the actor here to fill its mailbox"
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

/// Same counter with the default mailbox.
pub struct Default64 {
    n: u64,
}

#[unmixed::actor]
impl Default64 {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test parks the actor here to fill its mailbox"
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

/// Spawns a `Counter` parked in `hold` with an empty mailbox of one.
async fn parked_counter() -> (CounterHandle, common::Gate) {
    let counter = Counter { n: 0 }.spawn();
    let (mut gate, entered, release) = gate();
    counter.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    (counter, gate)
}

#[tokio::test]
async fn try_calls_fail_fast_with_full_and_queue_nothing() {
    let (counter, gate) = parked_counter().await;
    counter.try_tell_add(1).unwrap();
    // The mailbox is full now: neither try form waits, neither queues.
    assert_eq!(counter.try_tell_add(10), Err(ActorError::Full));
    assert_eq!(
        within("try_add on a full mailbox", counter.try_add(100)).await,
        Err(ActorError::Full)
    );
    assert!(!counter.is_closed());
    gate.open();
    assert_eq!(within("get", counter.get()).await, Ok(1));
}

#[tokio::test]
async fn tell_waits_for_space_but_not_for_the_handler() {
    let counter = Counter { n: 0 }.spawn();
    let (mut gate, entered, release) = gate();
    counter.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    // The actor is busy, but the mailbox has room: tell returns at once.
    within("tell_add into a free slot", counter.tell_add(1))
        .await
        .unwrap();
    // Now the mailbox is full: tell waits for space.
    let mut tell = Box::pin(counter.tell_add(2));
    start("tell_add into a full mailbox", &mut tell).await;
    assert_pending("tell_add into a full mailbox", &mut tell).await;
    gate.open();
    within("tell_add once space frees", &mut tell)
        .await
        .unwrap();
    assert_eq!(within("get", counter.get()).await, Ok(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_calls_complete_in_order_once_space_frees() {
    let (counter, gate) = parked_counter().await;
    counter.tell_add(1).await.unwrap();
    let mut add = Box::pin(counter.add(10));
    start("add into a full mailbox", &mut add).await;
    let mut tell = Box::pin(counter.tell_add(100));
    start("tell_add into a full mailbox", &mut tell).await;
    assert_pending("add into a full mailbox", &mut add).await;
    assert_pending("tell_add into a full mailbox", &mut tell).await;
    gate.open();
    // First come, first served: the add waited first, so it sees 1 + 10.
    assert_eq!(within("add once space frees", &mut add).await, Ok(11));
    within("tell_add once space frees", &mut tell)
        .await
        .unwrap();
    assert_eq!(within("get", counter.get()).await, Ok(111));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocked_caller_task_resumes_once_the_actor_is_released() {
    let (counter, gate) = parked_counter().await;
    counter.tell_add(1).await.unwrap();
    let mut waiter = tokio::spawn({
        let counter = counter.clone();
        async move { counter.add(10).await }
    });
    assert_pending("add from a task into a full mailbox", &mut waiter).await;
    assert_eq!(counter.try_add(5).await, Err(ActorError::Full));
    gate.open();
    assert_eq!(within("the waiting task", waiter).await.unwrap(), Ok(11));
    assert_eq!(within("get", counter.get()).await, Ok(11));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_callers_get_through_a_mailbox_of_one() {
    const CALLERS: u64 = 16;
    const PER_CALLER: u64 = 50;
    let counter = Counter { n: 0 }.spawn();
    let mut callers = JoinSet::new();
    for caller in 0..CALLERS {
        let counter = counter.clone();
        callers.spawn(async move {
            for i in 0..PER_CALLER {
                match (caller + i) % 3 {
                    0 => {
                        counter.add(1).await.unwrap();
                    }
                    1 => counter.tell_add(1).await.unwrap(),
                    // A try call either gets through or says Full; retry by waiting.
                    _ => match counter.try_add(1).await {
                        Ok(_) => {}
                        Err(ActorError::Full) => {
                            counter.add(1).await.unwrap();
                        }
                        Err(other) => panic!("try_add failed with {other:?}"),
                    },
                }
            }
        });
    }
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            done.unwrap();
        }
    })
    .await;
    assert_eq!(within("get", counter.get()).await, Ok(CALLERS * PER_CALLER));
}

#[tokio::test]
async fn declared_mailbox_bound_is_enforced() {
    let sixteen = Sixteen { n: 0 }.spawn();
    let (mut gate, entered, release) = gate();
    sixteen.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    for _ in 0..16 {
        sixteen.try_tell_add(1).unwrap();
    }
    assert_eq!(sixteen.try_tell_add(1), Err(ActorError::Full));
    gate.open();
    assert_eq!(within("add", sixteen.add(0)).await, Ok(16));
}

#[tokio::test]
async fn bare_actor_gets_the_default_mailbox_bound() {
    assert_eq!(unmixed::DEFAULT_MAILBOX, 64);
    let default = Default64 { n: 0 }.spawn();
    let (mut gate, entered, release) = gate();
    default.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    for _ in 0..unmixed::DEFAULT_MAILBOX {
        default.try_tell_add(1).unwrap();
    }
    assert_eq!(default.try_tell_add(1), Err(ActorError::Full));
    gate.open();
    assert_eq!(
        within("add", default.add(0)).await,
        Ok(unmixed::DEFAULT_MAILBOX as u64)
    );
}

#[tokio::test]
async fn queued_call_is_handled_after_its_caller_stops_waiting() {
    let (counter, gate) = parked_counter().await;
    let mut add = Box::pin(counter.add(5));
    // The mailbox had room: the first poll queued the message.
    start("add into a free slot", &mut add).await;
    drop(add);
    gate.open();
    assert_eq!(within("get", counter.get()).await, Ok(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_call_is_handled_after_its_task_is_aborted() {
    let (counter, gate) = parked_counter().await;
    let (queued_tx, queued) = oneshot::channel();
    let caller = tokio::spawn({
        let counter = counter.clone();
        async move { signal_when_pending(counter.add(5), queued_tx).await }
    });
    within("the call being queued", queued).await.unwrap();
    caller.abort();
    let aborted = within("the aborted caller", caller).await;
    assert!(aborted.unwrap_err().is_cancelled());
    gate.open();
    assert_eq!(within("get", counter.get()).await, Ok(5));
}

#[tokio::test]
async fn call_dropped_while_waiting_for_space_is_never_queued() {
    let (counter, gate) = parked_counter().await;
    counter.try_tell_add(1).unwrap();
    let mut add = Box::pin(counter.add(100));
    start("add into a full mailbox", &mut add).await;
    drop(add);
    let mut tell = Box::pin(counter.tell_add(1000));
    start("tell_add into a full mailbox", &mut tell).await;
    drop(tell);
    gate.open();
    assert_eq!(within("get", counter.get()).await, Ok(1));
    // The cancelled waiters did not keep the slot: the mailbox still works.
    assert_eq!(within("add", counter.add(1)).await, Ok(2));
    counter.try_tell_add(1).unwrap();
    assert_eq!(within("get", counter.get()).await, Ok(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_aborted_while_waiting_for_space_is_never_queued() {
    let (counter, gate) = parked_counter().await;
    counter.tell_add(1).await.unwrap();
    let (waiting_tx, waiting) = oneshot::channel();
    let caller = tokio::spawn({
        let counter = counter.clone();
        async move { signal_when_pending(counter.add(100), waiting_tx).await }
    });
    within("the call waiting for space", waiting).await.unwrap();
    caller.abort();
    let aborted = within("the aborted caller", caller).await;
    assert!(aborted.unwrap_err().is_cancelled());
    gate.open();
    assert_eq!(within("get", counter.get()).await, Ok(1));
    assert_eq!(within("add", counter.add(1)).await, Ok(2));
}
