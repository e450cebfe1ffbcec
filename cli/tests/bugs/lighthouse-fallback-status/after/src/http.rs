//! A minimal client for the beacon node's HTTP API.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct BeaconNodeHttpClient {
    pub addr: SocketAddr,
}

impl BeaconNodeHttpClient {
    /// GETs `path` and returns the response body.
    pub async fn get(&self, path: &str) -> io::Result<String> {
        let mut stream = TcpStream::connect(self.addr).await?;
        let request = format!("GET {path} HTTP/1.0\r\nHost: beacon\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut response = String::new();
        stream.read_to_string(&mut response).await?;
        Ok(response)
    }
}
