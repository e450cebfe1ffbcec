//! The expansions pass clippy, pedantic lints included. trybuild does not
//! run clippy, so the `ui/pass/*_strict_lints.rs` cases only prove rustc's
//! lints; this file is linted by `cargo clippy --workspace --all-targets
//! -- -D warnings` in CI, and every main form of the three macros is here.
#![deny(warnings, clippy::all, clippy::pedantic)]
// The items below are the user's code, and stay small on purpose.
#![allow(clippy::missing_panics_doc, clippy::unused_async)]

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

/// A counter with sync, async and detached messages.
#[derive(Debug, Default)]
pub struct Counter {
    n: u64,
    log: Vec<String>,
}

#[unmixed::actor(mailbox = 8)]
impl Counter {
    /// Adds to the count.
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    /// Reads the count.
    #[must_use]
    pub fn get(&self) -> u64 {
        self.n
    }

    /// Records a line, after a pause.
    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "a yield, to exercise the async path"
    )]
    pub async fn record(&mut self, line: String) -> usize {
        tokio::task::yield_now().await;
        self.log.push(line);
        self.log.len()
    }

    /// Doubles the count on another task.
    #[detached]
    pub fn doubled(&mut self) -> impl Future<Output = u64> + Send + 'static {
        let n = self.n;
        async move {
            tokio::time::sleep(Duration::from_millis(1)).await;
            n * 2
        }
    }
}

/// A generic store.
#[derive(Debug)]
pub struct Store<T> {
    items: Vec<T>,
}

#[unmixed::actor]
impl<T: Clone + Send + 'static> Store<T> {
    /// Adds an item.
    pub fn push(&mut self, item: T) -> usize {
        self.items.push(item);
        self.items.len()
    }

    /// The last item.
    #[must_use]
    pub fn last(&self) -> Option<T> {
        self.items.last().cloned()
    }
}

/// A session, in the module form.
#[unmixed::actor(mailbox = 4)]
pub mod session {
    use std::collections::HashMap;

    /// The session's values.
    #[derive(Debug, Default)]
    pub struct Session {
        values: HashMap<String, String>,
    }

    impl Session {
        /// Sets a value, returning the old one.
        pub fn set(&mut self, key: String, value: String) -> Option<String> {
            self.values.insert(key, value)
        }
    }
}

/// Sums bytes on OS threads.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
#[must_use]
pub fn checksum(data: Vec<u8>) -> u32 {
    data.into_iter().map(u32::from).sum()
}

/// Counts characters on tokio tasks.
#[unmixed::worker_pool(bounded = 16, workers = 2)]
pub async fn count(text: String) -> usize {
    text.chars().count()
}

/// A connection that a resource pool lends out.
#[derive(Debug)]
pub struct Conn {
    uses: u32,
}

impl unmixed::Reset for Conn {
    type Error = std::convert::Infallible;

    fn reset(&mut self) -> Result<(), Self::Error> {
        self.uses = 0;
        Ok(())
    }
}

/// Uses a connection.
#[unmixed::worker_pool(bounded = 8, workers = 1, resource = Conn, max_wait = "1s")]
pub fn touch(conn: &mut Conn, times: u32) -> u32 {
    conn.uses += times;
    conn.uses
}

/// Shared inventory: locked, read-write, counter and snapshot fields.
#[unmixed::shared_state(max_hold = "1s")]
#[derive(Debug, Default)]
pub struct Inventory {
    /// Stock per item.
    pub items: HashMap<String, u32>,
    /// Settings, read often.
    #[rw]
    pub settings: Vec<String>,
    /// Items sold.
    #[counter]
    pub sold: u64,
    /// Prices, swapped as a whole.
    #[snapshot]
    pub prices: Vec<u32>,
}

#[test]
fn every_form_works() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let counter = Counter::default().spawn();
        assert_eq!(counter.add(2).await, Ok(2));
        assert_eq!(counter.get().await, Ok(2));
        assert_eq!(counter.record("a".into()).await, Ok(1));
        assert_eq!(counter.doubled().await, Ok(4));
        counter.tell_add(1).await.unwrap();
        assert_eq!(counter.shutdown().await.unwrap().n, 3);

        let store = Store { items: Vec::new() }.spawn();
        assert_eq!(store.push(7_u8).await, Ok(1));
        assert_eq!(store.last().await, Ok(Some(7)));

        let session = session::Session::default().spawn();
        assert_eq!(session.set("k".into(), "v".into()).await, Ok(None));

        let counts = CountPool::start();
        assert_eq!(counts.run("héllo".into()).await, Ok(5));
        counts.shutdown().await;
    });

    let sums = ChecksumPool::start();
    assert_eq!(sums.run_blocking(vec![1, 2]), Ok(3));
    let touches =
        TouchPool::start_with(|| Ok::<_, std::convert::Infallible>(Conn { uses: 0 })).unwrap();
    assert_eq!(touches.run_blocking(2), Ok(2));

    let inventory = Inventory::default().share();
    inventory.items_mut(|items| items.insert("apple".into(), 3));
    assert_eq!(inventory.items(HashMap::len), 1);
    inventory.settings_mut(|settings| settings.push("fast".into()));
    assert_eq!(inventory.add_sold(2), 0);
    inventory.set_prices(vec![1, 2]);
    assert_eq!(inventory.prices().len(), 2);
    inventory.update(|view| view.items.clear());
}
