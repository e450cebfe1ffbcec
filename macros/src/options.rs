//! `key = value` options inside a macro's attribute, with the friendly
//! errors tokio-macros taught everyone to expect: unknown keys list the
//! valid ones, duplicates point at the second occurrence.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token, Type};

use crate::ctxt::Ctxt;

/// One `key = value` (or bare `key`).
pub struct Option_ {
    pub key: Ident,
    pub value: Option<Expr>,
    /// The value of a key that takes a type (`resource = Pooled<Conn>`).
    pub ty: Option<Type>,
}

impl Option_ {
    fn parse_with(input: ParseStream, type_keys: &[&str]) -> syn::Result<Self> {
        let key = input.call(Ident::parse_any_ident)?;
        let (mut value, mut ty) = (None, None);
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if type_keys.iter().any(|name| key == name) {
                ty = Some(input.parse()?);
            } else {
                value = Some(input.parse()?);
            }
        }
        Ok(Option_ { key, value, ty })
    }
}

impl Parse for Option_ {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Option_::parse_with(input, &[])
    }
}

trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream) -> syn::Result<Ident>;
}

impl ParseAnyIdent for Ident {
    fn parse_any_ident(input: ParseStream) -> syn::Result<Ident> {
        use syn::ext::IdentExt;
        Ident::parse_any(input)
    }
}

/// Parses the attribute arguments, reporting unknown and duplicated keys.
pub fn parse(args: proc_macro2::TokenStream, valid: &[&str], cx: &mut Ctxt) -> Vec<Option_> {
    parse_typed(args, valid, &[], cx)
}

/// Like [`parse`]; the keys in `type_keys` take a type as their value.
pub fn parse_typed(
    args: proc_macro2::TokenStream,
    valid: &[&str],
    type_keys: &[&str],
    cx: &mut Ctxt,
) -> Vec<Option_> {
    let parser = |input: ParseStream| {
        let mut parsed = Punctuated::<Option_, Token![,]>::new();
        while !input.is_empty() {
            parsed.push_value(Option_::parse_with(input, type_keys)?);
            if input.is_empty() {
                break;
            }
            parsed.push_punct(input.parse()?);
        }
        Ok(parsed)
    };
    let parsed = match syn::parse::Parser::parse2(parser, args) {
        Ok(parsed) => parsed,
        Err(error) => {
            cx.syn_error(error);
            return Vec::new();
        }
    };
    let mut seen: Vec<String> = Vec::new();
    let mut options = Vec::new();
    for option in parsed {
        let key = option.key.to_string();
        if !valid.contains(&key.as_str()) {
            let expected: Vec<String> = valid.iter().map(|name| format!("`{name}`")).collect();
            cx.error_spanned_by(
                &option.key,
                format!(
                    "unknown option `{key}`; expected one of {}",
                    expected.join(", ")
                ),
            );
        } else if seen.contains(&key) {
            cx.error_spanned_by(&option.key, format!("duplicate option `{key}`"));
        } else {
            seen.push(key);
            options.push(option);
        }
    }
    options
}
