use tokio::sync::mpsc::Sender;

#[unmixed::shared_state]
pub struct Feed {
    updates: Sender<String>,
}

fn main() {}
