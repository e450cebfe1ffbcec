//! Procedural macros of `unmixed`. Depend on the `unmixed` crate, which
//! re-exports them with their documentation.
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

#[proc_macro_attribute]
pub fn actor(_args: TokenStream, input: TokenStream) -> TokenStream {
    input
}

#[proc_macro_attribute]
pub fn allow(_args: TokenStream, input: TokenStream) -> TokenStream {
    input
}
