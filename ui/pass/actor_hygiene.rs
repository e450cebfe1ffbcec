//! The expansion names everything by absolute path: shadowing prelude names
//! or the crates it uses changes nothing, and it compiles without a prelude.
#![allow(dead_code, non_camel_case_types)]

mod shadowing {
    pub struct Result;
    pub struct Option;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub struct Send;
    pub struct Clone;
    pub struct Debug;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct bool;
    pub mod tokio {}
    pub mod std {}
    pub mod core {}
    pub mod __private {}

    pub struct Counter {
        pub n: u64,
    }

    #[unmixed::actor]
    impl Counter {
        pub fn add(&mut self, by: u64) -> u64 {
            self.n += by;
            self.n
        }

        // Arguments named like the expansion's locals.
        pub fn mix(&mut self, message: u64, detached: u64, value: u64, runtime: u64) -> u64 {
            self.n += message + detached + value + runtime;
            self.n
        }

        // Helpers (not messages) named like handle methods: they live on
        // `Counter`, the handle's methods on `CounterHandle`.
        fn tell_add(&self) {}
        fn try_add(&self) {}
        fn shutdown(&self) {}
        fn is_closed(&self) {}
    }

    // Names the expansion must not collide with.
    pub struct CounterHandleInner;
    pub struct Mailbox;
    pub struct Actor;
    pub struct ActorState;
    pub struct MessageArg;
    pub fn message_part() {}
    pub fn actor_state() {}
    pub fn assert_messages_can_travel() {}
    pub fn spawn() {}
}

mod no_prelude {
    #![no_implicit_prelude]

    pub struct Tally {
        pub total: i64,
    }

    #[::unmixed::actor(mailbox = 2)]
    impl Tally {
        pub fn add(&mut self, by: i64) -> i64 {
            self.total += by;
            self.total
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter = shadowing::Counter { n: 1 }.spawn();
    assert_eq!(counter.add(1).await, Ok(2));
    assert_eq!(counter.mix(1, 1, 1, 1).await, Ok(6));
    let tally = no_prelude::Tally { total: 0 }.spawn();
    assert_eq!(tally.add(3).await, Ok(3));
}
