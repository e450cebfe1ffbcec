//! One peer's path state, owned by the socket actor.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::ActorMessage;

const PING_TIMEOUT: Duration = Duration::from_secs(5);
const STAYIN_ALIVE_MIN_ELAPSED: Duration = Duration::from_secs(2);

pub struct Endpoint {
    addr: SocketAddr,
    last_ping: Option<Instant>,
    pending_ping: Option<u64>,
    next_tx_id: u64,
    conn_sender: mpsc::Sender<ActorMessage>,
}

impl Endpoint {
    pub(crate) fn new(addr: SocketAddr, conn_sender: mpsc::Sender<ActorMessage>) -> Self {
        Endpoint {
            addr,
            last_ping: None,
            pending_ping: None,
            next_tx_id: 0,
            conn_sender,
        }
    }

    /// Sends a heartbeat ping if the path has been quiet for a while.
    pub(crate) async fn stayin_alive(&mut self) {
        let now = Instant::now();
        let needs_ping = self
            .last_ping
            .is_none_or(|last| now - last >= STAYIN_ALIVE_MIN_ELAPSED);
        if needs_ping {
            self.start_ping(now).await;
        }
    }

    async fn start_ping(&mut self, now: Instant) {
        self.next_tx_id += 1;
        let tx_id = self.next_tx_id;
        self.last_ping = Some(now);
        self.pending_ping = Some(tx_id);

        let sender = self.conn_sender.clone();
        tokio::spawn(async move {
            tokio::time::sleep(PING_TIMEOUT).await;
            sender.send(ActorMessage::PingExpired { tx_id }).await.ok();
        });
        self.send_disco_ping(tx_id).await;
    }

    async fn send_disco_ping(&mut self, tx_id: u64) {
        let sent = self
            .conn_sender
            .send(ActorMessage::SendPing {
                dst: self.addr,
                tx_id,
            })
            .await
            .is_ok();
        if !sent {
            self.pending_ping = None;
        }
    }

    pub(crate) fn ping_expired(&mut self, tx_id: u64) {
        if self.pending_ping == Some(tx_id) {
            self.pending_ping = None;
        }
    }
}
