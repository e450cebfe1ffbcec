#[unmixed::shared_state]
mod journal {
    use std::sync::Mutex;

    pub fn save(lines: &Mutex<Vec<String>>) -> std::io::Result<()> {
        let lines = lines.lock().unwrap();
        std::fs::write("journal.txt", lines.join("\n"))
    }
}

fn main() {}
