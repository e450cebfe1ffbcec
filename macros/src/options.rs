//! `key = value` options inside a macro's attribute, with the friendly
//! errors tokio-macros taught everyone to expect: unknown keys list the
//! valid ones, duplicates point at the second occurrence.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token};

use crate::ctxt::Ctxt;

/// One `key = value` (or bare `key`).
pub struct Option_ {
    pub key: Ident,
    pub value: Option<Expr>,
}

impl Parse for Option_ {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key = input.call(Ident::parse_any_ident)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Option_ { key, value })
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
    let parser = Punctuated::<Option_, Token![,]>::parse_terminated;
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
