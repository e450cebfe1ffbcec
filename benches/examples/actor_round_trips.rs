//! N request/reply round trips (`hand`, `unmixed`), N fire-and-forget
//! messages and one final request (`hand-tell`, `unmixed-tell`), or N
//! requests from 8 concurrent callers, N/8 each (`hand-8`, `unmixed-8`), on
//! a current-thread runtime, through an `#[unmixed::actor]` or through the
//! hand-written mpsc + oneshot actor it replaces. Made to be counted with
//! callgrind, whose instruction counts do not depend on what else the
//! machine is doing:
//!
//! ```sh
//! cargo build --release -p unmixed-benches --example actor_round_trips
//! for which in hand unmixed hand-tell unmixed-tell hand-8 unmixed-8; do for n in 10000 20000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/actor_round_trips $which $n 2>&1 | grep Collected
//! done; done
//! ```
//!
//! The cost of one message is the difference between the two counts of one
//! implementation divided by 10,000 (start-up cancels out). To see where
//! the instructions go, count with `--dump-instr=no` into a file and read
//! it with `callgrind_annotate --inclusive=yes`.

use tokio::sync::{mpsc, oneshot};

pub struct Counter {
    total: u64,
}

#[unmixed::actor(mailbox = 64)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.total += by;
        self.total
    }
}

#[derive(Debug)]
enum Message {
    Add(u64, oneshot::Sender<u64>),
    Bump(u64),
}

async fn hand_written(mut inbox: mpsc::Receiver<Message>) {
    let mut total = 0;
    while let Some(message) = inbox.recv().await {
        match message {
            Message::Add(by, reply) => {
                total += by;
                let _ = reply.send(total);
            }
            Message::Bump(by) => total += by,
        }
    }
}

/// Concurrent callers in the `-8` cases.
const CALLERS: u64 = 8;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage =
        "usage: actor_round_trips hand|unmixed|hand-tell|unmixed-tell|hand-8|unmixed-8 MESSAGES";
    let which = args.next().expect(usage);
    let messages: u64 = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let sum = runtime.block_on(async move {
        match which.as_str() {
            "unmixed" => unmixed(messages, Load::Ask).await,
            "unmixed-tell" => unmixed(messages, Load::Tell).await,
            "unmixed-8" => unmixed(messages, Load::Callers).await,
            "hand" => hand(messages, Load::Ask).await,
            "hand-tell" => hand(messages, Load::Tell).await,
            "hand-8" => hand(messages, Load::Callers).await,
            _ => panic!("{usage}"),
        }
    });
    std::hint::black_box(sum);
}

#[derive(Clone, Copy, PartialEq)]
enum Load {
    /// One caller awaiting each reply.
    Ask,
    /// One caller telling, then one request.
    Tell,
    /// [`CALLERS`] tasks awaiting replies at the same time.
    Callers,
}

async fn unmixed(messages: u64, load: Load) -> u64 {
    let counter = Counter { total: 0 }.spawn();
    let mut sum = 0;
    match load {
        Load::Ask => {
            for _ in 0..messages {
                sum += counter.add(1).await.expect("the actor runs");
            }
        }
        Load::Tell => {
            for _ in 0..messages {
                counter.tell_add(1).await.expect("the actor runs");
            }
        }
        Load::Callers => {
            let callers: Vec<_> = (0..CALLERS)
                .map(|_| {
                    let counter = counter.clone();
                    tokio::spawn(async move {
                        let mut sum = 0;
                        for _ in 0..messages / CALLERS {
                            sum += counter.add(1).await.expect("the actor runs");
                        }
                        sum
                    })
                })
                .collect();
            for caller in callers {
                sum += caller.await.expect("a caller panicked");
            }
        }
    }
    sum + counter.add(0).await.expect("the actor runs")
}

async fn ask(sender: &mpsc::Sender<Message>, by: u64) -> u64 {
    let (reply, answer) = oneshot::channel();
    let request = Message::Add(by, reply);
    sender.send(request).await.expect("the actor runs");
    answer.await.expect("the actor answers")
}

async fn hand(messages: u64, load: Load) -> u64 {
    let (sender, inbox) = mpsc::channel(64);
    tokio::spawn(hand_written(inbox));
    let mut sum = 0;
    match load {
        Load::Ask => {
            for _ in 0..messages {
                sum += ask(&sender, 1).await;
            }
        }
        Load::Tell => {
            for _ in 0..messages {
                let bump = Message::Bump(1);
                sender.send(bump).await.expect("the actor runs");
            }
        }
        Load::Callers => {
            let callers: Vec<_> = (0..CALLERS)
                .map(|_| {
                    let sender = sender.clone();
                    tokio::spawn(async move {
                        let mut sum = 0;
                        for _ in 0..messages / CALLERS {
                            sum += ask(&sender, 1).await;
                        }
                        sum
                    })
                })
                .collect();
            for caller in callers {
                sum += caller.await.expect("a caller panicked");
            }
        }
    }
    sum + ask(&sender, 0).await
}
