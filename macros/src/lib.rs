//! Procedural macros of `unmixed`. Depend on the `unmixed` crate, which
//! re-exports them with their documentation.
#![forbid(unsafe_code)]

mod actor;
mod allow;
mod count;
mod ctxt;
mod helper_attrs;
mod item;
mod render;
#[cfg(test)]
mod robustness;
#[cfg(test)]
mod robustness_items;
#[cfg(test)]
mod robustness_props;
#[cfg(test)]
mod robustness_tokens;
mod shared_state;
mod worker_pool;

use proc_macro::TokenStream;

/// See `unmixed::actor`.
#[proc_macro_attribute]
pub fn actor(args: TokenStream, input: TokenStream) -> TokenStream {
    actor::expand(args.into(), input.into()).into()
}

/// See `unmixed::allow`.
#[proc_macro_attribute]
pub fn allow(args: TokenStream, input: TokenStream) -> TokenStream {
    allow::expand(args.into(), input.into()).into()
}

// Documented where users see it: `unmixed::worker_pool`.
#[proc_macro_attribute]
pub fn worker_pool(args: TokenStream, input: TokenStream) -> TokenStream {
    worker_pool::expand(args.into(), input.into()).into()
}

/// See `unmixed::shared_state`.
#[proc_macro_attribute]
pub fn shared_state(args: TokenStream, input: TokenStream) -> TokenStream {
    shared_state::expand(args.into(), input.into()).into()
}
