//! Positive counts in options (`mailbox`, `bounded`, `workers`): literals
//! are checked here, constant expressions by a compile-time assertion in
//! the expansion.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Lit, LitInt};

use crate::ctxt::Ctxt;

/// The largest count unmixed accepts: what tokio's semaphores and channels
/// can count on every target (`usize::MAX >> 3` on 32-bit ones). Above it,
/// starting the actor or pool would panic.
pub const MAX: u64 = 536_870_911;

pub enum Count {
    /// A literal, already checked to be in range, without its suffix.
    Literal(LitInt),
    /// A constant expression; checked at compile time by the expansion.
    Const(Box<Expr>),
}

/// What to say about one option.
pub struct Rules<'a> {
    pub key: &'a str,
    /// `#[unmixed::actor(mailbox = 64)]`.
    pub example: &'a str,
    /// Why 0 is wrong, and what to write instead (`..\nhelp: ..`).
    pub zero: &'a str,
    /// What to pick instead of a count past [`MAX`].
    pub large: &'a str,
}

pub fn parse(value: Expr, rules: &Rules, cx: &mut Ctxt) -> Option<Count> {
    let Rules {
        key, zero, large, ..
    } = rules;
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => match int.base10_parse::<u64>() {
            Ok(0) => {
                cx.error_spanned_by(&int, zero);
                None
            }
            Ok(n) if n <= MAX => Some(Count::Literal(LitInt::new(&n.to_string(), int.span()))),
            _ => {
                cx.error_spanned_by(
                    &int,
                    format!(
                        "`{key} = {}` is too large: {MAX} is the most that unmixed's queues can count\n\
                         help: {large}",
                        int.base10_digits()
                    ),
                );
                None
            }
        },
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) if text.value().trim().parse::<u64>().is_ok() => {
            cx.error_spanned_by(
                &text,
                format!(
                    "`{key}` takes a number, not a string\nhelp: write it without quotes: `{key} = {}`",
                    text.value().trim()
                ),
            );
            None
        }
        Expr::Path(_) | Expr::Const(_) | Expr::Block(_) | Expr::Binary(_) | Expr::Paren(_) => {
            Some(Count::Const(Box::new(value)))
        }
        other => {
            cx.error_spanned_by(
                other,
                format!(
                    "`{key}` takes a positive integer or a constant\nhelp: `{}`",
                    rules.example
                ),
            );
            None
        }
    }
}

impl Count {
    /// The count as a `usize` expression. A constant goes through a typed
    /// `const` so that a wrong type is reported once, at the user's tokens.
    pub fn tokens(&self) -> TokenStream {
        match self {
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

    /// For a constant, assertions that it is in range; `zero` says why 0 is wrong.
    /// The cast keeps a wrong type from being reported twice: [`Count::tokens`]
    /// reports it.
    pub fn assertion(&self, key: &str, zero: &str) -> Option<TokenStream> {
        let Count::Const(expr) = self else {
            return None;
        };
        let zero = zero.split("\nhelp: ").next().unwrap_or(zero);
        let large =
            format!("`{key}` is too large: {MAX} is the most that unmixed's queues can count");
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
}
