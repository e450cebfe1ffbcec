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
    let camel = if camel.is_empty() {
        "Message".to_owned()
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
