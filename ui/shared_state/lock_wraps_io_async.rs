#[unmixed::shared_state]
mod upstream {
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpStream;
    use tokio::sync::Mutex;

    pub async fn report(token: &Mutex<String>, peer: &mut TcpStream) -> std::io::Result<()> {
        let token = token.lock().await;
        peer.write_all(token.as_bytes()).await
    }
}

fn main() {}
