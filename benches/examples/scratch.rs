//! Scratch: interleaved A/B of generated vs hand-written (to be deleted).
#![allow(dead_code, missing_docs)]
use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tokio::runtime::{Builder, Runtime};
/// Mailbox capacity of every bounded variant.
const MAILBOX: usize = 1024;

/// Fire-and-forget messages per iteration of `fire_and_forget`.
const TELLS: u64 = 10_000;

/// One way of implementing the counter.
trait Variant: Sized + 'static {
    /// The last part of the benchmark id.
    const NAME: &'static str;

    /// What callers hold to talk to the actor.
    type Handle: Clone + Send + Sync + 'static;

    /// Spawns a counter at zero on the current runtime; `Self` is what
    /// [`Variant::stop`] needs besides the handle.
    fn start() -> impl Future<Output = (Self, Self::Handle)>;

    /// Adds `by` and waits for the new count.
    fn add(handle: &Self::Handle, by: u64) -> impl Future<Output = u64> + Send;

    /// Queues an addition without waiting for it to be handled.
    fn tell_add(handle: &Self::Handle, by: u64) -> impl Future<Output = ()> + Send;

    /// Stops the actor and waits until it has stopped.
    fn stop(self, handle: Self::Handle) -> impl Future<Output = ()>;
}

/// Unwraps a send result; a benchmark cannot go on without its actor.
fn sent<T, E>(result: Result<T, E>, variant: &str) -> T {
    match result {
        Ok(value) => value,
        Err(_) => panic!("the {variant} counter stopped during the benchmark"),
    }
}

mod generated {
    use super::{sent, Variant};

    pub struct Counter {
        n: u64,
    }

    #[unmixed::actor(mailbox = 1024)]
    impl Counter {
        pub fn add(&mut self, by: u64) -> u64 {
            self.n += by;
            self.n
        }
    }

    pub struct Generated;

    impl Variant for Generated {
        const NAME: &'static str = "unmixed";
        type Handle = CounterHandle;

        async fn start() -> (Self, CounterHandle) {
            (Generated, Counter { n: 0 }.spawn())
        }

        async fn add(handle: &CounterHandle, by: u64) -> u64 {
            sent(handle.add(by).await, Self::NAME)
        }

        async fn tell_add(handle: &CounterHandle, by: u64) {
            sent(handle.tell_add(by).await, Self::NAME);
        }

        async fn stop(self, handle: CounterHandle) {
            sent(handle.shutdown().await, Self::NAME);
        }
    }
}

mod hand_written {
    use tokio::sync::{mpsc, oneshot};
    use tokio::task::JoinHandle;

    use super::{sent, Variant, MAILBOX};

    enum Msg {
        Add {
            by: u64,
            reply: Option<oneshot::Sender<u64>>,
        },
    }

    struct Counter {
        n: u64,
    }

    impl Counter {
        fn spawn(self) -> (CounterHandle, JoinHandle<Counter>) {
            let (sender, inbox) = mpsc::channel(MAILBOX);
            (CounterHandle { sender }, tokio::spawn(self.run(inbox)))
        }

        /// Runs until every handle is dropped, then returns the state.
        async fn run(mut self, mut inbox: mpsc::Receiver<Msg>) -> Self {
            while let Some(msg) = inbox.recv().await {
                match msg {
                    Msg::Add { by, reply } => {
                        self.n += by;
                        if let Some(reply) = reply {
                            // A caller that stopped waiting is not our problem.
                            let _ = reply.send(self.n);
                        }
                    }
                }
            }
            self
        }
    }

    #[derive(Clone)]
    pub struct CounterHandle {
        sender: mpsc::Sender<Msg>,
    }

    /// The actor is gone.
    pub struct Stopped;

    impl CounterHandle {
        async fn add(&self, by: u64) -> Result<u64, Stopped> {
            let (reply, answer) = oneshot::channel();
            self.sender
                .send(Msg::Add {
                    by,
                    reply: Some(reply),
                })
                .await
                .map_err(|_| Stopped)?;
            answer.await.map_err(|_| Stopped)
        }

        async fn tell_add(&self, by: u64) -> Result<(), Stopped> {
            self.sender
                .send(Msg::Add { by, reply: None })
                .await
                .map_err(|_| Stopped)
        }
    }

    pub struct HandWritten(JoinHandle<Counter>);

    impl Variant for HandWritten {
        const NAME: &'static str = "hand_written";
        type Handle = CounterHandle;

        async fn start() -> (Self, CounterHandle) {
            let (handle, task) = Counter { n: 0 }.spawn();
            (HandWritten(task), handle)
        }

        async fn add(handle: &CounterHandle, by: u64) -> u64 {
            sent(handle.add(by).await, Self::NAME)
        }

        async fn tell_add(handle: &CounterHandle, by: u64) {
            sent(handle.tell_add(by).await, Self::NAME);
        }

        async fn stop(self, handle: CounterHandle) {
            // The benchmark holds the last handle: dropping it ends the loop.
            drop(handle);
            sent(self.0.await, Self::NAME);
        }
    }
}

async fn rr<V: Variant>(h: V::Handle, n: u64) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        black_box(V::add(&h, black_box(1)).await);
    }
    t.elapsed()
}
async fn ff<V: Variant>(h: V::Handle, n: u64) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        for _ in 0..TELLS {
            V::tell_add(&h, black_box(1)).await;
        }
        black_box(V::add(&h, 0).await);
    }
    t.elapsed()
}
fn run<V: Variant>(rt: &Runtime, h: &V::Handle, ffw: bool) -> f64 {
    let h = h.clone();
    let d = rt.block_on(async move {
        tokio::spawn(async move {
            if ffw {
                ff::<V>(h, 20).await
            } else {
                rr::<V>(h, 100_000).await
            }
        })
        .await
        .unwrap()
    });
    if ffw {
        d.as_nanos() as f64 / (20.0 * TELLS as f64)
    } else {
        d.as_nanos() as f64 / 100_000.0
    }
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 {
        let n: u64 = args[3].parse().unwrap();
        let rt = Builder::new_current_thread().enable_all().build().unwrap();
        let ffw = args[2] == "ff";
        let d = match args[1].as_str() {
            "gen" => {
                let (_o, h) = rt.block_on(generated::Generated::start());
                rt.block_on(async move {
                    if ffw {
                        ff::<generated::Generated>(h, n).await
                    } else {
                        rr::<generated::Generated>(h, n).await
                    }
                })
            }
            _ => {
                let (_o, h) = rt.block_on(hand_written::HandWritten::start());
                rt.block_on(async move {
                    if ffw {
                        ff::<hand_written::HandWritten>(h, n).await
                    } else {
                        rr::<hand_written::HandWritten>(h, n).await
                    }
                })
            }
        };
        println!("{d:?}");
        return;
    }

    let rts = [
        (
            "current",
            Builder::new_current_thread().enable_all().build().unwrap(),
        ),
        (
            "multi",
            Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap(),
        ),
    ];
    for (name, rt) in &rts {
        let (_g, hg) = rt.block_on(generated::Generated::start());
        let (_w, hw) = rt.block_on(hand_written::HandWritten::start());
        for ffw in [false, true] {
            let (mut g, mut w) = (Vec::new(), Vec::new());
            for _ in 0..15 {
                g.push(run::<generated::Generated>(rt, &hg, ffw));
                w.push(run::<hand_written::HandWritten>(rt, &hw, ffw));
            }
            g.sort_by(f64::total_cmp);
            w.sort_by(f64::total_cmp);
            println!(
                "{name} {} gen min {:.1} med {:.1} | hand min {:.1} med {:.1} ns/msg",
                if ffw { "ff" } else { "rr" },
                g[0],
                g[7],
                w[0],
                w[7]
            );
        }
    }
}
