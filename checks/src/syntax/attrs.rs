//! What attributes say about the code they sit on.

use syn::Attribute;

/// Test-only code: `#[test]`, `#[tokio::test]` and other `..::test`
/// attributes, and a `#[cfg(..)]` that holds only under `test`:
/// `cfg(test)`, `cfg(all(test, not(target_family = "wasm")))`,
/// `cfg(any(all(test, unix), all(test, windows)))`, and test support
/// other crates' tests turn on, `cfg(any(test, feature = "testsuite"))`;
/// not `cfg(not(test))` nor `cfg(any(test, unix))`.
pub(crate) fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        let last_is_test = path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test" || segment.ident == "bench");
        let cfg_test = path.is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|predicate| requires_test(&predicate));
        last_is_test || cfg_test
    })
}

/// Whether a `cfg` predicate can hold only when `test` does.
fn requires_test(predicate: &syn::Meta) -> bool {
    match predicate {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) => {
            let Ok(nested) = list.parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            ) else {
                return false;
            };
            if list.path.is_ident("all") {
                nested.iter().any(requires_test)
            } else if list.path.is_ident("any") {
                // `any(test, feature = "..")`: a feature paired with `test`
                // exports test support, and is test code too.
                nested.iter().any(requires_test)
                    && nested
                        .iter()
                        .all(|predicate| requires_test(predicate) || is_feature(predicate))
            } else {
                false
            }
        }
        syn::Meta::NameValue(_) => false,
    }
}

/// `feature = ".."`.
fn is_feature(predicate: &syn::Meta) -> bool {
    matches!(predicate, syn::Meta::NameValue(pair) if pair.path.is_ident("feature"))
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

#[cfg(test)]
mod tests {
    use super::is_test_only;

    fn test_only(attr: &str) -> bool {
        let item: syn::ItemMod = syn::parse_str(&format!("{attr} mod m {{}}")).unwrap();
        is_test_only(&item.attrs)
    }

    #[test]
    fn a_cfg_that_holds_only_under_test_is_test_code() {
        assert!(test_only("#[cfg(test)]"));
        assert!(test_only(
            "#[cfg(all(test, not(target_family = \"wasm\")))]"
        ));
        assert!(test_only(
            "#[cfg(all(unix, any(test, all(test, windows))))]"
        ));
        assert!(!test_only("#[cfg(not(test))]"));
        assert!(test_only("#[cfg(any(test, feature = \"testsuite\"))]"));
        assert!(!test_only("#[cfg(any(test, unix))]"));
        assert!(!test_only("#[cfg(any(feature = \"a\", feature = \"b\"))]"));
        assert!(!test_only(
            "#[cfg(not(any(test, feature = \"testsuite\")))]"
        ));
        assert!(!test_only("#[cfg(all(not(test), unix))]"));
        assert!(!test_only("#[cfg(feature = \"test\")]"));
    }
}
