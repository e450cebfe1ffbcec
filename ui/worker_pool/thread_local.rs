#[unmixed::worker_pool(bounded = 64)]
pub mod render {
    use std::cell::RefCell;

    thread_local! {
        static SCRATCH: RefCell<Vec<u8>> = RefCell::new(Vec::new());
    }

    pub fn tile(side: u32) -> usize {
        SCRATCH.with(|scratch| {
            scratch.borrow_mut().resize(side as usize, 0);
            scratch.borrow().len()
        })
    }
}

fn main() {}
