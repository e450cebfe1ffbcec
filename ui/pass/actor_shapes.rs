//! Method shapes `#[unmixed::actor]` accepts as written: const handlers,
//! patterns and `mut` bindings as arguments, `Self` in arguments and
//! replies, associated consts, attributes on messages, a suffixed mailbox
//! literal, and a generic actor whose parameter has no `Send` bound.
#![deny(warnings)]

use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 16u8)]
impl Counter {
    pub const LIMIT: u64 = 1_000;

    /// Reads the count.
    #[must_use]
    #[inline]
    pub const fn get(&self) -> u64 {
        self.n
    }

    /// Adds a pair, ignores a tag; `arg0`, `reply` and `_unused` are ordinary names too.
    pub fn add_pair(
        &mut self,
        (a, b): (u64, u64),
        _: u8,
        mut extra: u64,
        arg0: u64,
        reply: u64,
        _unused: u64,
    ) -> u64 {
        extra += arg0 + reply;
        self.n = (self.n + a + b + extra).min(Self::LIMIT);
        self.n
    }

    /// Merges another counter in and returns the result.
    pub fn merge(&mut self, other: Self) -> Self {
        self.n += other.n;
        self.clone()
    }

    /// Old name of `get`.
    #[deprecated(note = "use `get`")]
    pub fn read(&self) -> u64 {
        self.n
    }

    #[doc(hidden)]
    #[track_caller]
    #[allow(clippy::unused_self)]
    pub fn hidden(&self) {}
}

pub struct Store<T> {
    items: Vec<T>,
}

// No `T: Send + 'static` needed here: the handle exists for the `T`s that can travel.
#[unmixed::actor]
impl<T: Clone> Store<T> {
    pub fn push(&mut self, item: T) -> usize {
        self.items.push(item);
        self.items.len()
    }
}

// A store of `Rc`s is fine as a plain value; it just cannot be spawned.
pub fn local_store() -> Store<Rc<u8>> {
    Store { items: vec![Rc::new(1)] }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter = Counter { n: 0 }.spawn();
    assert_eq!(counter.get().await, Ok(0));
    assert_eq!(counter.add_pair((1, 2), 9, 3, 4, 5, 6).await, Ok(15));
    assert_eq!(counter.merge(Counter { n: 5 }).await, Ok(Counter { n: 20 }));
    #[allow(deprecated)]
    let read = counter.read().await;
    assert_eq!(read, Ok(20));
    counter.hidden().await.unwrap();
    let store = Store { items: Vec::new() }.spawn();
    assert_eq!(store.push(String::from("a")).await, Ok(1));
    assert_eq!(local_store().items.len(), 1);
}
