//! The expansion is warning-free under strict lints.
#![deny(warnings, missing_docs, missing_debug_implementations, clippy::all)]

/// A documented actor.
#[derive(Debug)]
pub struct Tally {
    total: i64,
}

#[unmixed::actor]
impl Tally {
    /// Adds to the total.
    pub fn add(&mut self, amount: i64) -> i64 {
        self.total += amount;
        self.total
    }

    /// Reads the total.
    #[cfg(not(any()))]
    pub fn total(&self) -> i64 {
        self.total
    }

    /// Compiled out: no message, no handle method.
    #[cfg(any())]
    pub fn hidden(&self) {}
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let tally = Tally { total: 0 }.spawn();
    assert_eq!(tally.add(5).await, Ok(5));
    assert_eq!(tally.total().await, Ok(5));
}
