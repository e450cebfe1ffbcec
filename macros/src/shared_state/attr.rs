//! The options of `#[shared_state(..)]`.

use proc_macro2::TokenStream;
use syn::{Expr, Ident, Lit, LitStr};

use crate::ctxt::Ctxt;
use crate::options::{self, Spec, Value};

const SPEC: Spec = Spec {
    attribute: "`#[unmixed::shared_state]`",
    keys: &[
        ("max_hold", "max_hold = \"100us\""),
        ("state", "state = Inventory"),
    ],
    type_keys: &[],
    positional: "max_hold",
};

pub struct Options {
    /// `max_hold = "100us"`: the budget of every critical section.
    pub max_hold: Option<MaxHold>,
    /// The module form's `state = Name`.
    pub state: Option<Ident>,
}

pub struct MaxHold {
    pub nanos: u64,
}

pub fn parse(args: TokenStream, cx: &mut Ctxt) -> Options {
    let mut result = Options {
        max_hold: None,
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
        if option.key == "max_hold" {
            match value {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => result.max_hold = max_hold(&text, cx),
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Int(int), ..
                }) => cx.error_spanned_by(
                    &int,
                    format!(
                        "`max_hold` needs a unit: a bare number could be any of them\n\
                         help: write the duration as a string with its unit: `max_hold = \"{}us\"` (units: `ns`, `us`, `ms`, `s`)",
                        int.base10_digits()
                    ),
                ),
                other => cx.error_spanned_by(
                    other,
                    "`max_hold` takes a duration as a string\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)",
                ),
            }
        } else if option.key == "state" {
            match value {
                Expr::Path(path) if path.path.get_ident().is_some() => {
                    result.state = path.path.get_ident().cloned();
                }
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
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
                    "`state` names the struct in this module that gets the generated handle\nhelp: `state = Inventory`",
                ),
            }
        }
    }
    result
}

fn max_hold(text: &LitStr, cx: &mut Ctxt) -> Option<MaxHold> {
    match parse_duration(&text.value()) {
        Ok(0) => {
            cx.error_spanned_by(
                text,
                "`max_hold` may not be zero: every critical section takes some time\nhelp: `max_hold = \"100us\"`",
            );
            None
        }
        Ok(nanos) => Some(MaxHold { nanos }),
        Err(why) => {
            cx.error_spanned_by(
                text,
                format!("{why}\nhelp: `max_hold = \"100us\"` (units: `ns`, `us`, `ms`, `s`)"),
            );
            None
        }
    }
}

/// `"100us"` -> 100_000 nanoseconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .ok_or_else(|| format!("`max_hold = \"{text}\"` has no unit"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`max_hold = \"{text}\"` does not start with a whole number"))?;
    let scale: u64 = match unit.trim() {
        "ns" => 1,
        "us" | "µs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        other => return Err(format!("unknown unit `{other}` in `max_hold`")),
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`max_hold = \"{text}\"` is too long"))
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("100us"), Ok(100_000));
        assert_eq!(parse_duration("2ms"), Ok(2_000_000));
        assert_eq!(parse_duration("1_000ns"), Ok(1_000));
        assert_eq!(parse_duration("1s"), Ok(1_000_000_000));
        assert!(parse_duration("100").is_err());
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("3 fortnights").is_err());
    }
}
