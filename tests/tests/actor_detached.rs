//! `#[detached]` handlers: the future runs as its own task while the mailbox keeps flowing.

mod common;

use std::future::Future;
use std::time::Duration;

use common::{assert_pending, gate, within, Gate};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use unmixed::ActorError;

pub struct Jobs {
    n: u64,
    started: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Jobs {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }

    pub fn started(&self) -> u64 {
        self.started
    }

    /// Snapshots the count now; answers it once the gate opens.
    #[detached]
    pub fn report_later(
        &mut self,
        entered: oneshot::Sender<()>,
        release: oneshot::Receiver<()>,
    ) -> impl Future<Output = u64> + Send + 'static {
        self.started += 1;
        let snapshot = self.n;
        async move {
            let _ = entered.send(());
            let _ = release.await;
            snapshot
        }
    }

    /// Panics in the detached future once the gate opens.
    #[detached]
    pub fn fail_later(
        &mut self,
        entered: oneshot::Sender<()>,
        release: oneshot::Receiver<()>,
    ) -> impl Future<Output = u64> + Send + 'static {
        self.started += 1;
        async move {
            let _ = entered.send(());
            if release.await.is_ok() {
                panic!("detached future failed on purpose");
            }
            0
        }
    }

    /// Panics in the synchronous part, while it holds the state.
    #[detached]
    pub fn fail_before_detaching(
        &mut self,
        fail: bool,
    ) -> impl Future<Output = u64> + Send + 'static {
        self.n += 1000;
        if fail {
            panic!("synchronous part failed on purpose");
        }
        async move { 0 }
    }

    /// Panics with a payload whose own `Drop` panics when the actor throws it away.
    pub fn fail_with_a_bomb(&mut self) -> u64 {
        std::panic::panic_any(Bomb)
    }

    /// Snapshots the count now; answers it after a short timer.
    #[detached]
    pub fn sleep_then_report(&mut self, ms: u64) -> impl Future<Output = u64> + Send + 'static {
        self.started += 1;
        let snapshot = self.n;
        async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            snapshot
        }
    }
}

/// A panic payload whose own `Drop` panics.
struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("a panic payload's drop panicked on purpose");
    }
}

fn jobs() -> JobsHandle {
    Jobs { n: 0, started: 0 }.spawn()
}

/// Starts `report_later` from its own task; returns once its detached future runs.
async fn report_later(jobs: &JobsHandle) -> (JoinHandle<Result<u64, ActorError>>, Gate) {
    let (mut gate, entered, release) = gate();
    let jobs = jobs.clone();
    let caller = tokio::spawn(async move { jobs.report_later(entered, release).await });
    gate.entered().await;
    (caller, gate)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mailbox_keeps_flowing_while_a_detached_future_runs() {
    let jobs = jobs();
    let (mut caller, gate) = report_later(&jobs).await;
    // The detached future waits on the gate, which only the test opens: the
    // actor answering now proves it does not wait for that future.
    assert_eq!(
        within("add during a detached future", jobs.add(5)).await,
        Ok(5)
    );
    assert_eq!(
        within("get during a detached future", jobs.get()).await,
        Ok(5)
    );
    assert_eq!(within("started", jobs.started()).await, Ok(1));
    assert_pending("the detached call", &mut caller).await;
    gate.open();
    // The answer is the snapshot its synchronous part took, before the add.
    assert_eq!(within("the detached call", caller).await.unwrap(), Ok(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_detached_futures_run_at_once() {
    let jobs = jobs();
    let mut running = Vec::new();
    for _ in 0..10 {
        jobs.add(1).await.unwrap();
        running.push(report_later(&jobs).await);
    }
    // All ten are running together, none released yet; open the gates in reverse.
    assert_eq!(within("started", jobs.started()).await, Ok(10));
    let mut answers = Vec::new();
    while let Some((caller, gate)) = running.pop() {
        gate.open();
        answers.push(within("a detached call", caller).await.unwrap().unwrap());
    }
    assert_eq!(answers, (1..=10).rev().collect::<Vec<u64>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn panicking_detached_future_answers_panicked_and_the_actor_keeps_running() {
    let jobs = jobs();
    let (mut gate, entered, release) = gate();
    let caller = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.fail_later(entered, release).await }
    });
    gate.entered().await;
    assert_eq!(within("add", jobs.add(1)).await, Ok(1));
    gate.open();
    assert_eq!(
        within("the failing detached call", caller).await.unwrap(),
        Err(ActorError::Panicked)
    );
    assert!(!jobs.is_closed());
    assert_eq!(
        within("add after the detached panic", jobs.add(1)).await,
        Ok(2)
    );
    assert_eq!(
        within("get after the detached panic", jobs.get()).await,
        Ok(2)
    );
    let last = within("shutdown", jobs.shutdown()).await.unwrap();
    assert_eq!((last.n, last.started), (2, 1));
}

#[tokio::test]
async fn panic_in_the_synchronous_part_stops_the_actor() {
    let jobs = jobs();
    assert_eq!(within("add", jobs.add(1)).await, Ok(1));
    assert_eq!(
        within(
            "a synchronous part that does not fail",
            jobs.fail_before_detaching(false)
        )
        .await,
        Ok(0)
    );
    assert_eq!(
        within(
            "a failing synchronous part",
            jobs.fail_before_detaching(true)
        )
        .await,
        Err(ActorError::Panicked)
    );
    assert_eq!(
        within("get after the panic", jobs.get()).await,
        Err(ActorError::Stopped)
    );
    assert!(jobs.is_closed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_running_detached_futures() {
    let jobs = jobs();
    jobs.add(3).await.unwrap();
    let (caller, gate) = report_later(&jobs).await;
    let mut shutdown = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.shutdown().await.map(|last| (last.n, last.started)) }
    });
    // The detached future waits on the gate, so shutdown cannot finish.
    assert_pending("shutdown with a detached future running", &mut shutdown).await;
    gate.open();
    assert_eq!(within("the detached call", caller).await.unwrap(), Ok(3));
    assert_eq!(within("shutdown", shutdown).await.unwrap(), Ok((3, 1)));
    assert_eq!(
        within("get after shutdown", jobs.get()).await,
        Err(ActorError::Stopped)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tell_and_try_forms_of_a_detached_handler() {
    let jobs = jobs();
    // Fire and forget: returns once queued, the future still runs.
    let (mut told, entered, release) = gate();
    within(
        "tell_report_later",
        jobs.tell_report_later(entered, release),
    )
    .await
    .unwrap();
    told.entered().await;
    // try form: queued at once (the mailbox has room), answers later.
    let (mut tried, entered, release) = gate();
    let caller = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.try_report_later(entered, release).await }
    });
    tried.entered().await;
    assert_eq!(within("started", jobs.started()).await, Ok(2));
    told.open();
    tried.open();
    assert_eq!(within("try_report_later", caller).await.unwrap(), Ok(0));
    jobs.try_tell_sleep_then_report(1).unwrap();
    assert_eq!(within("started", jobs.started()).await, Ok(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detached_panic_without_a_caller_leaves_the_actor_running() {
    let jobs = jobs();
    let (mut first, entered, release) = gate();
    jobs.try_tell_fail_later(entered, release).unwrap();
    first.entered().await;
    first.open();
    // Nobody waits for that future; after it panicked the actor still answers.
    let (mut second, entered, release) = gate();
    let caller = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.fail_later(entered, release).await }
    });
    second.entered().await;
    second.open();
    assert_eq!(
        within("fail_later", caller).await.unwrap(),
        Err(ActorError::Panicked)
    );
    assert_eq!(within("add", jobs.add(1)).await, Ok(1));
    assert_eq!(within("started", jobs.started()).await, Ok(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_waits_for_a_detached_future_that_panics() {
    let jobs = jobs();
    let (mut gate, entered, release) = gate();
    let caller = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.fail_later(entered, release).await }
    });
    gate.entered().await;
    let mut shutdown = tokio::spawn({
        let jobs = jobs.clone();
        async move { jobs.shutdown().await.map(|last| last.started) }
    });
    assert_pending("shutdown with a detached future running", &mut shutdown).await;
    gate.open();
    assert_eq!(
        within("fail_later", caller).await.unwrap(),
        Err(ActorError::Panicked)
    );
    // A detached panic does not poison the state: shutdown still hands it over.
    assert_eq!(within("shutdown", shutdown).await.unwrap(), Ok(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detached_future_outlives_a_panic_of_its_actor() {
    let jobs = jobs();
    jobs.add(4).await.unwrap();
    let (caller, gate) = report_later(&jobs).await;
    assert_eq!(
        within(
            "a failing synchronous part",
            jobs.fail_before_detaching(true)
        )
        .await,
        Err(ActorError::Panicked)
    );
    assert_eq!(
        within("get after the panic", jobs.get()).await,
        Err(ActorError::Stopped)
    );
    // The future detached before the panic was already handled: its caller
    // is owed the value it computes.
    gate.open();
    assert_eq!(within("the detached call", caller).await.unwrap(), Ok(4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detached_future_outlives_a_panic_whose_payload_panics_when_dropped() {
    let jobs = jobs();
    jobs.add(4).await.unwrap();
    let (caller, gate) = report_later(&jobs).await;
    assert_eq!(
        within("a panic with a bomb for a payload", jobs.fail_with_a_bomb()).await,
        Err(ActorError::Panicked)
    );
    assert_eq!(
        within("get after the panic", jobs.get()).await,
        Err(ActorError::Stopped)
    );
    // The second panic stayed inside the actor loop, so the loop still
    // waits for the detached future instead of unwinding past it.
    gate.open();
    assert_eq!(within("the detached call", caller).await.unwrap(), Ok(4));
}

#[test]
fn detached_future_whose_runtime_is_gone_reports_stopped() {
    let home = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let jobs = Jobs { n: 6, started: 0 }.spawn_on(home.handle());
    let elsewhere = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (mut gate, entered, release) = gate();
    let mut caller = Box::pin(jobs.report_later(entered, release));
    elsewhere.block_on(async {
        common::start("report_later", &mut caller).await;
        gate.entered().await;
    });
    // The detached future is parked on the gate when its runtime goes away.
    drop(home);
    elsewhere.block_on(async {
        assert_eq!(
            within("the detached call", &mut caller).await,
            Err(ActorError::Stopped)
        );
        assert_eq!(within("get", jobs.get()).await, Err(ActorError::Stopped));
        assert!(jobs.is_closed());
    });
    drop(gate);
}

#[tokio::test]
async fn detached_future_can_await_a_timer() {
    let jobs = jobs();
    jobs.add(2).await.unwrap();
    let later = jobs.sleep_then_report(20);
    let (answer, added) = within("the timer and the add", async {
        tokio::join!(later, jobs.add(1))
    })
    .await;
    assert_eq!(answer, Ok(2));
    assert_eq!(added, Ok(3));
}
