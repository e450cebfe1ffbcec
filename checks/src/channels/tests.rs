use crate::review::review;
use crate::Code;

fn codes(source: &str) -> Vec<(Code, usize)> {
    let file = syn::parse_file(source).expect("test source parses");
    review(&file)
        .into_iter()
        .filter(|f| {
            matches!(
                f.code,
                Code::UNBOUNDED_WORKER_QUEUE | Code::UNBOUNDED_ACTOR_MAILBOX
            )
        })
        .map(|f| (f.code, f.location.start.start().line))
        .collect()
}

#[test]
fn workers_sharing_a_cloned_receiver_are_a_worker_queue() {
    let found = codes(
        r#"
use crossbeam_channel::unbounded;
pub fn run(n: usize) {
    let (tx, rx) = unbounded::<Vec<u8>>();
    for _ in 0..n {
        let rx = rx.clone();
        std::thread::spawn(move || {
            while let Ok(job) = rx.recv() {
                drop(job);
            }
        });
    }
    tx.send(vec![1]).unwrap();
}
"#,
    );
    assert_eq!(found, [(Code::UNBOUNDED_WORKER_QUEUE, 4)]);
}

#[test]
fn an_actor_loop_dispatching_commands_is_a_mailbox() {
    let found = codes(
        r#"
use tokio::sync::mpsc;
pub enum Msg { Get(u32), Set(u32, u32) }
pub fn start() -> mpsc::UnboundedSender<Msg> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut state = std::collections::HashMap::new();
        while let Some(msg) = rx.recv().await {
            match msg {
                Msg::Get(k) => { let _ = state.get(&k); }
                Msg::Set(k, v) => { state.insert(k, v); }
            }
        }
    });
    tx
}
"#,
    );
    assert_eq!(found, [(Code::UNBOUNDED_ACTOR_MAILBOX, 5)]);
}

#[test]
fn a_select_loop_owning_a_resource_is_a_mailbox() {
    let found = codes(
        r#"
use tokio::sync::mpsc;
pub async fn run(mut sink: tokio::net::TcpStream, mut stop: tokio::sync::watch::Receiver<bool>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    keep(tx);
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            Some(frame) = rx.recv() => { let _ = frame; }
        }
    }
}
fn keep(_tx: tokio::sync::mpsc::UnboundedSender<String>) {}
"#,
    );
    assert_eq!(found, [(Code::UNBOUNDED_ACTOR_MAILBOX, 4)]);
}

#[test]
fn a_receiver_drained_by_a_function_or_a_struct_method_is_followed() {
    let found = codes(
        r#"
use std::sync::mpsc;
pub struct Chunks { rx: mpsc::Receiver<Vec<u8>> }
impl Iterator for Chunks {
    type Item = Vec<u8>;
    fn next(&mut self) -> Option<Vec<u8>> { self.rx.recv().ok() }
}
fn consume(rx: mpsc::Receiver<u32>) {
    for item in rx { drop(item); }
}
pub fn start() -> Chunks {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || consume(rx));
    let (chunk_tx, chunk_rx) = mpsc::channel();
    std::thread::spawn(move || { tx.send(1).unwrap(); chunk_tx.send(vec![]).unwrap(); });
    Chunks { rx: chunk_rx }
}
"#,
    );
    assert_eq!(
        found,
        [
            (Code::UNBOUNDED_WORKER_QUEUE, 12),
            (Code::UNBOUNDED_WORKER_QUEUE, 14)
        ]
    );
}

#[test]
fn replies_completions_signals_and_unknown_fates_stay_quiet() {
    let found = codes(
        r#"
use tokio::sync::mpsc;
pub struct Handle { pub done: std::sync::mpsc::Receiver<i32> }
pub async fn request() -> Option<u32> {
    // A reply, awaited once.
    let (tx, mut rx) = mpsc::unbounded_channel();
    tokio::spawn(async move { let _ = tx.send(1); });
    rx.recv().await
}
pub async fn shutdown_signal(mut work: mpsc::Receiver<u32>) {
    let (stop_tx, mut stop_rx) = mpsc::unbounded_channel::<()>();
    keep(stop_tx);
    loop {
        tokio::select! {
            _ = stop_rx.recv() => break,
            Some(job) = work.recv() => { drop(job); }
        }
    }
}
pub fn completion() -> Handle {
    // Stored in a public field that no method drains.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || { let _ = tx.send(0); });
    Handle { done: rx }
}
pub fn returned() -> (mpsc::UnboundedSender<u8>, mpsc::UnboundedReceiver<u8>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (tx, rx)
}
pub fn bounded() {
    let (tx, rx) = crossbeam_channel::bounded::<u8>(8);
    std::thread::spawn(move || for x in rx { drop(x); });
    drop(tx);
}
fn keep(_tx: mpsc::UnboundedSender<()>) {}
"#,
    );
    assert_eq!(found, []);
}

#[test]
fn an_actor_waiting_on_its_own_bounded_mailbox_is_a_cyclic_send() {
    let file = syn::parse_file(
        r#"
use tokio::sync::mpsc;
pub enum Message { Ping(u64), Tick }
pub struct Socket { mailbox: mpsc::Receiver<Message>, to_self: mpsc::Sender<Message> }
impl Socket {
    pub async fn run(mut self) {
        while let Some(message) = self.mailbox.recv().await {
            match message {
                Message::Ping(_) => {}
                Message::Tick => self.heartbeat().await,
            }
        }
    }
    async fn heartbeat(&mut self) {
        let _ = self.to_self.send(Message::Ping(1)).await;
        let to_self = self.to_self.clone();
        tokio::spawn(async move { let _ = to_self.send(Message::Tick).await; });
    }
}
"#,
    )
    .unwrap();
    let found: Vec<(Code, usize)> = review(&file)
        .into_iter()
        .map(|f| (f.code, f.location.start.start().line))
        .collect();
    assert_eq!(found, [(Code::ACTOR_CYCLIC_SEND, 15)]);
}

/// A `select!` loop whose only producer is a timer future it polls itself.
const SAME_TASK_TIMER: &str = r#"
use tokio::sync::mpsc::unbounded_channel;
pub enum Job { Refresh(u32), Ping(u32) }
pub async fn refresher(buckets: Vec<u32>) {
    let (tx, mut rx) = unbounded_channel();
    let filler = async {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            interval.tick().await;
            for bucket in &buckets {
                tx.send(Job::Refresh(*bucket)).unwrap();
            }
        }
    };
    tokio::pin!(filler);
    let mut done = 0u32;
    loop {
        tokio::select! {
            _ = &mut filler => {}
            job = rx.recv() => match job {
                Some(Job::Refresh(n)) => done += n,
                Some(Job::Ping(n)) => done -= n,
                None => break,
            },
        }
    }
    drop(done);
}
"#;

#[test]
fn a_queue_whose_senders_the_loop_polls_itself_is_left_alone() {
    assert_eq!(codes(SAME_TASK_TIMER), []);
    // The same producer on a task of its own can outrun the loop.
    let spawned = SAME_TASK_TIMER.replace("tokio::pin!(filler);", "tokio::spawn(filler);");
    assert_eq!(codes(&spawned), [(Code::UNBOUNDED_ACTOR_MAILBOX, 5)]);
}

#[test]
fn requests_polled_by_the_loop_that_report_back_are_left_alone() {
    let found = codes(
        r#"
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::mpsc::{unbounded_channel, UnboundedSender};
pub struct Crawl { found: UnboundedSender<u32> }
impl Crawl {
    async fn visit(&self, node: u32) {
        if node < 100 { let _ = self.found.send(node * 2); }
    }
}
pub async fn run(seeds: Vec<u32>) {
    let (found, mut found_rx) = unbounded_channel();
    let crawl = Crawl { found };
    let visit = |node| crawl.visit(node);
    let mut pending = FuturesUnordered::new();
    for seed in seeds {
        pending.push(visit(seed));
    }
    loop {
        tokio::select! {
            node = found_rx.recv() => { let node: u32 = node.unwrap(); pending.push(visit(node)); }
            done = pending.next() => if done.is_none() { break },
        }
    }
}
pub struct Upnp;
impl Upnp {
    async fn discover(&self, tx: UnboundedSender<u32>) {
        loop { let _ = tx.send(1); tokio::time::sleep(std::time::Duration::from_secs(60)).await; }
    }
    pub async fn run_forever(self) {
        let (tx, mut rx) = unbounded_channel();
        let discovery = self.discover(tx);
        tokio::pin!(discovery);
        let mut seen = 0;
        loop {
            tokio::select! {
                _ = &mut discovery => {}
                found = rx.recv() => seen += found.unwrap_or(0),
            }
        }
    }
}
"#,
    );
    assert_eq!(found, []);
}

#[test]
fn a_drain_that_keeps_only_the_newest_item_is_not_a_queue() {
    let found = codes(
        r#"
pub struct Snapshot(Vec<u8>);
pub fn flusher(file: std::fs::File) -> tokio::sync::mpsc::UnboundedSender<Snapshot> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Snapshot>();
    tokio::spawn(async move {
        loop {
            let Some(mut latest) = rx.recv().await else { break };
            while let Ok(newer) = rx.try_recv() {
                latest = newer;
            }
            write(&file, &latest.0).await;
        }
    });
    tx
}
async fn write(_file: &std::fs::File, _bytes: &[u8]) {}
"#,
    );
    assert_eq!(found, []);
}

fn cyclic_sends(source: &str) -> Vec<usize> {
    let file = syn::parse_file(source).expect("test source parses");
    review(&file)
        .into_iter()
        .filter(|f| f.code == Code::ACTOR_CYCLIC_SEND)
        .map(|f| f.location.start.start().line)
        .collect()
}

#[test]
fn two_pumps_wired_crosswise_are_not_a_cyclic_send() {
    // Each pump drains one pipe and feeds the other: which pipe a `tx`
    // feeds is decided by the caller, so the send's target is unknown.
    let found = cyclic_sends(
        r#"
use tokio::sync::mpsc::{channel, Receiver, Sender};
pub enum Frame { Data(Vec<u8>), End }
pub struct Pipe;
impl Pipe {
    async fn left(&self, tx: Sender<Frame>, mut rx: Receiver<Frame>) {
        while let Some(frame) = rx.recv().await {
            match frame {
                Frame::Data(bytes) => { let _ = tx.send(Frame::Data(bytes)).await; }
                Frame::End => break,
            }
        }
    }
    async fn right(&self, tx: Sender<Frame>, mut rx: Receiver<Frame>) {
        while let Some(frame) = rx.recv().await {
            match frame {
                Frame::Data(bytes) => { let _ = tx.send(Frame::Data(bytes)).await; }
                Frame::End => break,
            }
        }
    }
    pub async fn run(&self) {
        let (to_left, from_right) = channel(4);
        let (to_right, from_left) = channel(4);
        tokio::join!(self.left(to_right, from_right), self.right(to_left, from_left));
    }
}
"#,
    );
    assert_eq!(found, Vec::<usize>::new());
}

#[test]
fn a_send_of_a_foreign_item_type_is_not_known_to_feed_the_mailbox() {
    // The loop drains `String`s and the handler sends `String`s, but on
    // another channel: with a type any pipe may carry, the target is unknown.
    let found = cyclic_sends(
        r#"
use tokio::sync::mpsc;
pub struct Bridge { inbox: mpsc::Receiver<String>, outbox: mpsc::Sender<String> }
impl Bridge {
    pub async fn run(mut self) {
        loop {
            tokio::select! {
                Some(line) = self.inbox.recv() => self.forward(line).await,
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            }
        }
    }
    async fn forward(&mut self, line: String) {
        let _ = self.outbox.send(line).await;
    }
}
"#,
    );
    assert_eq!(found, Vec::<usize>::new());
}

#[test]
fn a_queue_fed_by_a_callback_stays_quiet() {
    let found = codes(
        r#"
use tokio::sync::mpsc;
pub async fn watch(path: std::path::PathBuf) {
    let (events_tx, mut events_rx) = mpsc::unbounded_channel();
    let _watcher = notify::recommended_watcher(move |event| {
        let _ = events_tx.send(event);
    });
    while let Some(event) = events_rx.recv().await {
        drop(event);
    }
    drop(path);
}
"#,
    );
    assert_eq!(found, []);
}
