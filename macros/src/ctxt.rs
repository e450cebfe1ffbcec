//! Error accumulation: every mistake in one item is reported in one build.
//! Starts from the errors of the declaration (`unmixed_checks::declare`),
//! then collects what the item's model and validation find.

use proc_macro2::TokenStream;
use quote::ToTokens;
use unmixed_checks::declare::Errors;

/// Collects errors while parsing and validation go on.
#[derive(Default)]
pub struct Ctxt {
    errors: Errors,
}

impl From<Errors> for Ctxt {
    fn from(errors: Errors) -> Self {
        Ctxt { errors }
    }
}

impl Ctxt {
    /// An error spanning all of `tokens`.
    pub fn error_spanned_by(&mut self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.errors.error_spanned_by(tokens, message);
    }

    /// An error from a parser.
    pub fn syn_error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Every error of `errors`, after those so far.
    pub fn extend(&mut self, errors: Errors) {
        for error in errors {
            self.errors.push(error);
        }
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
