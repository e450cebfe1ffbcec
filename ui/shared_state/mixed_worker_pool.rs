#[unmixed::shared_state]
mod render {
    use std::sync::Mutex;

    pub fn pool(frames: &Mutex<Vec<u8>>) -> usize {
        let workers = threadpool::ThreadPool::new(4);
        frames.lock().unwrap().len() + workers
    }

    mod threadpool {
        pub struct ThreadPool;
        impl ThreadPool {
            pub fn new(n: usize) -> usize {
                n
            }
        }
    }
}

fn main() {}
