//! Names inside one actor's generated items (message variants, argument
//! names), derived from the user's. The items' own names are
//! `unmixed_checks::declare::actor::Names`.

use syn::Ident;

pub use unmixed_checks::declare::unraw;

/// `add_item` -> `AddItem`: the message enum's variant for a method.
pub fn variant(method: &Ident) -> Ident {
    unmixed_checks::declare::camel_case(method)
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
