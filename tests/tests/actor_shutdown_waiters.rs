//! Callers waiting for mailbox space when `shutdown` is called are refused
//! at once; only what the mailbox had accepted is handled. So a shutdown
//! waits for at most a mailbox's worth of work, however many callers are
//! queued for space.

use std::sync::Arc;

use tokio::sync::Semaphore;
use unmixed::ActorError;

pub struct Gated {
    gate: Arc<Semaphore>,
    handled: u32,
}

#[unmixed::actor(mailbox = 1)]
impl Gated {
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test holds the actor busy until it opens the gate"
    )]
    pub async fn pass(&mut self) -> u32 {
        let _permit = self.gate.acquire().await;
        self.handled += 1;
        self.handled
    }
}

/// Lets every spawned task on this current-thread runtime run until it waits.
async fn settle() {
    for _ in 0..16 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn callers_waiting_for_space_are_refused_by_a_shutdown() {
    let gate = Arc::new(Semaphore::new(0));
    let actor = Gated {
        gate: Arc::clone(&gate),
        handled: 0,
    }
    .spawn();
    // One call in the handler, one in the mailbox, eight waiting for space.
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let actor = actor.clone();
            tokio::spawn(async move { actor.pass().await })
        })
        .collect();
    settle().await;
    let shutdown = tokio::spawn({
        let actor = actor.clone();
        async move { actor.shutdown().await }
    });
    settle().await;
    let done_before_space = calls.iter().filter(|call| call.is_finished()).count();
    assert_eq!(
        done_before_space, 8,
        "refusing a waiting caller needs no space"
    );
    gate.add_permits(Semaphore::MAX_PERMITS);

    let mut answered = Vec::new();
    let mut refused = 0;
    for call in calls {
        match call.await.expect("no caller panics") {
            Ok(count) => answered.push(count),
            Err(ActorError::Stopped) => refused += 1,
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }
    assert_eq!(
        answered,
        [1, 2],
        "the call being handled and the queued one"
    );
    assert_eq!(refused, 8, "every caller still waiting for space");
    let state = shutdown
        .await
        .unwrap()
        .expect("the first shutdown gets the state");
    assert_eq!(state.handled, 2);
}
