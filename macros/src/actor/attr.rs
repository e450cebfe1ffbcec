//! The options of `#[actor(..)]`.

use proc_macro2::TokenStream;
use syn::{Expr, Ident};
use unmixed_checks::{Code, Finding, Location};

use crate::count::{self, Count};
use crate::ctxt::Ctxt;
use crate::options::{self, Spec, Value};

const SPEC: Spec = Spec {
    attribute: "`#[unmixed::actor]`",
    keys: &[("mailbox", "mailbox = 64"), ("state", "state = Session")],
    type_keys: &[],
    positional: "mailbox",
};

const MAILBOX: count::Rules = count::Rules {
    key: "mailbox",
    example: "#[unmixed::actor(mailbox = 64)]",
    zero: "`mailbox` may not be 0: the mailbox needs room for at least one message\n\
           help: `#[unmixed::actor(mailbox = 1)]` or more",
    large: "a bound that size never makes a caller wait, so it bounds nothing; \
            pick how far the actor may fall behind, e.g. `#[unmixed::actor(mailbox = 64)]`",
};

/// The bound of the mailbox.
pub enum Capacity {
    /// `unmixed::DEFAULT_MAILBOX`.
    Default,
    Given(Count),
}

impl Capacity {
    pub fn tokens(&self) -> TokenStream {
        match self {
            Capacity::Default => quote::quote!(::unmixed::DEFAULT_MAILBOX),
            Capacity::Given(count) => count.tokens(),
        }
    }

    pub fn assertion(&self) -> Option<TokenStream> {
        match self {
            Capacity::Default => None,
            Capacity::Given(count) => count.assertion(MAILBOX.key, MAILBOX.zero),
        }
    }
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
    for option in options::parse(args, &SPEC, cx) {
        let value = match option.value {
            Value::Expr(value) => value,
            Value::Broken | Value::Type(_) => continue,
            Value::Missing => {
                cx.error_spanned_by(
                    &option.key,
                    format!(
                        "`{}` needs a value\nhelp: {}",
                        option.key,
                        SPEC.example(&option.key.to_string())
                    ),
                );
                continue;
            }
        };
        if option.key == "mailbox" {
            result.mailbox = capacity(value, cx, findings);
        } else if option.key == "state" {
            match value {
                Expr::Path(path) if path.path.get_ident().is_some() => {
                    result.state = path.path.get_ident().cloned();
                }
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => cx.error_spanned_by(
                    &text,
                    format!(
                        "`state` names a struct, not a string\nhelp: write the name without quotes: `state = {}`",
                        text.value()
                    ),
                ),
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
    if let Expr::Path(path) = &value {
        if path.path.is_ident("unbounded") {
            findings.push(Finding::new(
                Code::UNBOUNDED_ACTOR_MAILBOX,
                Location::of(path),
                "an actor's mailbox must have a bound: without one, callers never slow down \
                 and a busy actor's queue grows until memory runs out",
                "give the mailbox a capacity, e.g. `#[unmixed::actor(mailbox = 64)]`; callers then \
                 wait for space (`handle.m(..)`) or fail fast (`handle.try_m(..)`)",
            ));
            return Capacity::Default;
        }
    }
    count::parse(value, &MAILBOX, cx).map_or(Capacity::Default, Capacity::Given)
}
