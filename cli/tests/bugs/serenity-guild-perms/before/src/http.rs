//! REST calls to the chat platform.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Http {
    pub api: SocketAddr,
}

impl Http {
    pub async fn request(&self, route: &str) -> io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(self.api).await?;
        stream.write_all(route.as_bytes()).await?;
        let mut body = Vec::new();
        stream.read_to_end(&mut body).await?;
        Ok(body)
    }
}
