//! What attributes say about the code they sit on.

use syn::Attribute;

/// Test-only code: `#[test]`, `#[tokio::test]` and other `..::test`
/// attributes, `#[cfg(test)]` and `#[cfg(all(test, ..))]` (not
/// `#[cfg(not(test))]`).
pub(crate) fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        let last_is_test = path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test" || segment.ident == "bench");
        let cfg_test = path.is_ident("cfg")
            && attr
                .parse_args::<proc_macro2::TokenStream>()
                .is_ok_and(|tokens| {
                    let idents = idents(tokens);
                    idents.iter().any(|ident| ident == "test")
                        && !idents.iter().any(|ident| ident == "not" || ident == "any")
                });
        last_is_test || cfg_test
    })
}

/// `#[path = "file.rs"]`: where a module's file is, as written; else the
/// first `#[cfg_attr(.., path = "file.rs")]` (platform alternatives: the
/// checks read one of them).
pub(crate) fn path_attr(attrs: &[Attribute]) -> Option<String> {
    let plain = attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("path") => string_value(&pair.value),
        _ => None,
    });
    plain.or_else(|| {
        attrs.iter().find_map(|attr| {
            if !attr.path().is_ident("cfg_attr") {
                return None;
            }
            let nested = attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                )
                .ok()?;
            nested.iter().skip(1).find_map(|meta| match meta {
                syn::Meta::NameValue(pair) if pair.path.is_ident("path") => {
                    string_value(&pair.value)
                }
                _ => None,
            })
        })
    })
}

fn string_value(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

fn idents(tokens: proc_macro2::TokenStream) -> Vec<String> {
    tokens
        .into_iter()
        .flat_map(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => vec![ident.to_string()],
            proc_macro2::TokenTree::Group(group) => idents(group.stream()),
            _ => Vec::new(),
        })
        .collect()
}
