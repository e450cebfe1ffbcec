//! The socket actor of a peer-to-peer transport: it owns the UDP socket and
//! the per-peer endpoint state, and a heartbeat keeps idle paths alive.

mod endpoint;

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::UdpSocket;
use tokio::sync::mpsc;

use crate::endpoint::{Endpoint, PingAction};

const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(5);

pub enum ActorMessage {
    PingExpired { tx_id: u64 },
    Shutdown,
}

pub struct Actor {
    msg_receiver: mpsc::Receiver<ActorMessage>,
    peer_map: Vec<Endpoint>,
    socket: UdpSocket,
}

impl Actor {
    pub fn spawn(socket: UdpSocket, peers: Vec<SocketAddr>) -> mpsc::Sender<ActorMessage> {
        let (actor_sender, actor_receiver) = mpsc::channel(128);
        let peer_map = peers
            .into_iter()
            .map(|addr| Endpoint::new(addr, actor_sender.clone()))
            .collect();
        let actor = Actor {
            msg_receiver: actor_receiver,
            peer_map,
            socket,
        };
        tokio::spawn(actor.run());
        actor_sender
    }

    async fn run(mut self) {
        let mut heartbeat = tokio::time::interval(HEARTBEAT_INTERVAL);
        loop {
            tokio::select! {
                Some(msg) = self.msg_receiver.recv() => {
                    if self.handle_actor_message(msg).await {
                        return;
                    }
                }
                _ = heartbeat.tick() => {
                    let actions: Vec<PingAction> =
                        self.peer_map.iter_mut().filter_map(Endpoint::stayin_alive).collect();
                    self.handle_ping_actions(actions).await;
                }
            }
        }
    }

    async fn handle_ping_actions(&mut self, actions: Vec<PingAction>) {
        for action in actions {
            match action {
                PingAction::SendPing { dst, tx_id } => {
                    let _ = self.socket.send_to(&tx_id.to_be_bytes(), dst).await;
                }
            }
        }
    }

    async fn handle_actor_message(&mut self, msg: ActorMessage) -> bool {
        match msg {
            ActorMessage::PingExpired { tx_id } => {
                for ep in self.peer_map.iter_mut() {
                    ep.ping_expired(tx_id);
                }
            }
            ActorMessage::Shutdown => return true,
        }
        false
    }
}
