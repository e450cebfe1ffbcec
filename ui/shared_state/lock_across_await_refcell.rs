#[unmixed::shared_state]
mod local {
    use std::cell::RefCell;

    pub struct Scratch {
        buffer: RefCell<Vec<u8>>,
    }

    pub async fn fill(scratch: &Scratch) {
        let mut buffer = scratch.buffer.borrow_mut();
        buffer.clear();
        tokio::task::yield_now().await;
        buffer.push(1);
    }
}

fn main() {}
