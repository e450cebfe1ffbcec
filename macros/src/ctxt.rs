//! Error accumulation: every mistake in one item is reported in one build.

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Collects errors while parsing and validation go on.
#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// An error spanning all of `tokens`.
    pub fn error_spanned_by(&mut self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error from a parser.
    pub fn syn_error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Every error so far as `compile_error!` invocations.
    pub fn into_compile_errors(self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }
}

impl Ctxt {
    /// How many errors so far; lets a parser tell whether a part was clean.
    pub fn len(&self) -> usize {
        self.errors.len()
    }
}
