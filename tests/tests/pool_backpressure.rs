//! A bounded queue: when it is full, `submit`/`run` wait for space (at most
//! `max_wait`), `try_submit` hands the job back, and running jobs do not
//! count against the bound.

mod pool_util;

use std::task::Poll;

use pool_util::{assert_pending, gate, within, Hold, SETTLE};
use tokio::sync::oneshot;
use unmixed::PoolError;

#[unmixed::worker_pool(bounded = 2, workers = 1)]
pub fn step(value: u32, hold: Option<Hold>) -> u32 {
    if let Some(hold) = hold {
        hold.wait();
    }
    value
}

#[unmixed::worker_pool(bounded = 1, workers = 1, max_wait = "20ms")]
pub fn impatient(value: u32, hold: Option<Hold>) -> u32 {
    if let Some(hold) = hold {
        hold.wait();
    }
    value
}

#[unmixed::worker_pool(bounded = 1, workers = 1)]
pub async fn parked(
    value: u32,
    entered: Option<oneshot::Sender<()>>,
    release: Option<oneshot::Receiver<()>>,
) -> u32 {
    if let Some(entered) = entered {
        let _ = entered.send(());
    }
    if let Some(release) = release {
        let _ = release.await;
    }
    value
}

/// Polls `future` once, outside tokio's cooperative budget.
async fn poll_once<F: std::future::Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    tokio::task::unconstrained(std::future::poll_fn(|cx| {
        Poll::Ready(std::pin::Pin::new(&mut *future).poll(cx))
    }))
    .await
}

#[tokio::test]
async fn full_queue_hands_try_submit_its_arguments_back() {
    let pool = StepPool::start();
    let (latch, hold) = gate();
    let running = pool.try_submit(0, Some(hold)).unwrap();
    latch.entered();
    // The running job does not take a place: two more fit.
    let first = pool.try_submit(1, None).unwrap();
    let second = pool.try_submit(2, None).unwrap();
    assert_eq!(pool.queued(), 2);
    let rejected = pool.try_submit(3, None).unwrap_err();
    assert!(rejected.is_full());
    assert_eq!(rejected.reason(), PoolError::Full);
    let (value, hold) = rejected.into_inner();
    assert_eq!(value, 3);
    assert!(hold.is_none());
    assert_eq!(pool.queued(), 2, "a rejected job takes no place");
    latch.open();
    assert_eq!(within("the running job", running).await, Ok(0));
    assert_eq!(within("the first queued job", first).await, Ok(1));
    assert_eq!(within("the second queued job", second).await, Ok(2));
    assert_eq!(pool.queued(), 0);
}

#[tokio::test]
async fn full_queue_makes_submit_and_run_wait_for_space() {
    let pool = StepPool::start();
    let (latch, hold) = gate();
    let running = pool.try_submit(0, Some(hold)).unwrap();
    latch.entered();
    let queued = [
        pool.try_submit(1, None).unwrap(),
        pool.try_submit(2, None).unwrap(),
    ];
    let mut submit = Box::pin(pool.submit(3, None));
    assert!(poll_once(&mut submit).await.is_pending());
    let mut run = Box::pin(pool.run(4, None));
    assert!(poll_once(&mut run).await.is_pending());
    assert_pending("submit into a full queue", &mut submit).await;
    assert_pending("run into a full queue", &mut run).await;
    assert_eq!(pool.queued(), 2);
    latch.open();
    let job = within("submit once space frees", &mut submit)
        .await
        .unwrap();
    assert_eq!(within("run once space frees", &mut run).await, Ok(4));
    assert_eq!(within("the submitted job", job).await, Ok(3));
    assert_eq!(within("the running job", running).await, Ok(0));
    for (value, job) in (1..).zip(queued) {
        assert_eq!(within("a queued job", job).await, Ok(value));
    }
}

#[test]
fn full_queue_blocks_sync_callers_until_space_frees() {
    let pool = StepPool::start();
    let (latch, hold) = gate();
    let running = pool.try_submit(0, Some(hold)).unwrap();
    latch.entered();
    pool.try_submit(1, None).unwrap();
    pool.try_submit(2, None).unwrap();
    let caller = std::thread::spawn({
        let pool = pool.clone();
        move || pool.run_blocking(3, None)
    });
    std::thread::sleep(SETTLE);
    assert!(
        !caller.is_finished(),
        "run_blocking returned while the queue was full"
    );
    latch.open();
    assert_eq!(caller.join().unwrap(), Ok(3));
    assert_eq!(running.wait(), Ok(0));
}

#[tokio::test]
async fn dropping_a_waiting_submit_gives_up_its_claim_on_space() {
    let pool = StepPool::start();
    let (latch, hold) = gate();
    let _running = pool.try_submit(0, Some(hold)).unwrap();
    latch.entered();
    pool.try_submit(1, None).unwrap();
    pool.try_submit(2, None).unwrap();
    let mut waiting = Box::pin(pool.submit(99, None));
    assert!(poll_once(&mut waiting).await.is_pending());
    drop(waiting);
    latch.open();
    // The dropped submission was never queued, and the place it waited for is free.
    assert_eq!(within("run after the drop", pool.run(5, None)).await, Ok(5));
    assert_eq!(pool.queued(), 0);
}

#[tokio::test]
async fn max_wait_turns_a_long_wait_for_space_into_timeout() {
    let pool = ImpatientPool::start();
    let (latch, hold) = gate();
    let running = pool.try_submit(0, Some(hold)).unwrap();
    latch.entered();
    let queued = pool.try_submit(1, None).unwrap();
    assert_eq!(
        within("run into a full queue", pool.run(2, None)).await,
        Err(PoolError::Timeout)
    );
    assert_eq!(
        within("submit into a full queue", pool.submit(3, None))
            .await
            .unwrap_err(),
        PoolError::Timeout
    );
    let blocking = std::thread::spawn({
        let pool = pool.clone();
        move || pool.run_blocking(4, None)
    });
    assert_eq!(blocking.join().unwrap(), Err(PoolError::Timeout));
    // Timed-out callers queued nothing and took no place.
    assert_eq!(pool.queued(), 1);
    latch.open();
    assert_eq!(within("the running job", running).await, Ok(0));
    assert_eq!(within("the queued job", queued).await, Ok(1));
    // With space, max_wait does not get in the way.
    assert_eq!(within("run with space", pool.run(5, None)).await, Ok(5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_pool_queue_is_bounded_too() {
    let pool = ParkedPool::start();
    let (entered_tx, entered) = oneshot::channel();
    let (release, release_rx) = oneshot::channel();
    let running = pool
        .try_submit(0, Some(entered_tx), Some(release_rx))
        .unwrap();
    within("the parked job to start", entered).await.unwrap();
    let queued = pool.try_submit(1, None, None).unwrap();
    let rejected = pool.try_submit(2, None, None).unwrap_err();
    assert!(rejected.is_full());
    assert_eq!(rejected.into_inner().0, 2);
    let mut run = Box::pin(pool.run(3, None, None));
    assert!(poll_once(&mut run).await.is_pending());
    assert_pending("run into a full async queue", &mut run).await;
    release.send(()).unwrap();
    assert_eq!(within("run once space frees", run).await, Ok(3));
    assert_eq!(within("the running job", running).await, Ok(0));
    assert_eq!(within("the queued job", queued).await, Ok(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_producers_through_a_queue_of_two() {
    let pool = StepPool::start();
    let mut producers = tokio::task::JoinSet::new();
    for producer in 0..8u32 {
        let pool = pool.clone();
        producers.spawn(async move {
            let mut sum = 0;
            for i in 0..50u32 {
                let value = producer * 100 + i;
                let result = match pool.try_submit(value, None) {
                    Ok(job) => job.await,
                    Err(rejected) => {
                        let (value, _) = rejected.into_inner();
                        pool.run(value, None).await
                    }
                };
                assert_eq!(result, Ok(value));
                sum += 1;
            }
            sum
        });
    }
    let mut total = 0;
    while let Some(done) = within("a producer", producers.join_next()).await {
        total += done.unwrap();
    }
    assert_eq!(total, 400);
}
