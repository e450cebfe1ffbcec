mod rayon {
    pub fn current_thread_index() -> Option<usize> {
        None
    }
}

#[unmixed::worker_pool(bounded = 64)]
pub fn render(tile: u32) -> u32 {
    if std::thread::current().name() == Some("render-0") {
        return 0;
    }
    match rayon::current_thread_index() {
        Some(0) => tile,
        _ => tile * 2,
    }
}

fn main() {}
