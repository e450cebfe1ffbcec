//! The model: it advances every running request by one token per step.

use std::collections::HashMap;

#[derive(Default)]
pub struct Engine {
    running: HashMap<u32, String>,
}

impl Engine {
    pub fn add_request(&mut self, request_id: u32, prompt: &str) {
        self.running.insert(request_id, prompt.to_owned());
    }

    /// One decoding step; returns the next piece of text of every request.
    pub fn step(&mut self) -> Vec<(u32, String)> {
        self.running
            .iter_mut()
            .map(|(id, text)| (*id, text.pop().map(String::from).unwrap_or_default()))
            .collect()
    }

    pub fn stop_request(&mut self, request_id: u32) {
        self.running.remove(&request_id);
    }
}
