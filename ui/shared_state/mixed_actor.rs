pub struct Audit {
    lines: Vec<String>,
}

#[unmixed::actor]
impl Audit {
    pub fn log(&mut self, line: String) {
        self.lines.push(line);
    }
}

#[unmixed::shared_state]
mod orders {
    use super::{Audit, AuditHandle};

    pub fn start() -> AuditHandle {
        Audit { lines: Vec::new() }.spawn()
    }
}

fn main() {}
