//! The shapes an actor can take: async handlers, private helpers, generics, the module form, `spawn_on`.

mod common;

use std::time::Duration;

use common::within;
use tokio::task::JoinSet;
use unmixed::ActorError;

/// Async handlers, one allowed to hold the state across its await.
pub struct Fetcher {
    fetched: Vec<u64>,
    factor: u64,
}

#[unmixed::actor]
impl Fetcher {
    /// Not a message: no receiver.
    pub fn new(factor: u64) -> Self {
        Fetcher {
            fetched: Vec::new(),
            factor,
        }
    }

    #[unmixed::allow(
        ACTOR_HOLDS_AWAIT_ON_SHARED,
        reason = "the test wants the state held across the simulated I/O"
    )]
    pub async fn fetch(&mut self, key: u64) -> u64 {
        tokio::time::sleep(Duration::from_millis(1)).await;
        self.fetched.push(key);
        self.scaled(key)
    }

    /// Async, but never suspends while holding the state.
    pub async fn count(&self) -> usize {
        self.fetched.len()
    }

    pub fn fetched(&self) -> Vec<u64> {
        self.fetched.clone()
    }

    pub fn clear(&mut self) {
        self.fetched.clear();
    }

    /// Private: a plain helper, not a message.
    fn scaled(&self, key: u64) -> u64 {
        key * self.factor
    }
}

/// A generic actor.
pub struct Store<T> {
    items: Vec<T>,
}

#[unmixed::actor]
impl<T: Clone + Send + 'static> Store<T> {
    pub fn push(&mut self, value: T) -> usize {
        self.items.push(value);
        self.items.len()
    }

    pub fn all(&self) -> Vec<T> {
        self.items.clone()
    }
}

/// The module form: the actor is the module's struct and its impl.
#[unmixed::actor(mailbox = 8)]
mod session {
    use tokio::sync::oneshot;

    pub struct Session {
        pub user: String,
        pub hits: u64,
    }

    impl Session {
        pub fn hit(&mut self) -> u64 {
            self.hits += 1;
            self.hits
        }

        pub fn user(&self) -> String {
            self.user.clone()
        }

        /// Parks the actor until the test opens the gate.
        #[unmixed::allow(
            ACTOR_HOLDS_AWAIT_ON_SHARED,
            reason = "the test parks the actor here to fill its mailbox"
        )]
        pub async fn hold(
            &mut self,
            entered: oneshot::Sender<()>,
            release: oneshot::Receiver<()>,
        ) -> u64 {
            let _ = entered.send(());
            let _ = release.await;
            self.hits
        }
    }
}

use session::{Session, SessionHandle};

#[tokio::test]
async fn async_handlers_answer_and_keep_the_state() {
    let fetcher: FetcherHandle = Fetcher::new(10).spawn();
    assert_eq!(within("fetch", fetcher.fetch(1)).await, Ok(10));
    assert_eq!(within("try_fetch", fetcher.try_fetch(2)).await, Ok(20));
    within("tell_fetch", fetcher.tell_fetch(3)).await.unwrap();
    fetcher.try_tell_fetch(4).unwrap();
    assert_eq!(within("count", fetcher.count()).await, Ok(4));
    assert_eq!(
        within("fetched", fetcher.fetched()).await,
        Ok(vec![1, 2, 3, 4])
    );
    assert_eq!(within("clear", fetcher.clear()).await, Ok(()));
    assert_eq!(within("count", fetcher.count()).await, Ok(0));
    let last = within("shutdown", fetcher.shutdown()).await.unwrap();
    assert_eq!(last.factor, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_handler_under_concurrent_callers() {
    let fetcher = Fetcher::new(2).spawn();
    let mut callers = JoinSet::new();
    for key in 0..32 {
        let fetcher = fetcher.clone();
        callers.spawn(async move { (key, fetcher.fetch(key).await) });
    }
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            let (key, answer) = done.unwrap();
            assert_eq!(answer, Ok(key * 2));
        }
    })
    .await;
    let mut fetched = within("fetched", fetcher.fetched()).await.unwrap();
    fetched.sort_unstable();
    assert_eq!(fetched, (0..32).collect::<Vec<u64>>());
}

#[tokio::test]
async fn generic_actor_works_for_several_types() {
    let names: StoreHandle<String> = Store { items: Vec::new() }.spawn();
    assert_eq!(within("push", names.push("ada".to_owned())).await, Ok(1));
    names.tell_push("grace".to_owned()).await.unwrap();
    assert_eq!(
        within("all", names.all()).await,
        Ok(vec!["ada".to_owned(), "grace".to_owned()])
    );

    let numbers: StoreHandle<u32> = Store { items: vec![7] }.spawn();
    assert_eq!(within("push", numbers.push(8)).await, Ok(2));
    numbers.try_tell_push(9).unwrap();
    assert_eq!(within("all", numbers.all()).await, Ok(vec![7, 8, 9]));
    let last = within("shutdown", numbers.shutdown()).await.unwrap();
    assert_eq!(last.items, vec![7, 8, 9]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generic_actor_under_concurrent_callers() {
    let store: StoreHandle<(u32, u32)> = Store { items: Vec::new() }.spawn();
    let mut callers = JoinSet::new();
    for caller in 0..4 {
        let store = store.clone();
        callers.spawn(async move {
            for seq in 0..25 {
                store.push((caller, seq)).await.unwrap();
            }
        });
    }
    within("the callers", async {
        while let Some(done) = callers.join_next().await {
            done.unwrap();
        }
    })
    .await;
    let all = within("all", store.all()).await.unwrap();
    assert_eq!(all.len(), 100);
    for caller in 0..4 {
        let mine: Vec<u32> = all
            .iter()
            .filter(|(c, _)| *c == caller)
            .map(|(_, seq)| *seq)
            .collect();
        assert_eq!(mine, (0..25).collect::<Vec<u32>>());
    }
}

#[tokio::test]
async fn module_form_generates_handle_and_messages_in_the_module() {
    let session: SessionHandle = Session {
        user: "ada".to_owned(),
        hits: 0,
    }
    .spawn();
    assert_eq!(within("hit", session.hit()).await, Ok(1));
    session.tell_hit().await.unwrap();
    assert_eq!(within("try_hit", session.try_hit()).await, Ok(3));
    assert_eq!(within("user", session.user()).await, Ok("ada".to_owned()));
    let _message_type: Option<session::SessionMsg> = None;
    let last = within("shutdown", session.shutdown()).await.unwrap();
    assert_eq!((last.user.as_str(), last.hits), ("ada", 3));
}

#[tokio::test]
async fn module_form_enforces_its_declared_mailbox() {
    let session = Session {
        user: "grace".to_owned(),
        hits: 0,
    }
    .spawn();
    let (mut gate, entered, release) = common::gate();
    session.tell_hold(entered, release).await.unwrap();
    gate.entered().await;
    for _ in 0..8 {
        session.try_tell_hit().unwrap();
    }
    assert_eq!(session.try_tell_hit(), Err(ActorError::Full));
    gate.open();
    assert_eq!(within("hit", session.hit()).await, Ok(9));
}

#[test]
fn spawn_on_from_a_thread_outside_the_runtime() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let on = runtime.handle().clone();
    // Neither this thread nor the spawning one is inside the runtime.
    let store = std::thread::spawn(move || Store::spawn_on(Store { items: vec![1u8] }, &on))
        .join()
        .unwrap();
    let from_a_thread = std::thread::spawn({
        let store = store.clone();
        let on = runtime.handle().clone();
        move || on.block_on(store.push(2))
    })
    .join()
    .unwrap();
    assert_eq!(from_a_thread, Ok(2));
    runtime.block_on(async {
        assert_eq!(within("all", store.all()).await, Ok(vec![1, 2]));
    });
}

#[test]
#[should_panic(expected = "runtime")]
fn spawn_outside_a_runtime_panics() {
    let _handle = Store::<u8> { items: Vec::new() }.spawn();
}
