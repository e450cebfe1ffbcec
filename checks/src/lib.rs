//! The concurrency-model checks of `unmixed`, as a plain library.
//!
//! Both front ends use it: the attribute macros render each [`Finding`] as a
//! compile error or warning on the user's tokens, and the `cargo unmixed`
//! reviewer prints the same findings as report lines. One place decides what
//! a finding is; two places render it.
//!
//! Checks are grouped by family, one module each; every module's top comment
//! says which shapes it catches and which it deliberately leaves alone.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod allow;
pub mod analysis;
mod code;
pub mod facts;
mod finding;
pub mod flow;
pub(crate) mod hash;
mod independent;
pub mod known;
mod mixing;
mod model;
pub mod program;
mod report;
mod shapes;
mod syntax;

pub mod actors;
pub mod atomics;
pub mod channels;
pub mod declare;
pub mod design;
pub mod locks;
pub mod messaging;
pub mod pools;
pub mod primitives;
pub mod review;
pub mod whole_crate;
pub mod workload;

pub use allow::{parse_allow, Allow, ALLOW_ATTRIBUTE};
pub use code::{
    edit_distance, markdown_reference, markdown_table, Code, CodeDoc, Level, UnknownCode,
};
pub use finding::{Finding, Location};
pub use model::{Declared, Model};
pub use report::Report;
pub use syntax::expand::expand_item_macros as syntax_expand;
pub use syntax::Visitable;
