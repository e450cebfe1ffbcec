//! Runnable examples of `unmixed`; see `demo.rs`.
