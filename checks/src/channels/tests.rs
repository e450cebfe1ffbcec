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
