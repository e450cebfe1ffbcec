//! The pool expansion names everything by absolute path: shadowing prelude
//! names, primitives or the crates it uses changes nothing, it compiles
//! without a prelude, and user items named like its helpers do not clash.
#![allow(dead_code, non_camel_case_types)]

mod shadowing {
    pub struct Result;
    pub struct Option;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub struct Send;
    pub struct Sync;
    pub struct Fn;
    pub struct Clone;
    pub struct Debug;
    pub struct usize;
    pub struct bool;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub mod tokio {}
    pub mod std {}
    pub mod core {}
    pub mod __private {}

    pub struct Conn {
        pub uses: u32,
    }

    impl ::unmixed::Reset for Conn {
        type Error = ::core::convert::Infallible;

        fn reset(&mut self) -> ::core::result::Result<(), Self::Error> {
            self.uses = 0;
            ::core::result::Result::Ok(())
        }
    }

    #[unmixed::worker_pool(bounded = 4, workers = 1)]
    pub fn double(x: u32) -> u32 {
        x * 2
    }

    #[unmixed::worker_pool(bounded = 4, workers = 1)]
    pub async fn triple(x: u32) -> u32 {
        x * 3
    }

    #[unmixed::worker_pool(bounded = 4, workers = 1, resource = Conn, max_wait = "1s")]
    pub fn touch(conn: &mut Conn, resource: u32, factory: u32, runtime: u32) -> u32 {
        conn.uses += resource + factory + runtime;
        conn.uses
    }

    // Names the expansion must not collide with.
    pub fn job_part() {}
    pub fn assert_jobs_can_travel() {}
    pub fn unmixed_reset() {}
    pub struct Pool;
    pub struct Config;
    pub struct JobPart;
    pub struct UnmixedFactoryError;
    pub fn start() {}
    pub fn run() {}
    pub fn try_submit() {}
    pub fn shutdown() {}
}

mod no_prelude {
    #![no_implicit_prelude]

    #[::unmixed::worker_pool(bounded = 2, workers = 1)]
    pub fn halve(x: u32) -> u32 {
        x / 2
    }

    #[::unmixed::worker_pool(bounded = 2, workers = 1)]
    pub async fn quarter(x: u32) -> u32 {
        x / 4
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    assert_eq!(shadowing::DoublePool::start().run(2).await, Ok(4));
    assert_eq!(shadowing::TriplePool::start().run(2).await, Ok(6));
    let touch = shadowing::TouchPool::start_with(|| {
        Ok::<_, std::convert::Infallible>(shadowing::Conn { uses: 0 })
    })
    .unwrap();
    assert_eq!(touch.run(1, 2, 3).await, Ok(6));
    assert_eq!(no_prelude::HalvePool::start().run(8).await, Ok(4));
    assert_eq!(no_prelude::QuarterPool::start().run(8).await, Ok(2));
}
