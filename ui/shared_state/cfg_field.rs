#[unmixed::shared_state]
pub struct Stats {
    names: Vec<String>,
    #[cfg(test)]
    debug_log: Vec<String>,
}

fn main() {}
