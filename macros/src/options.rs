//! `key = value` options inside a macro's attribute, with the friendly
//! errors tokio-macros taught everyone to expect: unknown keys list the
//! valid ones, duplicates point at the second occurrence.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token, Type};

use crate::ctxt::Ctxt;

/// One `key = value`, or a bare `key`.
pub struct Setting {
    pub key: Ident,
    pub value: Option<Expr>,
    /// The value of a key that takes a type (`resource = Pooled<Conn>`).
    pub ty: Option<Type>,
}

impl Setting {
    fn parse_with(input: ParseStream, type_keys: &[&str]) -> syn::Result<Self> {
        // Any identifier, keywords included, so `type = ..` gets a friendly error.
        let key = input.call(Ident::parse_any)?;
        let (mut value, mut ty) = (None, None);
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if type_keys.iter().any(|name| key == name) {
                ty = Some(input.parse()?);
            } else {
                value = Some(input.parse()?);
            }
        }
        Ok(Setting { key, value, ty })
    }
}

/// Parses the attribute arguments, reporting unknown and duplicated keys.
pub fn parse(args: proc_macro2::TokenStream, valid: &[&str], cx: &mut Ctxt) -> Vec<Setting> {
    parse_typed(args, valid, &[], cx)
}

/// Like [`parse`], with the values of `type_keys` parsed as types.
pub fn parse_typed(
    args: proc_macro2::TokenStream,
    valid: &[&str],
    type_keys: &[&str],
    cx: &mut Ctxt,
) -> Vec<Setting> {
    let parser = |input: ParseStream| {
        let mut parsed = Punctuated::<Setting, Token![,]>::new();
        while !input.is_empty() {
            parsed.push_value(Setting::parse_with(input, type_keys)?);
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
