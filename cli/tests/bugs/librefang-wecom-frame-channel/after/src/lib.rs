//! A chat-platform adapter over one long-lived socket: the connection task
//! owns the socket and writes the frames that `send` queues for it.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch, RwLock};

const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(30);
const MAX_MESSAGE_LEN: usize = 2048;
/// Frames waiting for the socket; a stalled socket makes `send` wait.
const FRAME_CHANNEL_CAP: usize = 1024;

type FrameSlot = Arc<RwLock<Option<mpsc::Sender<String>>>>;

pub struct Adapter {
    ws_tx: FrameSlot,
}

fn build_frame(user: &str, chunk: &str) -> String {
    format!("{{\"cmd\":\"send_msg\",\"to\":{user:?},\"text\":{chunk:?}}}\n")
}

/// The connection task: the only owner of the socket.
pub async fn run_connection(
    addr: &str,
    ws_tx_shared: FrameSlot,
    mut shutdown_rx: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let stream = TcpStream::connect(addr).await?;
    let (read_half, mut ws_sink) = stream.into_split();
    let mut incoming = BufReader::new(read_half).lines();

    let (frame_tx, mut frame_rx) = mpsc::channel::<String>(FRAME_CHANNEL_CAP);
    {
        let mut guard = ws_tx_shared.write().await;
        *guard = Some(frame_tx);
    }

    let mut heartbeat = tokio::time::interval(HEARTBEAT_INTERVAL);
    loop {
        tokio::select! {
            _ = shutdown_rx.changed() => break,
            _ = heartbeat.tick() => ws_sink.write_all(b"{\"cmd\":\"ping\"}\n").await?,
            Some(frame) = frame_rx.recv() => ws_sink.write_all(frame.as_bytes()).await?,
            line = incoming.next_line() => {
                if line?.is_none() {
                    break;
                }
            }
        }
    }
    Ok(())
}

impl Adapter {
    pub fn new(ws_tx: FrameSlot) -> Self {
        Adapter { ws_tx }
    }

    pub async fn send(&self, user: &str, text: &str) -> Result<(), String> {
        let guard = self.ws_tx.read().await;
        let Some(frame_tx) = guard.as_ref() else {
            return Err("not connected".into());
        };
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(MAX_MESSAGE_LEN) {
            let chunk: String = chunk.iter().collect();
            frame_tx
                .send(build_frame(user, &chunk))
                .await
                .map_err(|e| format!("send failed: {e}"))?;
        }
        Ok(())
    }
}
