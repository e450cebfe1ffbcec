//! Neither a busy actor nor a caller that never waits keeps its thread to
//! itself: both give way to the runtime's other tasks now and then, as
//! tokio's own channels do.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::within;

/// Notes the first message it handles after `other` has run.
pub struct Watcher {
    other: Arc<AtomicBool>,
    handled: u64,
    first_after_other: Option<u64>,
}

#[unmixed::actor(mailbox = 1024)]
impl Watcher {
    #[unmixed::allow(
        MIXED_MODELS,
        reason = "the test watches from inside the actor when another task has run"
    )]
    pub fn tick(&mut self) {
        self.handled += 1;
        if self.first_after_other.is_none() && self.other.load(Ordering::Relaxed) {
            self.first_after_other = Some(self.handled);
        }
    }

    pub fn first_after_other(&self) -> Option<u64> {
        self.first_after_other
    }
}

const MESSAGES: u64 = 1000;

fn other_task(ran: &Arc<AtomicBool>) {
    let ran = Arc::clone(ran);
    tokio::spawn(async move { ran.store(true, Ordering::Relaxed) });
}

#[tokio::test(flavor = "current_thread")]
async fn an_actor_with_a_full_mailbox_lets_other_tasks_run() {
    let ran = Arc::new(AtomicBool::new(false));
    let watcher = Watcher {
        other: Arc::clone(&ran),
        handled: 0,
        first_after_other: None,
    }
    .spawn();
    for _ in 0..MESSAGES {
        watcher.try_tell_tick().unwrap();
    }
    // Queued behind the actor, which has every message already.
    other_task(&ran);
    let first = within("the watcher", watcher.first_after_other()).await;
    assert!(
        matches!(first, Ok(Some(n)) if n < MESSAGES),
        "the actor handled all {MESSAGES} messages in one go: {first:?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_caller_that_never_waits_for_space_lets_other_tasks_run() {
    let ran = Arc::new(AtomicBool::new(false));
    let watcher = Watcher {
        other: Arc::clone(&ran),
        handled: 0,
        first_after_other: None,
    }
    .spawn();
    let caller = tokio::spawn({
        let (watcher, ran) = (watcher.clone(), Arc::clone(&ran));
        async move {
            other_task(&ran);
            // The mailbox never fills: nothing else makes this task wait.
            for _ in 0..MESSAGES {
                watcher.tell_tick().await.unwrap();
            }
            ran.load(Ordering::Relaxed)
        }
    });
    let ran_meanwhile = within("the caller", caller).await.unwrap();
    assert!(
        ran_meanwhile,
        "the caller sent all {MESSAGES} messages in one go"
    );
}
