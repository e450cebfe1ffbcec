use tokio::sync::mpsc;

pub struct Relay {
    out: Vec<mpsc::UnboundedSender<String>>,
}

#[unmixed::actor]
impl Relay {
    pub fn subscribe(&mut self) -> mpsc::UnboundedReceiver<String> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.out.push(tx);
        rx
    }

    pub fn subscribe_std(&mut self) -> usize {
        let (_tx, _rx) = std::sync::mpsc::channel::<String>();
        self.out.len()
    }
}

fn main() {}
