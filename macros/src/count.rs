//! Counts from a declaration (`mailbox`, `bounded`, `workers`) in the
//! expansion: literals were checked when the declaration was read,
//! constant expressions are checked here, by a compile-time assertion.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::LitInt;
use unmixed_checks::declare::count::{Count, Rules, MAX};

/// The count as a `usize` expression. A constant goes through a typed
/// `const` so that a wrong type is reported once, at the user's tokens.
pub fn tokens(count: &Count) -> TokenStream {
    match count {
        Count::Literal(int) => quote!(#int),
        Count::Const(expr) => {
            let value = syn::Ident::new("VALUE", Span::mixed_site());
            quote_spanned! {expr.span()=>
                {
                    const #value: ::core::primitive::usize = #expr;
                    #value
                }
            }
        }
    }
}

/// For a constant, assertions that it is in range, saying what `rules`
/// say about 0. The cast keeps a wrong type from being reported twice:
/// [`tokens`] reports it.
pub fn assertion(count: &Count, rules: &Rules) -> Option<TokenStream> {
    let Count::Const(expr) = count else {
        return None;
    };
    let key = rules.key;
    let zero = rules.zero.split("\nhelp: ").next().unwrap_or(rules.zero);
    let large = format!("`{key}` is too large: {MAX} is the most that unmixed's queues can count");
    let max = LitInt::new(&MAX.to_string(), Span::call_site());
    let value = syn::Ident::new("value", Span::mixed_site());
    Some(quote_spanned! {expr.span()=>
        #[allow(clippy::unnecessary_cast, clippy::cast_lossless, clippy::cast_sign_loss)]
        const _: () = {
            let #value = (#expr) as ::core::primitive::u128;
            ::core::assert!(#value > 0, #zero);
            ::core::assert!(#value <= #max, #large);
        };
    })
}
