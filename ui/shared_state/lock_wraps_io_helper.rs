#[unmixed::shared_state]
mod journal {
    use std::sync::Mutex;

    pub struct Journal {
        lines: Mutex<Vec<String>>,
    }

    impl Journal {
        pub fn record(&self, line: String) -> std::io::Result<()> {
            let mut lines = self.lines.lock().unwrap();
            lines.push(line);
            self.persist(&lines)
        }

        fn persist(&self, lines: &[String]) -> std::io::Result<()> {
            std::fs::write("journal.txt", lines.join("\n"))
        }
    }
}

fn main() {}
