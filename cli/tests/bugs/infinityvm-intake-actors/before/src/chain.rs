//! The consumer contract's nonce, read from a chain node over the network.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct ChainClient {
    pub rpc: SocketAddr,
}

impl ChainClient {
    /// The next nonce the consumer contract expects.
    pub async fn next_nonce(&self, consumer: [u8; 20]) -> io::Result<u64> {
        let mut stream = TcpStream::connect(self.rpc).await?;
        stream.write_all(&consumer).await?;
        let mut nonce = [0u8; 8];
        stream.read_exact(&mut nonce).await?;
        Ok(u64::from_be_bytes(nonce))
    }
}
