//! `#[unmixed::allow(CODE, reason = "...")]`: the escape hatch, and the
//! design record of why a hazard is accepted at this spot.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token};

use crate::Code;

/// The attribute's path, as users write it.
pub const ALLOW_ATTRIBUTE: &str = "unmixed::allow";

/// A parsed `#[unmixed::allow(..)]`.
#[derive(Debug, Clone)]
pub struct Allow {
    /// The codes it suppresses.
    pub codes: Vec<Code>,
    /// Why the hazard is accepted here.
    pub reason: String,
}

/// Whether `attr` is `#[unmixed::allow(..)]` (or `#[::unmixed::allow(..)]`).
pub fn is_allow(attr: &Attribute) -> bool {
    let segments: Vec<_> = attr.path().segments.iter().map(|s| &s.ident).collect();
    segments.len() == 2 && segments[0] == "unmixed" && segments[1] == "allow"
}

/// Parses the attribute if it is an allow; `None` if it is some other attribute.
pub fn parse_allow(attr: &Attribute) -> Option<syn::Result<Allow>> {
    is_allow(attr).then(|| attr.parse_args::<Allow>())
}

/// The codes suppressed by the valid allows among `attrs`.
pub(crate) fn allowed_codes(attrs: &[Attribute]) -> impl Iterator<Item = Code> + '_ {
    attrs
        .iter()
        .filter_map(|attr| parse_allow(attr)?.ok())
        .flat_map(|allow| allow.codes)
}

impl Parse for Allow {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut codes = Vec::new();
        let mut reason = None;
        let items = Punctuated::<AllowItem, Token![,]>::parse_terminated(input)?;
        for item in items {
            match item {
                AllowItem::Code(ident) => {
                    let code = ident
                        .to_string()
                        .parse::<Code>()
                        .map_err(|unknown| syn::Error::new(ident.span(), unknown))?;
                    codes.push(code);
                }
                AllowItem::Reason(key, text) => {
                    if reason.is_some() {
                        return Err(syn::Error::new(key.span(), "duplicate `reason`"));
                    }
                    if text.value().trim().is_empty() {
                        return Err(syn::Error::new(
                            text.span(),
                            "the reason may not be empty: it is the record of why this hazard is acceptable here\n\
                             help: say why, e.g. `reason = \"the lock is never contended: one writer at startup\"`",
                        ));
                    }
                    reason = Some(text.value());
                }
            }
        }
        if codes.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "`#[unmixed::allow]` needs the code of the check to allow\n\
                 help: `#[unmixed::allow(LOCK_ACROSS_AWAIT, reason = \"...\")]`",
            ));
        }
        let reason = reason.ok_or_else(|| {
            syn::Error::new(Span::call_site(), format!(
                "`#[unmixed::allow({})]` needs a reason: it is the record of why this hazard is acceptable here\n\
                 help: `#[unmixed::allow({0}, reason = \"why this is safe here\")]`",
                codes[0]
            ))
        })?;
        Ok(Allow { codes, reason })
    }
}

enum AllowItem {
    Code(Ident),
    Reason(Ident, LitStr),
}

impl Parse for AllowItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let ident: Ident = input.parse()?;
        if input.peek(Token![=]) {
            if ident != "reason" {
                return Err(syn::Error::new(
                    ident.span(),
                    format!(
                        "unknown option `{ident}`; expected check codes and `reason = \"...\"`"
                    ),
                ));
            }
            input.parse::<Token![=]>()?;
            Ok(AllowItem::Reason(ident, input.parse()?))
        } else {
            Ok(AllowItem::Code(ident))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn parse(attr: Attribute) -> syn::Result<Allow> {
        parse_allow(&attr).expect("is an allow")
    }

    #[test]
    fn reads_codes_and_reason() {
        let allow = parse(
            parse_quote!(#[unmixed::allow(LOCK_ACROSS_AWAIT, MIXED_MODELS, reason = "bounded")]),
        )
        .unwrap();
        assert_eq!(allow.codes, [Code::LOCK_ACROSS_AWAIT, Code::MIXED_MODELS]);
        assert_eq!(allow.reason, "bounded");
    }

    #[test]
    fn requires_a_reason() {
        let error = parse(parse_quote!(#[unmixed::allow(MIXED_MODELS)])).unwrap_err();
        assert!(error.to_string().contains("needs a reason"));
        let error = parse(parse_quote!(#[unmixed::allow(MIXED_MODELS, reason = " ")])).unwrap_err();
        assert!(error.to_string().contains("may not be empty"));
    }

    #[test]
    fn rejects_unknown_codes() {
        let error = parse(parse_quote!(#[unmixed::allow(NOPE, reason = "x")])).unwrap_err();
        assert!(error.to_string().starts_with("unknown check code `NOPE`"));
    }

    #[test]
    fn ignores_rustc_allow() {
        assert!(parse_allow(&parse_quote!(#[allow(dead_code)])).is_none());
    }
}
