#[unmixed::shared_state(max_hold = "1ms")]
mod cache {
    pub struct Cache {
        entries: Vec<String>,
    }
}

fn main() {}
