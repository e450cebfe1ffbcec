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

/// Names for the arguments in the generated message and handle: the
/// binding's own name (without leading underscores, which only meant
/// "unused" in the handler), or `argN` for a pattern; never one of
/// `reserved` and never the same twice.
pub fn arguments(inputs: &[&syn::PatType], reserved: &[&str]) -> Vec<Ident> {
    let preferred: Vec<Option<Ident>> = inputs
        .iter()
        .map(|typed| match &*typed.pat {
            // Kept raw: `r#type` is a field and a binding of the expansion.
            syn::Pat::Ident(binding) if binding.ident.to_string().starts_with("r#") => {
                Some(binding.ident.clone())
            }
            syn::Pat::Ident(binding) => {
                let text = binding.ident.to_string();
                let trimmed = text.trim_start_matches('_');
                Some(match syn::parse_str::<Ident>(trimmed) {
                    Ok(_) => Ident::new(trimmed, binding.ident.span()),
                    // A keyword once trimmed, or nothing left: keep it as written.
                    Err(_) => binding.ident.clone(),
                })
            }
            _ => None,
        })
        .collect();
    let mut taken: Vec<String> = reserved.iter().map(|name| (*name).to_owned()).collect();
    let mut names = Vec::new();
    for (index, name) in preferred.iter().enumerate() {
        let base = name
            .as_ref()
            .map_or_else(|| format!("arg{index}"), ToString::to_string);
        let mut candidate = base.clone();
        // `r#reply` and `reply` are one identifier.
        let bare = |name: &str| name.trim_start_matches("r#").to_owned();
        let clashes = |candidate: &str, taken: &[String]| {
            taken.iter().any(|name| bare(name) == bare(candidate))
                || preferred[index + 1..]
                    .iter()
                    .flatten()
                    .any(|later| bare(&later.to_string()) == bare(candidate))
        };
        let mut suffix = 1;
        while clashes(&candidate, &taken) {
            candidate = format!("{}_{suffix}", base.trim_start_matches("r#"));
            suffix += 1;
        }
        taken.push(candidate.clone());
        let span = name.as_ref().map_or_else(
            || syn::spanned::Spanned::span(&inputs[index].pat),
            Ident::span,
        );
        names.push(match name {
            Some(ident) if *ident == candidate => ident.clone(),
            _ => Ident::new(&candidate, span),
        });
    }
    names
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
