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

/// Names for the arguments in the generated message and handle: the
/// binding's own name (without leading underscores, which only meant
/// "unused" in the handler), or `argN` for a pattern; never one of
/// `reserved` and never the same twice.
pub fn arguments(inputs: &[&syn::PatType], reserved: &[&str]) -> Vec<Ident> {
    let preferred: Vec<Option<Ident>> = inputs
        .iter()
        .map(|typed| match &*typed.pat {
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
        let clashes = |candidate: &str, taken: &[String]| {
            taken.iter().any(|name| name == candidate)
                || preferred[index + 1..]
                    .iter()
                    .flatten()
                    .any(|later| later == candidate)
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
