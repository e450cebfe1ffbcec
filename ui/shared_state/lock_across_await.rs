#[unmixed::shared_state]
mod sessions {
    use std::sync::Mutex;

    pub struct State {
        pending: u64,
        id: u64,
    }

    pub async fn refresh(state: &Mutex<State>) {
        let mut g = state.lock().unwrap();
        g.pending += 1;
        load(g.id).await;
    }

    async fn load(_id: u64) {}
}

fn main() {}
