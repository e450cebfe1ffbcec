//! Positive counts in options (`mailbox`, `bounded`, `workers`): literals
//! are checked here, constant expressions by a compile-time assertion that
//! the macros write into the expansion.

use syn::{Expr, Ident, Lit, LitInt};

use super::Errors;

/// The largest count unmixed accepts: what tokio's semaphores and channels
/// can count on every target (`usize::MAX >> 3` on 32-bit ones). Above it,
/// starting the actor or pool would panic.
pub const MAX: u64 = 536_870_911;

/// A count as declared.
#[derive(Debug, Clone)]
pub enum Count {
    /// A literal, already checked to be in range, without its suffix.
    Literal(LitInt),
    /// A constant expression; checked at compile time by the expansion.
    Const(Box<Expr>),
}

/// A queue bound: a count, or `unbounded`, which the model's declaration
/// check reports.
#[derive(Debug, Clone)]
pub enum Bound {
    /// `mailbox = 16`, `bounded = QUEUE`.
    Count(Count),
    /// `mailbox = unbounded`: the word, where the finding points.
    Unbounded(Ident),
}

impl Bound {
    /// The count, unless unbounded.
    pub fn count(&self) -> Option<&Count> {
        match self {
            Bound::Count(count) => Some(count),
            Bound::Unbounded(_) => None,
        }
    }
}

/// What to say about one count option.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// `mailbox`.
    pub key: &'a str,
    /// `#[unmixed::actor(mailbox = 64)]`.
    pub example: &'a str,
    /// Why 0 is wrong, and what to write instead (`..\nhelp: ..`).
    pub zero: &'a str,
    /// What to pick instead of a count past [`MAX`].
    pub large: &'a str,
}

/// A bound: `unbounded`, or a count as [`parse`] reads it.
pub(crate) fn parse_bound(value: Expr, rules: &Rules, errors: &mut Errors) -> Option<Bound> {
    if let Expr::Path(path) = &value {
        if path.path.is_ident("unbounded") {
            return path.path.get_ident().cloned().map(Bound::Unbounded);
        }
    }
    parse(value, rules, errors).map(Bound::Count)
}

/// A count: a literal in `1..=MAX`, or a constant expression.
pub(crate) fn parse(value: Expr, rules: &Rules, errors: &mut Errors) -> Option<Count> {
    let Rules {
        key, zero, large, ..
    } = rules;
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => match int.base10_parse::<u64>() {
            Ok(0) => {
                errors.error_spanned_by(&int, zero);
                None
            }
            Ok(n) if n <= MAX => Some(Count::Literal(LitInt::new(&n.to_string(), int.span()))),
            _ => {
                errors.error_spanned_by(
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
            errors.error_spanned_by(
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
            errors.error_spanned_by(
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

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;
    use crate::declare::tests::messages;

    const RULES: Rules = Rules {
        key: "size",
        example: "size = 8",
        zero: "zero\nhelp: one",
        large: "smaller",
    };

    fn read(value: Expr) -> (Option<Bound>, Errors) {
        let mut errors = Errors::new();
        (parse_bound(value, &RULES, &mut errors), errors)
    }

    #[test]
    fn literals_in_range_lose_their_suffix() {
        let (bound, errors) = read(parse_quote!(16u8));
        assert!(errors.is_empty());
        let Some(Bound::Count(Count::Literal(int))) = bound else {
            panic!("{bound:?}")
        };
        assert_eq!(int.to_string(), "16");
        let (bound, _) = read(parse_quote!(536870911));
        assert!(matches!(bound, Some(Bound::Count(Count::Literal(_)))));
    }

    #[test]
    fn constants_are_left_to_the_compiler() {
        for value in [
            parse_quote!(QUEUE),
            parse_quote!(config::QUEUE),
            parse_quote!(N * 2),
            parse_quote!({ N }),
            parse_quote!((N)),
            parse_quote!(const { 4 }),
        ] {
            let (bound, errors) = read(value);
            assert!(errors.is_empty());
            assert!(matches!(bound, Some(Bound::Count(Count::Const(_)))));
        }
    }

    #[test]
    fn unbounded_is_a_bound_of_its_own() {
        let (bound, errors) = read(parse_quote!(unbounded));
        assert!(errors.is_empty());
        assert!(matches!(bound, Some(Bound::Unbounded(word)) if word == "unbounded"));
    }

    #[test]
    fn every_wrong_count_says_why() {
        for (value, message) in [
            (parse_quote!(0), "zero\nhelp: one"),
            (
                parse_quote!(536870912),
                "`size = 536870912` is too large: 536870911 is the most that unmixed's queues can count\nhelp: smaller",
            ),
            (
                parse_quote!(" 16 "),
                "`size` takes a number, not a string\nhelp: write it without quotes: `size = 16`",
            ),
            (
                parse_quote!(1.5),
                "`size` takes a positive integer or a constant\nhelp: `size = 8`",
            ),
            (
                parse_quote!(f()),
                "`size` takes a positive integer or a constant\nhelp: `size = 8`",
            ),
        ] {
            let (bound, errors) = read(value);
            assert!(bound.is_none());
            assert_eq!(messages(&errors), [message]);
        }
    }
}
