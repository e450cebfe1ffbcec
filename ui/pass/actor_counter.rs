//! The contract's example, with every generated handle method used.
use unmixed::ActorError;

pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Counter {
    /// Adds `by` and returns the new total.
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }

    fn double(&mut self) {
        self.n *= 2;
    }

    pub fn double_and_get(&mut self) -> u64 {
        self.double();
        self.n
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), ActorError> {
    let handle: CounterHandle = Counter { n: 0 }.spawn();
    let total: u64 = handle.add(2).await?;
    assert_eq!(total, 2);
    assert_eq!(handle.try_add(1).await?, 3);
    handle.tell_add(1).await?;
    handle.try_tell_add(1)?;
    assert_eq!(handle.double_and_get().await?, 10);
    assert_eq!(handle.get().await?, 10);
    let state: Counter = handle.shutdown().await?;
    assert_eq!(state.n, 10);
    assert!(handle.is_closed());
    Ok(())
}
