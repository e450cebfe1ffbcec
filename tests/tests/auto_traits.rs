//! Auto traits and public shapes of the generated types and of `ActorError`, pinned at compile time.

use std::error::Error;
use std::fmt::Debug;

use static_assertions::assert_impl_all;
use unmixed::ActorError;

pub struct Counter {
    n: u64,
}

#[unmixed::actor(mailbox = 16)]
impl Counter {
    pub fn add(&mut self, by: u64) -> u64 {
        self.n += by;
        self.n
    }

    pub fn get(&self) -> u64 {
        self.n
    }
}

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

#[unmixed::actor(mailbox = 8)]
mod session {
    pub struct Session {
        pub hits: u64,
    }

    impl Session {
        pub fn hit(&mut self) -> u64 {
            self.hits += 1;
            self.hits
        }
    }
}

assert_impl_all!(CounterHandle: Clone, Send, Sync, Debug);
assert_impl_all!(CounterMsg: Send);
assert_impl_all!(StoreHandle<String>: Clone, Send, Sync, Debug);
assert_impl_all!(StoreHandle<u32>: Clone, Send, Sync, Debug);
assert_impl_all!(StoreMsg<String>: Send);
assert_impl_all!(session::SessionHandle: Clone, Send, Sync, Debug);
assert_impl_all!(session::SessionMsg: Send);
assert_impl_all!(ActorError: Error, Send, Sync, Copy, Clone, PartialEq, Eq, Debug);

/// Compiles only for `'static` types.
fn is_static<T: 'static>() {}

/// Compiles only for futures that a multi-thread runtime can run.
fn is_send<T: Send>(_: &T) {}

#[test]
fn generated_types_are_static() {
    is_static::<CounterHandle>();
    is_static::<CounterMsg>();
    is_static::<StoreHandle<String>>();
    is_static::<session::SessionHandle>();
    is_static::<ActorError>();
}

#[tokio::test]
async fn handle_futures_are_send() {
    let counter = Counter { n: 0 }.spawn();
    let add = counter.add(1);
    is_send(&add);
    let try_add = counter.try_add(1);
    is_send(&try_add);
    let tell_add = counter.tell_add(1);
    is_send(&tell_add);
    let shutdown = counter.shutdown();
    is_send(&shutdown);
    drop((add, try_add, tell_add, shutdown));
    let store: StoreHandle<String> = Store { items: Vec::new() }.spawn();
    let push = store.push("x".to_owned());
    is_send(&push);
    assert_eq!(push.await, Ok(1));
    assert_eq!(store.all().await, Ok(vec!["x".to_owned()]));
}

#[tokio::test]
async fn handle_debug_output_is_not_empty() {
    let counter = Counter { n: 0 }.spawn();
    assert!(!format!("{counter:?}").is_empty());
    let store: StoreHandle<u32> = Store { items: Vec::new() }.spawn();
    assert!(!format!("{store:?}").is_empty());
    let session = session::Session { hits: 0 }.spawn();
    assert!(!format!("{session:?}").is_empty());
    assert_eq!(session.hit().await, Ok(1));
    assert_eq!(counter.add(2).await, Ok(2));
    assert_eq!(counter.get().await, Ok(2));
}

#[test]
fn message_enum_has_the_documented_shape() {
    // Only a handle can make a reply slot; a message without one is a tell.
    let add = CounterMsg::Add { by: 2, reply: None };
    let get = CounterMsg::Get { reply: None };
    match add {
        CounterMsg::Add { by, reply } => {
            assert_eq!(by, 2);
            assert!(reply.is_none());
        }
        _ => panic!("built an Add"),
    }
    assert!(matches!(get, CounterMsg::Get { reply: None }));
}

#[test]
fn actor_error_is_a_plain_error_value() {
    let errors = [ActorError::Full, ActorError::Stopped, ActorError::Panicked];
    for (i, error) in errors.iter().enumerate() {
        let copy = *error;
        assert_eq!(copy, *error);
        assert!(!error.to_string().is_empty());
        assert!(error.source().is_none());
        for other in &errors[i + 1..] {
            assert_ne!(error, other);
            assert_ne!(error.to_string(), other.to_string());
        }
    }
    let boxed: Box<dyn Error + Send + Sync + 'static> = Box::new(ActorError::Stopped);
    assert_eq!(
        boxed.downcast_ref::<ActorError>(),
        Some(&ActorError::Stopped)
    );
}
