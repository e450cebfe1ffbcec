//! Names of generated items, derived from the user's names.

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

/// `add_item` -> `AddItem`.
pub fn variant(method: &Ident) -> Ident {
    let bare = unraw(method).to_string();
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
    format_ident!("{}", camel, span = method.span())
}

pub fn handle(actor: &Ident) -> Ident {
    format_ident!("{}Handle", actor, span = actor.span())
}

pub fn message(actor: &Ident) -> Ident {
    format_ident!("{}Msg", actor, span = actor.span())
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;
    use syn::Ident;

    use super::variant;

    /// Found by the no-panic properties: `_1` made `Ident::new("1")` panic,
    /// `self_` made a variant named `Self`.
    #[test]
    fn every_method_name_makes_an_identifier() {
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
            assert_eq!(variant(&ident).to_string(), expected, "{method}");
        }
        let raw = Ident::new_raw("type", Span::call_site());
        assert_eq!(variant(&raw).to_string(), "Type");
    }
}
