//! The options of `#[actor(..)]`.

use proc_macro2::TokenStream;
use syn::{Expr, Ident, Lit};
use unmixed_checks::{Code, Finding, Location};

use crate::ctxt::Ctxt;
use crate::options;

const OPTIONS: &[&str] = &["mailbox", "state"];

/// The bound of the mailbox.
pub enum Capacity {
    /// `unmixed::DEFAULT_MAILBOX`.
    Default,
    /// A literal, already checked to be positive.
    Literal(syn::LitInt),
    /// A constant expression; checked at compile time by the expansion.
    Const(Box<Expr>),
}

pub struct Options {
    pub mailbox: Capacity,
    /// The module form's `state = Name`.
    pub state: Option<Ident>,
}

pub fn parse(args: TokenStream, cx: &mut Ctxt, findings: &mut Vec<Finding>) -> Options {
    let mut result = Options {
        mailbox: Capacity::Default,
        state: None,
    };
    for option in options::parse(args, OPTIONS, cx) {
        let Some(value) = option.value else {
            cx.error_spanned_by(
                &option.key,
                format!(
                    "`{}` needs a value\nhelp: `{} = ..`",
                    option.key, option.key
                ),
            );
            continue;
        };
        if option.key == "mailbox" {
            result.mailbox = capacity(value, cx, findings);
        } else if option.key == "state" {
            match value {
                Expr::Path(path) if path.path.get_ident().is_some() => {
                    result.state = path.path.get_ident().cloned();
                }
                other => cx.error_spanned_by(
                    other,
                    "`state` names the actor's struct in this module\nhelp: `state = Session`",
                ),
            }
        }
    }
    result
}

fn capacity(value: Expr, cx: &mut Ctxt, findings: &mut Vec<Finding>) -> Capacity {
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => match int.base10_parse::<usize>() {
            Ok(0) => {
                cx.error_spanned_by(
                    &int,
                    "`mailbox` may not be 0: the mailbox needs room for at least one message\n\
                     help: `#[unmixed::actor(mailbox = 1)]` or more",
                );
                Capacity::Default
            }
            Ok(_) => Capacity::Literal(int),
            Err(error) => {
                cx.syn_error(error);
                Capacity::Default
            }
        },
        Expr::Path(path) if path.path.is_ident("unbounded") => {
            findings.push(Finding::new(
                Code::UNBOUNDED_ACTOR_MAILBOX,
                Location::of(&path),
                "an actor's mailbox must have a bound: without one, callers never slow down \
                 and a busy actor's queue grows until memory runs out",
                "give the mailbox a capacity, e.g. `#[unmixed::actor(mailbox = 64)]`; callers then \
                 wait for space (`handle.m(..)`) or fail fast (`handle.try_m(..)`)",
            ));
            Capacity::Default
        }
        Expr::Path(_) | Expr::Const(_) | Expr::Block(_) | Expr::Binary(_) | Expr::Paren(_) => {
            Capacity::Const(Box::new(value))
        }
        other => {
            cx.error_spanned_by(
                other,
                "`mailbox` takes a positive integer or a constant\nhelp: `#[unmixed::actor(mailbox = 64)]`",
            );
            Capacity::Default
        }
    }
}
