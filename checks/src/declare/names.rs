//! How generated names are spelled from the user's: the rules every model's
//! `Names` builds on.

use quote::format_ident;
use syn::Ident;

/// `r#type` -> `type`, for building other names.
pub fn unraw(ident: &Ident) -> Ident {
    let text = ident.to_string();
    match text.strip_prefix("r#") {
        Some(bare) => format_ident!("{}", bare, span = ident.span()),
        None => ident.clone(),
    }
}

/// `add_item` -> `AddItem`, at the same span: message variants, pool names.
pub fn camel_case(ident: &Ident) -> Ident {
    let bare = unraw(ident).to_string();
    let camel: String = bare
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    // `_1` -> `1` cannot start a name, `self_` -> `Self` is a keyword: a
    // leading `_` makes either one an identifier again.
    let camel = if camel.is_empty() {
        "Message".to_owned()
    } else if syn::parse_str::<Ident>(&camel).is_err() {
        format!("_{camel}")
    } else {
        camel
    };
    format_ident!("{}", camel, span = ident.span())
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;
    use syn::Ident;

    use super::camel_case;

    /// Found by the no-panic properties: `_1` made `Ident::new("1")` panic,
    /// `self_` made a variant named `Self`.
    #[test]
    fn every_name_makes_an_identifier() {
        for (method, expected) in [
            ("add_item", "AddItem"),
            ("__", "Message"),
            ("_1", "_1"),
            ("_1a", "_1a"),
            ("self_", "_Self"),
            ("_٣", "_٣"),
            ("émettre", "Émettre"),
        ] {
            let ident = Ident::new(method, Span::call_site());
            assert_eq!(camel_case(&ident).to_string(), expected, "{method}");
        }
        let raw = Ident::new_raw("type", Span::call_site());
        assert_eq!(camel_case(&raw).to_string(), "Type");
    }
}
