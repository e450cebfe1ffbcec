//! Shapes the actor checks must not flag.
use std::io::Write;

use tokio::sync::{mpsc, oneshot};

pub struct Peer {
    n: u64,
}

#[unmixed::actor]
impl Peer {
    pub fn get(&self) -> u64 {
        self.n
    }
}

pub struct Hub {
    peer: PeerHandle,
    me: Option<HubHandle>,
    lines: Vec<String>,
}

#[unmixed::actor]
impl Hub {
    // Std stream locks serialise output; they are not shared state.
    pub fn log(&mut self, line: String) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        self.lines.push(line);
    }

    // Bounded and single-slot channels are fine.
    pub fn channels(&self) -> usize {
        let (tx, _rx) = mpsc::channel::<u8>(8);
        let (_once, _wait) = oneshot::channel::<u8>();
        tx.max_capacity()
    }

    // Awaits inside a spawned task are not the handler's own.
    pub async fn forward(&self) {
        let peer = self.peer.clone();
        tokio::spawn(async move {
            let _ = peer.get().await;
        });
    }

    // Another actor's reply, awaited on a detached task, holds nothing.
    #[unmixed::detached]
    pub fn ask_peer(&self) -> impl std::future::Future<Output = u64> + Send + 'static {
        let peer = self.peer.clone();
        async move { peer.get().await.unwrap_or(0) }
    }

    // Queuing to itself without waiting is not a cycle.
    pub fn again(&self, line: String) {
        if let Some(me) = &self.me {
            let _ = me.try_tell_log(line);
        }
    }

    #[unmixed::allow(MIXED_MODELS, reason = "a one-off import of legacy data, reviewed")]
    pub fn import(&mut self, legacy: std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        self.lines.extend(legacy.lock().unwrap().drain(..));
    }

    pub fn count(&self) -> usize {
        #[unmixed::allow(MIXED_MODELS, reason = "statement-level allow")]
        let probe = std::sync::atomic::AtomicUsize::new(self.lines.len());
        probe.into_inner()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let peer = Peer { n: 7 }.spawn();
    let hub = Hub { peer, me: None, lines: Vec::new() }.spawn();
    hub.log("hello".into()).await.unwrap();
    assert_eq!(hub.ask_peer().await, Ok(7));
    assert_eq!(hub.count().await, Ok(1));
}
