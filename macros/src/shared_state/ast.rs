//! The shared state as a small typed model: its fields and how each is
//! shared. Reading it takes the field attributes (`#[rw]`, `#[counter]`,
//! `#[snapshot]`) off the struct, which stays a plain, constructible struct.
//! A field whose attributes are wrong is reported and kept as a plain
//! locked field, so one mistake does not cascade.

use quote::ToTokens;
use syn::{Attribute, Fields, GenericParam, Generics, Ident, ItemStruct, Type, Visibility};

use crate::ctxt::Ctxt;

pub struct State {
    pub ident: Ident,
    pub vis: Visibility,
    pub generics: Generics,
    pub fields: Vec<Field>,
    /// Some field was left out of the model (a reported mistake): the
    /// handle cannot rebuild the struct, so it gets no `try_unwrap`.
    pub partial: bool,
}

pub struct Field {
    pub ident: Ident,
    pub vis: Visibility,
    pub ty: Type,
    pub kind: Kind,
    pub docs: Vec<Attribute>,
    /// `#[deprecated]`, repeated on the field's accessors.
    pub deprecated: Vec<Attribute>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Its own mutex.
    Plain,
    /// `#[rw]`: its own reader-writer lock.
    Rw,
    /// `#[counter]`: an atomic integer.
    Counter,
    /// `#[snapshot]`: an `Arc` swapped as a whole.
    Snapshot,
}

impl Kind {
    pub fn is_locked(self) -> bool {
        matches!(self, Kind::Plain | Kind::Rw)
    }

    fn attribute(self) -> &'static str {
        match self {
            Kind::Plain => "",
            Kind::Rw => "rw",
            Kind::Counter => "counter",
            Kind::Snapshot => "snapshot",
        }
    }
}

/// Integer types a counter can be written as, when spelled out.
const INTEGERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
];

/// Types that are certainly not counters; other names (aliases, paths) are
/// left to the `CounterType` bound in the expansion.
const NOT_COUNTERS: &[&str] = &[
    "f32", "f64", "bool", "char", "str", "String", "u128", "i128", "Vec",
];

impl State {
    /// Reads the state from its struct and strips the field attributes.
    /// Returns `None` when the struct cannot be a shared state at all.
    pub fn from_struct(item: &mut ItemStruct, cx: &mut Ctxt) -> Option<State> {
        for param in &item.generics.params {
            if let GenericParam::Lifetime(lifetime) = param {
                cx.error_spanned_by(
                    lifetime,
                    "a shared state cannot borrow: its handle is shared between threads that outlive any borrow\n\
                     help: remove the lifetime and own the data (`String` instead of `&'a str`, `Arc<T>` instead of `&'a T`)",
                );
                return None;
            }
        }
        let Fields::Named(named) = &mut item.fields else {
            cx.error_spanned_by(
                item.struct_token.to_token_stream(),
                format!(
                    "`#[unmixed::shared_state]` needs a struct with named fields: each field gets its own lock and accessors named after it\n\
                     help: `pub struct {} {{ items: Vec<String>, #[counter] sold: u64 }}`",
                    item.ident
                ),
            );
            return None;
        };
        if named.named.is_empty() {
            cx.error_spanned_by(
                &item.ident,
                format!(
                    "shared state `{}` has no fields to share\nhelp: add the fields that threads share: `items: Vec<String>`",
                    item.ident
                ),
            );
            return None;
        }
        let mut fields = Vec::new();
        let mut partial = false;
        let (_, ty_generics, _) = item.generics.split_for_impl();
        let state_ident = &item.ident;
        let self_ty: Type = syn::parse_quote!(#state_ident #ty_generics);
        for field in &mut named.named {
            let ident = field.ident.clone()?;
            let kind = take_kind(&mut field.attrs, &field.ty, cx);
            if let Some(cfg) = field.attrs.iter().find(|attr| attr.path().is_ident("cfg")) {
                cx.error_spanned_by(
                    cfg,
                    "`#[cfg]` on a field of a shared state is not supported: the handle and its accessors would need the same condition\n\
                     help: put the condition on the whole struct, or keep the field unconditional",
                );
                // Left out, so the expansion does not trip over it.
                partial = true;
                continue;
            }
            let pick = |name: &str| -> Vec<Attribute> {
                field
                    .attrs
                    .iter()
                    .filter(|attr| attr.path().is_ident(name))
                    .cloned()
                    .collect()
            };
            fields.push(Field {
                ident,
                vis: field.vis.clone(),
                // The handle lives outside the struct, where `Self` is another type.
                ty: crate::actor::ast::replace_self(&field.ty, &self_ty),
                kind,
                docs: pick("doc"),
                deprecated: pick("deprecated"),
            });
        }
        // A counter whose type is not spelled as an integer (an alias, a
        // type parameter, a user type) is bounded by `CounterType` on every
        // generated item: aliases and parameters then work, and anything
        // else is reported in unmixed's words instead of through the
        // expansion's internals.
        let mut generics = item.generics.clone();
        for field in &fields {
            if field.kind == Kind::Counter && !spelled_as_integer(&field.ty) {
                let ty = &field.ty;
                let predicate: syn::WherePredicate = syn::parse_quote_spanned! {syn::spanned::Spanned::span(ty)=>
                    #ty: ::unmixed::__private::CounterType
                };
                generics.make_where_clause().predicates.push(predicate);
            }
        }
        Some(State {
            ident: item.ident.clone(),
            vis: item.vis.clone(),
            generics,
            fields,
            partial,
        })
    }
}

/// Whether `attr` is `#[name]` or `#[unmixed::name]`.
fn is_field_attr(attr: &Attribute, name: &str) -> bool {
    let path = attr.path();
    path.is_ident(name)
        || (path.segments.len() == 2
            && path.segments[0].ident == "unmixed"
            && path.segments[1].ident == name)
}

/// Removes `#[rw]`, `#[counter]` and `#[snapshot]` and says what the field is.
fn take_kind(attrs: &mut Vec<Attribute>, ty: &Type, cx: &mut Ctxt) -> Kind {
    let mut kind = Kind::Plain;
    let mut first: Option<Attribute> = None;
    let mut index = 0;
    while index < attrs.len() {
        let found = [Kind::Rw, Kind::Counter, Kind::Snapshot]
            .into_iter()
            .find(|kind| is_field_attr(&attrs[index], kind.attribute()));
        let Some(found) = found else {
            index += 1;
            continue;
        };
        let attr = attrs.remove(index);
        if !matches!(attr.meta, syn::Meta::Path(_)) {
            cx.error_spanned_by(
                &attr,
                format!(
                    "`#[{0}]` takes no arguments\nhelp: `#[{0}]`",
                    found.attribute()
                ),
            );
        }
        match &first {
            None => {
                kind = found;
                first = Some(attr);
            }
            Some(_) if found == kind => {
                cx.error_spanned_by(
                    &attr,
                    format!(
                        "duplicate `#[{}]`\nhelp: remove one of them",
                        found.attribute()
                    ),
                );
            }
            Some(_) => {
                cx.error_spanned_by(
                    &attr,
                    format!(
                        "a field is either `#[{}]` or `#[{}]`, not both\n\
                         help: `#[rw]` is a reader-writer lock, `#[counter]` an atomic integer, \
                         `#[snapshot]` an `Arc` that readers load without locking; keep one",
                        kind.attribute(),
                        found.attribute()
                    ),
                );
            }
        }
    }
    if kind == Kind::Counter && certainly_not_integer(ty) {
        cx.error_spanned_by(
            ty,
            format!(
                "`#[counter]` needs an integer type, but this field is `{}`\n\
                 help: counters are `u8`..`u64`, `usize`, `i8`..`i64` or `isize`, kept in the matching atomic; \
                 for other types remove `#[counter]` (the field gets its own lock) or use `#[snapshot]`",
                ty.to_token_stream().to_string().replace(' ', "")
            ),
        );
        return Kind::Plain;
    }
    kind
}

fn spelled_as_integer(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| INTEGERS.contains(&last.ident.to_string().as_str())),
        _ => false,
    }
}

fn certainly_not_integer(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            let name = last.ident.to_string();
            if INTEGERS.contains(&name.as_str()) {
                return false;
            }
            NOT_COUNTERS.contains(&name.as_str())
        }
        Type::Paren(inner) => certainly_not_integer(&inner.elem),
        Type::Group(inner) => certainly_not_integer(&inner.elem),
        Type::Macro(_) | Type::Verbatim(_) => false,
        _ => true,
    }
}
