//! Declarations: what `#[unmixed::actor(..)]`, `#[unmixed::worker_pool(..)]`
//! and `#[unmixed::shared_state(..)]` say, read once into a typed model per
//! model ([`actor::ActorDecl`], [`pool::PoolDecl`], [`shared::SharedDecl`]).
//! The macros read their own arguments with it and the reviewer reads the
//! attributes it finds, so both agree on every option, on which struct or
//! function a module form means, on the declaration checks and on the names
//! of the generated items.
//!
//! Reading never stops at the first mistake: every option is read on its
//! own (`options.rs`), a broken one still counts as written, and the errors
//! come back as data ([`Errors`]) for the macros to render; the reviewer
//! leaves them to the compiler.

pub mod actor;
pub mod count;
mod names;
mod options;
pub mod pool;
pub mod shared;

use std::fmt::Display;

use quote::ToTokens;

pub use names::{camel_case, unraw};
pub use options::{compact, Given};

/// The errors found while reading a declaration, in the order found.
#[derive(Debug, Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// An error spanning all of `tokens`.
    pub fn error_spanned_by(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.0.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error made elsewhere.
    pub fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// How many errors so far; lets a reader tell whether a part was clean.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, syn::Error> {
        self.0.iter()
    }
}

impl IntoIterator for Errors {
    type Item = syn::Error;
    type IntoIter = std::vec::IntoIter<syn::Error>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The arguments of an attribute as a macro receives them: empty for a bare
/// `#[unmixed::actor]`.
fn arguments(attr: &syn::Attribute) -> proc_macro2::TokenStream {
    match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone(),
        syn::Meta::Path(_) | syn::Meta::NameValue(_) => proc_macro2::TokenStream::new(),
    }
}

/// In a module form, the user items that take a name the macro generates
/// (`CounterMsg`), each reported on the user's item; `attribute` is the
/// macro as users write it (`` `#[unmixed::actor]` ``). Whenever this finds
/// any, the macro leaves its expansion out, so rustc adds no
/// duplicate-definition errors and no follow-ons inside generated code.
pub fn taken_names(items: &[syn::Item], generated: &[&syn::Ident], attribute: &str) -> Errors {
    let mut errors = Errors::new();
    for item in items {
        for name in declared_names(item) {
            if !generated.contains(&name) {
                continue;
            }
            let help = if matches!(item, syn::Item::Use(_)) {
                format!("import it under another name: `use .. as Other{name};`")
            } else {
                "rename this item; the generated one is named after yours".to_owned()
            };
            errors.error_spanned_by(
                name,
                format!(
                    "`{name}` is a name that {attribute} generates in this module\nhelp: {help}"
                ),
            );
        }
    }
    errors
}

/// The type-namespace names an item declares, which a generated item of
/// the same name would collide with: the item's own name, or what a `use`
/// brings in (`use a::{B, C as D}`: `B`, `D`).
fn declared_names(item: &syn::Item) -> Vec<&syn::Ident> {
    use syn::Item;
    match item {
        Item::Struct(item) => vec![&item.ident],
        Item::Enum(item) => vec![&item.ident],
        Item::Union(item) => vec![&item.ident],
        Item::Type(item) => vec![&item.ident],
        Item::Trait(item) => vec![&item.ident],
        Item::TraitAlias(item) => vec![&item.ident],
        Item::Mod(item) => vec![&item.ident],
        Item::ExternCrate(item) => vec![item
            .rename
            .as_ref()
            .map_or(&item.ident, |(_, rename)| rename)],
        Item::Use(item) => {
            let mut names = Vec::new();
            imported(&item.tree, &mut names);
            names
        }
        _ => Vec::new(),
    }
}

fn imported<'a>(tree: &'a syn::UseTree, names: &mut Vec<&'a syn::Ident>) {
    match tree {
        syn::UseTree::Path(path) => imported(&path.tree, names),
        // `use a::{self}` names `a`, a module; `use a::B as _` names nothing.
        syn::UseTree::Name(name) if name.ident != "self" => names.push(&name.ident),
        syn::UseTree::Rename(rename) if rename.rename != "_" => names.push(&rename.rename),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                imported(tree, names);
            }
        }
        syn::UseTree::Name(_) | syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => {}
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Errors;

    /// The messages, first lines only, for short assertions.
    pub fn headlines(errors: &Errors) -> Vec<String> {
        errors
            .iter()
            .map(|error| {
                let message = error.to_string();
                message.lines().next().unwrap_or_default().to_owned()
            })
            .collect()
    }

    /// The messages in full.
    pub fn messages(errors: &Errors) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn declared_names_cover_items_and_imports() {
        let file: syn::File = syn::parse_quote! {
            pub struct A;
            enum B {}
            type C = u8;
            trait D {}
            mod e {}
            use x::{F, g::H as I, j::*, k::{self}, L as _};
            extern crate m as N;
            fn o() {}
            const P: u8 = 0;
        };
        let names: Vec<String> = file
            .items
            .iter()
            .flat_map(super::declared_names)
            .map(ToString::to_string)
            .collect();
        assert_eq!(names, ["A", "B", "C", "D", "e", "F", "I", "N"]);
    }

    #[test]
    fn taken_names_are_reported_on_the_user_item() {
        let file: syn::File = syn::parse_quote! {
            pub struct Counter;
            pub enum CounterMsg {}
            use other::CounterHandle;
            fn CounterHandle() {}
        };
        let generated: [syn::Ident; 2] = [
            syn::parse_quote!(CounterMsg),
            syn::parse_quote!(CounterHandle),
        ];
        let errors = super::taken_names(&file.items, &generated.each_ref(), "`#[unmixed::actor]`");
        assert_eq!(
            messages(&errors),
            [
                "`CounterMsg` is a name that `#[unmixed::actor]` generates in this module\n\
                 help: rename this item; the generated one is named after yours",
                "`CounterHandle` is a name that `#[unmixed::actor]` generates in this module\n\
                 help: import it under another name: `use .. as OtherCounterHandle;`",
            ]
        );
    }
}
