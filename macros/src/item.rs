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
