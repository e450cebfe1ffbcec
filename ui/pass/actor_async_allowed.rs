//! An async handler is accepted once the hold is a recorded decision.
use std::time::Duration;

pub struct Throttle {
    passed: u64,
}

#[unmixed::actor]
impl Throttle {
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the pause is the point: callers must be spaced out"
    )]
    pub async fn pass(&mut self) -> u64 {
        tokio::time::sleep(Duration::from_millis(1)).await;
        self.passed += 1;
        self.passed
    }

    pub async fn count(&self) -> u64 {
        self.passed
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let throttle = Throttle { passed: 0 }.spawn();
    assert_eq!(throttle.pass().await, Ok(1));
    assert_eq!(throttle.count().await, Ok(1));
}
