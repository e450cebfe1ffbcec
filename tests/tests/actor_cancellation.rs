//! Callers that give up at arbitrary points, while waiting for mailbox
//! space or for their reply, on a tiny mailbox under a multi-thread
//! runtime. Places given up are passed on, so no caller waits forever;
//! nothing is handled twice; every answered call was handled; and the
//! state that `shutdown` hands over holds exactly what was handled.

mod common;

use std::collections::HashSet;

use common::within;
use unmixed::ActorError;

pub struct Ledger {
    handled: Vec<u64>,
}

#[unmixed::actor(mailbox = 2)]
impl Ledger {
    pub fn record(&mut self, id: u64) -> u64 {
        self.handled.push(id);
        id
    }
}

const CALLERS: u64 = 8;
const CALLS: u64 = 500;

/// What became of one caller's calls.
#[derive(Default)]
struct Outcomes {
    /// Ids the actor answered.
    answered: Vec<u64>,
    /// Ids sent with `tell_record` that got in.
    told: Vec<u64>,
    /// Every id the caller tried.
    tried: Vec<u64>,
}

/// xorshift: enough to vary where each call gives up, and reproducible.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Gives up after `polls` yields; never for `None`.
async fn give_up(polls: Option<u64>) {
    match polls {
        Some(polls) => {
            for _ in 0..polls {
                tokio::task::yield_now().await;
            }
        }
        None => std::future::pending().await,
    }
}

async fn caller(ledger: LedgerHandle, caller: u64) -> Outcomes {
    let mut outcomes = Outcomes::default();
    let mut seed = caller.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for call in 0..CALLS {
        let id = caller << 32 | call;
        outcomes.tried.push(id);
        let roll = next(&mut seed);
        let patience = (!roll.is_multiple_of(3)).then_some(roll / 3 % 4);
        if roll.is_multiple_of(5) {
            tokio::select! {
                sent = ledger.tell_record(id) => {
                    sent.expect("the actor runs while callers call");
                    outcomes.told.push(id);
                }
                () = give_up(patience) => {}
            }
        } else {
            tokio::select! {
                reply = ledger.record(id) => {
                    assert_eq!(reply, Ok(id), "the reply to {id}");
                    outcomes.answered.push(id);
                }
                () = give_up(patience) => {}
            }
        }
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_giving_up_anywhere_lose_and_duplicate_nothing() {
    let ledger = Ledger {
        handled: Vec::new(),
    }
    .spawn();
    let callers: Vec<_> = (0..CALLERS)
        .map(|id| tokio::spawn(caller(ledger.clone(), id)))
        .collect();
    let mut outcomes = Vec::new();
    for task in callers {
        outcomes.push(within("a caller", task).await.expect("no caller panics"));
    }
    let state = within("shutdown", ledger.shutdown())
        .await
        .expect("the first shutdown gets the state");
    assert_eq!(ledger.record(0).await, Err(ActorError::Stopped));

    let handled: HashSet<u64> = state.handled.iter().copied().collect();
    assert_eq!(handled.len(), state.handled.len(), "a call handled twice");
    let tried: HashSet<u64> = outcomes.iter().flat_map(|o| o.tried.clone()).collect();
    assert!(handled.is_subset(&tried), "a call nobody made");
    for outcome in &outcomes {
        for id in outcome.answered.iter().chain(&outcome.told) {
            assert!(handled.contains(id), "call {id} got in but was not handled");
        }
    }
    let got_in: usize = outcomes
        .iter()
        .map(|o| o.answered.len() + o.told.len())
        .sum();
    assert!(got_in <= handled.len());
    assert!(
        got_in < tried.len(),
        "no caller gave up: the test tests nothing"
    );
}
