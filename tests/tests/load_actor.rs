//! An actor with a 16-message mailbox under many concurrent callers: every
//! reply correct and delivered once, every request handled once, memory flat.

mod load_util;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use load_util::{answer, rss_kib, watch};
use tokio::task::JoinSet;
use unmixed::ActorError;

pub struct Ledger {
    handled: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Ledger {
    /// Answers `request`, with a ticket: how many requests the actor has
    /// handled, this one included.
    pub fn serve(&mut self, request: u64) -> (u64, u64) {
        self.handled += 1;
        (answer(request), self.handled)
    }

    pub fn handled(&self) -> u64 {
        self.handled
    }
}

/// One bit per ticket the actor can give out: a request handled twice, or
/// a reply delivered twice, punches a bit twice; one lost leaves a hole.
struct Tickets {
    words: Vec<AtomicU64>,
    count: u64,
}

impl Tickets {
    fn new(count: u64) -> Self {
        let words = count.div_ceil(64) as usize;
        Tickets {
            words: (0..words).map(|_| AtomicU64::new(0)).collect(),
            count,
        }
    }

    fn punch(&self, ticket: u64) {
        assert!(
            (1..=self.count).contains(&ticket),
            "ticket {ticket} out of 1..={}",
            self.count
        );
        let index = ticket - 1;
        let bit = 1 << (index % 64);
        let before = self.words[(index / 64) as usize].fetch_or(bit, Ordering::Relaxed);
        assert_eq!(before & bit, 0, "ticket {ticket} was handed out twice");
    }

    fn punched(&self) -> u64 {
        self.words
            .iter()
            .map(|word| u64::from(word.load(Ordering::Relaxed).count_ones()))
            .sum()
    }
}

/// Growth of the resident set allowed between 10% of the requests and the
/// end. By 10% every caller task, the allocator's per-thread arenas and the
/// mailbox's blocks exist; what follows can only churn. A leak of a single
/// small allocation (a 64-byte reply channel) per request would add over
/// 50 MiB across the remaining 900,000 requests of the full run, so 8 MiB
/// leaves room for allocator noise and still catches it. The scaled-down
/// run is too short to catch a leak that small; it checks the plumbing.
const RSS_GROWTH_LIMIT_KIB: u64 = 8 * 1024;

async fn run(callers: u64, requests_per_caller: u64) {
    let total = callers * requests_per_caller;
    let ledger = Ledger { handled: 0 }.spawn();
    let tickets = Arc::new(Tickets::new(total));
    let replies = Arc::new(AtomicU64::new(0));
    let rss_at_tenth = Arc::new(OnceLock::new());
    let load_done = Arc::new(AtomicBool::new(false));

    // The mailbox pushes back: a `try_` call made during the load finds it full.
    let probe = tokio::spawn({
        let ledger = ledger.clone();
        let load_done = Arc::clone(&load_done);
        async move {
            while !load_done.load(Ordering::Relaxed) {
                match ledger.try_handled().await {
                    Err(ActorError::Full) => return true,
                    Ok(_) => tokio::task::yield_now().await,
                    Err(error) => panic!("probe: {error}"),
                }
            }
            false
        }
    });

    let mut tasks = JoinSet::new();
    for caller in 0..callers {
        let ledger = ledger.clone();
        let tickets = Arc::clone(&tickets);
        let replies = Arc::clone(&replies);
        let rss_at_tenth = Arc::clone(&rss_at_tenth);
        tasks.spawn(async move {
            for sequence in 0..requests_per_caller {
                let request = caller * requests_per_caller + sequence;
                let (reply, ticket) = ledger
                    .serve(request)
                    .await
                    .unwrap_or_else(|error| panic!("request {request}: {error}"));
                assert_eq!(reply, answer(request), "reply to request {request}");
                tickets.punch(ticket);
                if replies.fetch_add(1, Ordering::Relaxed) + 1 == total / 10 {
                    rss_at_tenth.get_or_init(rss_kib);
                }
            }
        });
    }
    watch("the callers", &replies, async {
        while let Some(caller) = tasks.join_next().await {
            caller.expect("a caller panicked");
        }
    })
    .await;
    load_done.store(true, Ordering::Relaxed);

    assert_eq!(replies.load(Ordering::Relaxed), total);
    assert_eq!(tickets.punched(), total, "a ticket was never handed out");
    assert!(
        watch("the probe", &replies, probe).await.unwrap(),
        "no `try_` call found the mailbox full during the load"
    );
    let state = watch("shutdown", &replies, ledger.shutdown())
        .await
        .unwrap();
    assert_eq!(state.handled, total);

    let rss_at_end = rss_kib();
    match (rss_at_tenth.get().copied().flatten(), rss_at_end) {
        (Some(early), Some(end)) => {
            println!("{total} requests: RSS {early} KiB at 10%, {end} KiB at the end");
            assert!(
                end <= early + RSS_GROWTH_LIMIT_KIB,
                "RSS grew from {early} KiB to {end} KiB over the last 90% of the requests"
            );
        }
        _ => println!("no /proc/self/status here: memory not checked"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_callers_get_every_reply_right_with_flat_memory() {
    run(50, 200).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with cargo test -p unmixed-tests --release --test load_actor -- --ignored"]
async fn a_thousand_callers_a_million_requests() {
    run(1_000, 1_000).await;
}
