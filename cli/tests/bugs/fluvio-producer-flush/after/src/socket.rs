//! The connection to the partition's leader.

use std::io;
use std::net::SocketAddr;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

pub struct LeaderSocket {
    pub addr: SocketAddr,
}

impl LeaderSocket {
    /// Sends one produce request and waits until it is written.
    pub async fn send(&self, request: &[u8]) -> io::Result<()> {
        let mut stream = TcpStream::connect(self.addr).await?;
        stream.write_all(request).await?;
        stream.flush().await
    }
}
