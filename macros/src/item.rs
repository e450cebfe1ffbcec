//! Where to point when an attribute sits on the wrong kind of item: its
//! keyword and name (`struct Counter`), not the whole body.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::Item;

pub fn keyword_and_name(item: &Item) -> TokenStream {
    match item {
        Item::Struct(item) => {
            let (token, ident) = (&item.struct_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Enum(item) => {
            let (token, ident) = (&item.enum_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Fn(item) => {
            let (token, ident) = (&item.sig.fn_token, &item.sig.ident);
            quote!(#token #ident)
        }
        Item::Impl(item) => {
            let (token, ty) = (&item.impl_token, &item.self_ty);
            quote!(#token #ty)
        }
        Item::Trait(item) => {
            let (token, ident) = (&item.trait_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Union(item) => {
            let (token, ident) = (&item.union_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Const(item) => {
            let (token, ident) = (&item.const_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Static(item) => {
            let (token, ident) = (&item.static_token, &item.ident);
            quote!(#token #ident)
        }
        Item::Type(item) => {
            let (token, ident) = (&item.type_token, &item.ident);
            quote!(#token #ident)
        }
        other => other.to_token_stream(),
    }
}

/// The name an item declares in the type namespace, if any.
fn type_name(item: &Item) -> Option<&syn::Ident> {
    match item {
        Item::Struct(item) => Some(&item.ident),
        Item::Enum(item) => Some(&item.ident),
        Item::Union(item) => Some(&item.ident),
        Item::Type(item) => Some(&item.ident),
        Item::Trait(item) => Some(&item.ident),
        Item::Mod(item) => Some(&item.ident),
        _ => None,
    }
}

/// In a module form, reports the user items that take a name the macro
/// generates (`CounterMsg`), on the user's item. Returns whether any did:
/// the expansion is then left out, so rustc does not add its own
/// duplicate-definition errors and their follow-ons.
pub fn report_taken_names(
    items: &[Item],
    generated: &[String],
    by: &str,
    cx: &mut crate::ctxt::Ctxt,
) -> bool {
    let mut taken = false;
    for item in items {
        let Some(name) = type_name(item) else {
            continue;
        };
        if generated.iter().any(|generated| name == generated) {
            taken = true;
            cx.error_spanned_by(
                name,
                format!(
                    "`{name}` is a name that {by} generates in this module\n\
                     help: rename this item; the generated one is named after yours"
                ),
            );
        }
    }
    taken
}
