#[unmixed::shared_state]
mod server {
    use std::sync::Mutex;

    pub struct Stats {
        hits: u64,
        misses: u64,
        log: Vec<String>,
    }

    pub struct Server {
        stats: Mutex<Stats>,
    }

    impl Server {
        pub fn hit(&self) {
            self.stats.lock().unwrap().hits += 1;
        }

        pub fn hit_ratio(&self) -> f64 {
            let stats = self.stats.lock().unwrap();
            stats.hits as f64 / (stats.hits + stats.misses).max(1) as f64
        }

        pub fn note(&self, line: String) {
            self.stats.lock().unwrap().log.push(line);
        }
    }
}

fn main() {}
