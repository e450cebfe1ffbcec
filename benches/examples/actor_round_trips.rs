//! N request/reply round trips (`hand`, `unmixed`) or N fire-and-forget
//! messages and one final request (`hand-tell`, `unmixed-tell`) on a
//! current-thread runtime, through an `#[unmixed::actor]` or through the
//! hand-written mpsc + oneshot actor it replaces. Made to be counted with callgrind, whose instruction counts do
//! not depend on what else the machine is doing:
//!
//! ```sh
//! cargo build --release -p unmixed-benches --example actor_round_trips
//! for which in hand unmixed hand-tell unmixed-tell; do for n in 10000 20000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/actor_round_trips $which $n 2>&1 | grep Collected
//! done; done
//! ```
//!
//! The cost of one message is the difference between the two counts of one
//! implementation divided by 10,000 (start-up cancels out).

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

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: actor_round_trips hand|unmixed|hand-tell|unmixed-tell MESSAGES";
    let which = args.next().expect(usage);
    let messages: u64 = args.next().and_then(|n| n.parse().ok()).expect(usage);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    let sum = runtime.block_on(async move {
        let mut sum = 0;
        match which.as_str() {
            "unmixed" | "unmixed-tell" => {
                let counter = Counter { total: 0 }.spawn();
                for _ in 0..messages {
                    if which == "unmixed" {
                        sum += counter.add(1).await.expect("the actor runs");
                    } else {
                        counter.tell_add(1).await.expect("the actor runs");
                    }
                }
                sum += counter.add(0).await.expect("the actor runs");
            }
            "hand" | "hand-tell" => {
                let (sender, inbox) = mpsc::channel(64);
                tokio::spawn(hand_written(inbox));
                let sender = &sender;
                let ask = |by| async move {
                    let (reply, answer) = oneshot::channel();
                    let request = Message::Add(by, reply);
                    sender.send(request).await.expect("the actor runs");
                    answer.await.expect("the actor answers")
                };
                for _ in 0..messages {
                    if which == "hand" {
                        sum += ask(1).await;
                    } else {
                        let bump = Message::Bump(1);
                        sender.send(bump).await.expect("the actor runs");
                    }
                }
                sum += ask(0).await;
            }
            _ => panic!("{usage}"),
        }
        sum
    });
    std::hint::black_box(sum);
}
