//! Messages are handled one at a time, each caller's in the order it sent them.

mod common;

use std::collections::HashMap;

use common::within;
use tokio::task::JoinSet;
use unmixed::ActorError;

/// Records who sent what, in the order the actor handled it.
pub struct Log {
    entries: Vec<(u32, u32)>,
}

#[unmixed::actor(mailbox = 8)]
impl Log {
    pub fn push(&mut self, caller: u32, seq: u32) -> usize {
        self.entries.push((caller, seq));
        self.entries.len()
    }

    pub fn entries(&self) -> Vec<(u32, u32)> {
        self.entries.clone()
    }

    /// Writes the entry twice with a suspension point in between: if another
    /// message could run meanwhile, the two copies would not be adjacent.
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test checks that no other message runs while this one is suspended"
    )]
    pub async fn push_twice(&mut self, caller: u32, seq: u32) -> usize {
        self.entries.push((caller, seq));
        tokio::task::yield_now().await;
        self.entries.push((caller, seq));
        self.entries.len()
    }
}

pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 4)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }
}

fn log() -> LogHandle {
    Log {
        entries: Vec::new(),
    }
    .spawn()
}

/// Checks that every caller's entries appear in the order 0, 1, 2, ... and
/// that each caller sent `per_caller` of them.
fn assert_per_caller_order(entries: &[(u32, u32)], callers: u32, per_caller: u32) {
    let mut next: HashMap<u32, u32> = HashMap::new();
    for &(caller, seq) in entries {
        let expected = next.entry(caller).or_insert(0);
        assert_eq!(seq, *expected, "caller {caller}'s messages were reordered");
        *expected += 1;
    }
    assert_eq!(
        next.len(),
        callers as usize,
        "some caller's messages are missing"
    );
    for (caller, count) in next {
        assert_eq!(count, per_caller, "caller {caller} lost messages");
    }
}

#[tokio::test]
async fn single_caller_messages_are_handled_in_send_order() {
    let log = log();
    for seq in 0..300u32 {
        match seq % 3 {
            // A request-reply sees every earlier message already handled.
            0 => assert_eq!(log.push(0, seq).await, Ok(seq as usize + 1)),
            1 => log.tell_push(0, seq).await.unwrap(),
            _ => match log.try_tell_push(0, seq) {
                Ok(()) => {}
                Err(ActorError::Full) => log.tell_push(0, seq).await.unwrap(),
                Err(other) => panic!("try_tell_push failed with {other:?}"),
            },
        }
    }
    let entries = within("entries", log.entries()).await.unwrap();
    let expected: Vec<(u32, u32)> = (0..300).map(|seq| (0, seq)).collect();
    assert_eq!(entries, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_each_keep_their_own_order() {
    const CALLERS: u32 = 8;
    const PER_CALLER: u32 = 250;
    let log = log();
    let mut callers = JoinSet::new();
    for caller in 0..CALLERS {
        let log = log.clone();
        callers.spawn(async move {
            for seq in 0..PER_CALLER {
                if seq % 2 == 0 {
                    log.tell_push(caller, seq).await.unwrap();
                } else {
                    log.push(caller, seq).await.unwrap();
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
    let entries = within("entries", log.entries()).await.unwrap();
    assert_eq!(entries.len(), (CALLERS * PER_CALLER) as usize);
    assert_per_caller_order(&entries, CALLERS, PER_CALLER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_adds_each_see_a_distinct_state() {
    const CALLERS: u64 = 16;
    const PER_CALLER: u64 = 100;
    let counter = Counter { n: 0 }.spawn();
    let mut callers = JoinSet::new();
    for _ in 0..CALLERS {
        let counter = counter.clone();
        callers.spawn(async move {
            let mut seen = Vec::new();
            for _ in 0..PER_CALLER {
                seen.push(counter.add(1).await.unwrap());
            }
            seen
        });
    }
    let mut seen = Vec::new();
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            let mine = done.unwrap();
            // One caller's additions are handled in its order.
            assert!(mine.windows(2).all(|pair| pair[0] < pair[1]));
            seen.extend(mine);
        }
    })
    .await;
    // Handled one at a time: every addition saw a different count, none lost.
    seen.sort_unstable();
    let expected: Vec<u64> = (1..=CALLERS * PER_CALLER).collect();
    assert_eq!(seen, expected);
    assert_eq!(counter.get().await, Ok(CALLERS * PER_CALLER));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspended_async_handler_is_not_interleaved_with_other_messages() {
    const CALLERS: u32 = 6;
    const PER_CALLER: u32 = 40;
    let log = log();
    let mut callers = JoinSet::new();
    for caller in 0..CALLERS {
        let log = log.clone();
        callers.spawn(async move {
            for seq in 0..PER_CALLER {
                if seq % 2 == 0 {
                    log.push_twice(caller, seq).await.unwrap();
                } else {
                    log.tell_push_twice(caller, seq).await.unwrap();
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
    let entries = within("entries", log.entries()).await.unwrap();
    assert_eq!(entries.len(), (2 * CALLERS * PER_CALLER) as usize);
    for pair in entries.chunks(2) {
        assert_eq!(
            pair[0], pair[1],
            "another message ran inside push_twice: {entries:?}"
        );
    }
    let once: Vec<(u32, u32)> = entries.chunks(2).map(|pair| pair[0]).collect();
    assert_per_caller_order(&once, CALLERS, PER_CALLER);
}
