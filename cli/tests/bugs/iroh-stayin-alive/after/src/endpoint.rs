//! One peer's path state, owned by the socket actor.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::ActorMessage;

const PING_TIMEOUT: Duration = Duration::from_secs(5);
const STAYIN_ALIVE_MIN_ELAPSED: Duration = Duration::from_secs(2);

/// What the actor has to do on an endpoint's behalf.
pub(crate) enum PingAction {
    SendPing { dst: SocketAddr, tx_id: u64 },
}

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

    /// Returns a heartbeat ping to send if the path has been quiet for a while.
    pub(crate) fn stayin_alive(&mut self) -> Option<PingAction> {
        let now = Instant::now();
        let needs_ping = self
            .last_ping
            .is_none_or(|last| now - last >= STAYIN_ALIVE_MIN_ELAPSED);
        if needs_ping {
            return Some(self.start_ping(now));
        }
        None
    }

    fn start_ping(&mut self, now: Instant) -> PingAction {
        self.next_tx_id += 1;
        let tx_id = self.next_tx_id;
        self.last_ping = Some(now);
        self.pending_ping = Some(tx_id);

        let sender = self.conn_sender.clone();
        tokio::spawn(async move {
            tokio::time::sleep(PING_TIMEOUT).await;
            sender.send(ActorMessage::PingExpired { tx_id }).await.ok();
        });
        PingAction::SendPing {
            dst: self.addr,
            tx_id,
        }
    }

    pub(crate) fn ping_expired(&mut self, tx_id: u64) {
        if self.pending_ping == Some(tx_id) {
            self.pending_ping = None;
        }
    }
}
