//! `key = value` options inside a macro's attribute, with the friendly
//! errors tokio-macros taught everyone to expect: unknown keys list the
//! valid ones, duplicates point at the second occurrence.

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token};

use crate::ctxt::Ctxt;

/// One `key = value`, or a bare `key`.
pub struct Setting {
    pub key: Ident,
    pub value: Option<Expr>,
}

impl Parse for Setting {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // Any identifier, keywords included, so `type = ..` gets a friendly error.
        let key = input.call(Ident::parse_any)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Setting { key, value })
    }
}

/// Parses the attribute arguments, reporting unknown and duplicated keys.
pub fn parse(args: proc_macro2::TokenStream, valid: &[&str], cx: &mut Ctxt) -> Vec<Setting> {
    let parser = Punctuated::<Setting, Token![,]>::parse_terminated;
    let parsed = match syn::parse::Parser::parse2(parser, args) {
        Ok(parsed) => parsed,
        Err(error) => {
            cx.syn_error(error);
            return Vec::new();
        }
    };
    let mut seen: Vec<String> = Vec::new();
    let mut settings = Vec::new();
    for setting in parsed {
        let key = setting.key.to_string();
        if !valid.contains(&key.as_str()) {
            let expected: Vec<String> = valid.iter().map(|name| format!("`{name}`")).collect();
            cx.error_spanned_by(
                &setting.key,
                format!(
                    "unknown option `{key}`; expected one of {}",
                    expected.join(", ")
                ),
            );
        } else if seen.contains(&key) {
            cx.error_spanned_by(&setting.key, format!("duplicate option `{key}`"));
        } else {
            seen.push(key);
            settings.push(setting);
        }
    }
    settings
}
