//! `#[unmixed::allow(..)]` outside annotated code: validated, then the item
//! passes through unchanged. Inside annotated code the enclosing macro
//! consumes it before this one ever runs.

use proc_macro2::TokenStream;
use quote::quote;
use unmixed_checks::Allow;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    match syn::parse2::<Allow>(args) {
        Ok(_) => input,
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#input #error)
        }
    }
}
