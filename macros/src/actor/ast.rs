//! The actor as a small typed model: which methods are messages, what they
//! carry, and what they return. Parsing validates as it goes and reports
//! every problem; a message that cannot be modelled is left out of the
//! model (it stays a plain method) so one mistake does not cascade.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{
    Attribute, FnArg, GenericParam, Generics, Ident, ImplItem, ImplItemFn, ItemImpl, ReturnType,
    Type, TypeParamBound, Visibility,
};

use super::names;
use crate::ctxt::Ctxt;
use crate::helper_attrs::take_detached;
use unmixed_checks::actors;

pub struct Actor {
    /// The state type's name (`Counter`).
    pub ident: Ident,
    /// The state type as written after `impl` (`Store<T>`).
    pub self_ty: Type,
    pub generics: Generics,
    pub handlers: Vec<Handler>,
    /// Methods of the impl, messages or not (for name collisions).
    pub method_names: Vec<Ident>,
    /// False when a user method already takes the name `spawn`.
    pub generate_spawn: bool,
}

pub struct Handler {
    pub method: Ident,
    pub variant: Ident,
    pub vis: Visibility,
    pub args: Vec<Arg>,
    /// `R` of `-> R`, or of `-> impl Future<Output = R>` when detached.
    pub output: Type,
    pub kind: Kind,
    /// `#[cfg(..)]` attributes, repeated on everything generated for the message.
    pub cfgs: Vec<Attribute>,
    pub docs: Vec<Attribute>,
    /// `#[deprecated]`, repeated on the handle methods.
    pub deprecated: Vec<Attribute>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sync,
    Async,
    Detached,
}

pub struct Arg {
    pub name: Ident,
    pub ty: Type,
}

impl Actor {
    /// Reads the actor from its impl block, taking `#[detached]` off the
    /// methods. Returns `None` when the block cannot be an actor at all.
    pub fn from_impl(item: &mut ItemImpl, cx: &mut Ctxt) -> Option<Actor> {
        if let Some((_, trait_path, _)) = &item.trait_ {
            cx.error_spanned_by(
                trait_path,
                "`#[unmixed::actor]` goes on the inherent `impl` block of the actor's state, not on a trait impl\n\
                 help: put it on `impl Counter { pub fn add(&mut self, ..) -> .. }`",
            );
            return None;
        }
        // `unsafe impl` of an inherent impl: rustc reports it itself (E0197).
        let ident = match &*item.self_ty {
            Type::Path(path) if path.qself.is_none() => path.path.segments.last()?.ident.clone(),
            other => {
                cx.error_spanned_by(
                    other,
                    "`#[unmixed::actor]` needs a named struct as the actor's state: `impl Counter { .. }`",
                );
                return None;
            }
        };
        let mut borrows = false;
        for param in &item.generics.params {
            if let GenericParam::Lifetime(lifetime) = param {
                borrows = true;
                cx.error_spanned_by(
                    lifetime,
                    "an actor cannot borrow: its state moves into a task that outlives every caller\n\
                     help: remove the lifetime and own the data (`String` instead of `&'a str`)",
                );
            }
        }
        if borrows {
            return None;
        }
        let self_ty = (*item.self_ty).clone();
        let mut handlers = Vec::new();
        let mut method_names = Vec::new();
        for impl_item in &mut item.items {
            if let ImplItem::Macro(mac) = impl_item {
                macro_in_impl(mac, &ident, cx);
                continue;
            }
            let ImplItem::Fn(method) = impl_item else {
                continue;
            };
            method_names.push(method.sig.ident.clone());
            let detached = take_detached(&mut method.attrs);
            if !actors::is_message(method) {
                if let Some(attr) = detached {
                    cx.error_spanned_by(
                        attr,
                        "`#[detached]` applies to messages only\n\
                         help: make the method `pub` and give it `&self` or `&mut self`, or remove `#[detached]`",
                    );
                }
                if let Some(receiver) = method.sig.receiver() {
                    if !matches!(method.vis, Visibility::Inherited) && receiver.reference.is_none()
                    {
                        typed_receiver(receiver, cx);
                    }
                }
                continue;
            }
            let before = cx.len();
            let handler = Handler::from_method(method, detached.is_some(), &self_ty, cx);
            if cx.len() == before {
                handlers.extend(handler);
            }
        }
        Some(Actor {
            ident,
            self_ty,
            generics: item.generics.clone(),
            handlers,
            method_names,
            generate_spawn: true,
        })
    }
}

/// A `pub` method whose receiver is not `&self` or `&mut self`.
fn typed_receiver(receiver: &syn::Receiver, cx: &mut Ctxt) {
    let message = match (&*receiver.ty, receiver.colon_token) {
        (_, None) => "a message cannot take `self` by value: the actor keeps its state between messages\n\
                      help: take `&mut self` or `&self`; to stop the actor and get its state back, call `handle.shutdown().await`"
            .to_owned(),
        (Type::Reference(reference), Some(_)) => {
            let short = if reference.mutability.is_some() { "&mut self" } else { "&self" };
            format!(
                "a message's receiver must be written `{short}`: `#[unmixed::actor]` reads the short form only\n\
                 help: write `{short}`"
            )
        }
        (ty, Some(_)) => format!(
            "a message cannot take `self: {}`: the actor's state lives in its task and a handler borrows it there\n\
             help: take `&mut self` or `&self`",
            compact(ty)
        ),
    };
    cx.error_spanned_by(receiver, message);
}

/// A macro call among the methods: it expands after `#[unmixed::actor]` has
/// read the impl, so the methods it writes could never be messages.
fn macro_in_impl(mac: &syn::ImplItemMacro, actor: &Ident, cx: &mut Ctxt) {
    let name = mac
        .mac
        .path
        .segments
        .last()
        .map_or_else(String::new, |segment| segment.ident.to_string());
    cx.error_spanned_by(
        &mac.mac,
        format!(
            "`{name}!` expands after `#[unmixed::actor]` has read this impl, so the methods it writes \
             cannot become messages\n\
             help: write the messages out here, and move the macro to a second block without the attribute: \
             `impl {actor} {{ {name}!(..); }}`"
        ),
    );
}

impl Handler {
    fn from_method(
        method: &ImplItemFn,
        detached: bool,
        self_ty: &Type,
        cx: &mut Ctxt,
    ) -> Option<Handler> {
        let sig = &method.sig;
        if let Some(unsafety) = &sig.unsafety {
            cx.error_spanned_by(unsafety, "a message handler cannot be `unsafe`: the generated handle would call it without an `unsafe` block\n\
                 help: make the handler safe and keep the `unsafe` block inside it");
        }
        if let Some(abi) = &sig.abi {
            cx.error_spanned_by(
                abi,
                "a message handler cannot have an `extern` ABI: only the generated handle calls it, from Rust\n\
                 help: remove it; for a C entry point, write a separate `extern` function that sends through a handle",
            );
        }
        if sig.variadic.is_some() {
            cx.error_spanned_by(
                &sig.variadic,
                "a message handler cannot be variadic: each argument becomes a field of the message\n\
                 help: take the values as one argument, e.g. `values: Vec<u64>`",
            );
        }
        if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
            cx.error_spanned_by(
                generics_tokens(&sig.generics),
                format!(
                    "message `{}` cannot be generic: its arguments become fields of one message enum, \
                     which needs concrete types\n\
                     help: take a concrete type, or move the parameter to the impl: `impl<T> Store<T>`",
                    sig.ident
                ),
            );
        }
        let kind = match (detached, sig.asyncness) {
            (true, Some(asyncness)) => {
                cx.error_spanned_by(
                    asyncness,
                    "a `#[detached]` handler cannot be `async`: its synchronous part runs with the state, \
                     and the future it returns runs on its own task\n\
                     help: remove `async` and return `impl Future<Output = R> + Send + 'static`",
                );
                Kind::Detached
            }
            (true, None) => Kind::Detached,
            (false, Some(_)) => Kind::Async,
            (false, None) => Kind::Sync,
        };
        let mut args = Vec::new();
        let typed: Vec<&syn::PatType> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                FnArg::Typed(typed) => Some(typed),
                FnArg::Receiver(_) => None,
            })
            .collect();
        // `reply` is the message's own field for the reply channel.
        let arg_names = names::arguments(&typed, &["reply"]);
        for (typed, name) in typed.into_iter().zip(arg_names) {
            owned_type(&typed.ty, "argument", cx);
            args.push(Arg {
                name,
                ty: replace_self(&typed.ty, self_ty),
            });
        }
        let output = match &sig.output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, ty) if kind == Kind::Detached => detached_output(ty, cx)?,
            ReturnType::Type(_, ty) if returns_future(ty) => {
                cx.error_spanned_by(
                    ty,
                    format!(
                        "message `{}` returns a future, which the actor would hand to the caller unpolled\n\
                         help: make it `pub async fn` to run the work inside the actor, or mark it \
                         `#[detached]` to run the future on its own task while the actor goes on",
                        sig.ident
                    ),
                );
                return None;
            }
            ReturnType::Type(_, ty) => {
                owned_type(ty, "reply", cx);
                (**ty).clone()
            }
        };
        if kind == Kind::Detached && matches!(sig.output, ReturnType::Default) {
            cx.error_spanned_by(
                &sig.ident,
                "a `#[detached]` handler must return the work to run after it\n\
                 help: add `-> impl Future<Output = R> + Send + 'static`",
            );
            return None;
        }
        let pick = |name: &str| -> Vec<Attribute> {
            method
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident(name))
                .cloned()
                .collect()
        };
        let (cfgs, docs, deprecated) = (pick("cfg"), pick("doc"), pick("deprecated"));
        Some(Handler {
            method: sig.ident.clone(),
            variant: names::variant(&sig.ident),
            vis: method.vis.clone(),
            args,
            output: replace_self(&output, self_ty),
            kind,
            cfgs,
            docs,
            deprecated,
        })
    }
}

/// `impl Future<..>` or `Pin<Box<dyn Future<..>>>`, roughly: what an
/// `async` block gives.
fn returns_future(ty: &Type) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0 |= segment.ident == "Future";
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut finder = Finder(false);
    match ty {
        Type::ImplTrait(_) => finder.visit_type(ty),
        Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Pin") => {
            finder.visit_type(ty);
        }
        _ => {}
    }
    finder.0
}

/// The generics with their where clause: `Generics`' own tokens leave it out.
pub(crate) fn generics_tokens(generics: &Generics) -> TokenStream {
    let where_clause = &generics.where_clause;
    quote::quote!(#generics #where_clause)
}

/// `R` out of `impl Future<Output = R> + Send + 'static`.
fn detached_output(ty: &Type, cx: &mut Ctxt) -> Option<Type> {
    const EXPECTED: &str = "a `#[detached]` handler's future runs on its own task, \
                            so it must own its data and be able to move between threads\n\
                            help: return `impl Future<Output = R> + Send + 'static`";
    let Type::ImplTrait(bounds) = ty else {
        cx.error_spanned_by(ty, EXPECTED);
        return None;
    };
    let mut output = None;
    let mut send = false;
    let mut is_static = false;
    for bound in &bounds.bounds {
        match bound {
            TypeParamBound::Trait(trait_bound) => {
                let Some(last) = trait_bound.path.segments.last() else {
                    continue;
                };
                if last.ident == "Send" {
                    send = true;
                }
                if last.ident == "Future" {
                    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                        for arg in &args.args {
                            if let syn::GenericArgument::AssocType(assoc) = arg {
                                if assoc.ident == "Output" {
                                    output = Some(assoc.ty.clone());
                                }
                            }
                        }
                    }
                }
            }
            TypeParamBound::Lifetime(lifetime) if lifetime.ident == "static" => is_static = true,
            _ => {}
        }
    }
    match output {
        Some(output) if send && is_static => {
            owned_type(&output, "reply", cx);
            Some(output)
        }
        _ => {
            cx.error_spanned_by(ty, EXPECTED);
            None
        }
    }
}

/// Rejects types that borrow or hide their type: messages must own their data.
fn owned_type(ty: &Type, role: &str, cx: &mut Ctxt) {
    /// The first offending part of the type, and why it offends.
    struct Borrow {
        found: Option<(TokenStream, String)>,
    }
    impl<'ast> Visit<'ast> for Borrow {
        fn visit_type(&mut self, ty: &'ast Type) {
            if self.found.is_some() {
                return;
            }
            let why = match ty {
                Type::Reference(reference) => format!(
                    "borrows, but a message must own its data: it travels to the actor's task\n\
                     help: take `{}` instead",
                    owned_suggestion(&reference.elem)
                ),
                Type::ImplTrait(_) => "is `impl Trait`, which a message enum cannot store\n\
                                       help: name a concrete type, or add a type parameter to the impl"
                    .into(),
                _ => return syn::visit::visit_type(self, ty),
            };
            self.found = Some((ty.to_token_stream(), why));
        }
        fn visit_lifetime(&mut self, lifetime: &'ast syn::Lifetime) {
            if self.found.is_none() && lifetime.ident != "static" {
                self.found = Some((
                    lifetime.to_token_stream(),
                    "borrows for a lifetime, but a message must own its data: it travels to the actor's task\n\
                     help: use an owned type (`String`, `Vec<T>`, `Arc<T>`)"
                        .into(),
                ));
            }
        }
    }
    let mut borrow = Borrow { found: None };
    borrow.visit_type(ty);
    if let Some((at, why)) = borrow.found {
        cx.error_spanned_by(&at, format!("this {role} type `{}` {why}", compact(&at)));
    }
}

pub(crate) use unmixed_checks::declare::compact;

pub(crate) fn owned_suggestion(borrowed: &Type) -> String {
    let text = borrowed.to_token_stream().to_string().replace(' ', "");
    match text.as_str() {
        "str" => "String".into(),
        "Path" | "std::path::Path" => "PathBuf".into(),
        "OsStr" => "OsString".into(),
        "CStr" => "CString".into(),
        _ => match borrowed {
            Type::Slice(slice) => format!("Vec<{}>", compact(&slice.elem)),
            Type::TraitObject(object) => format!("Box<{}>", compact(object)),
            other => compact(other),
        },
    }
}

/// `Self` means the actor inside its impl, but the enum and the handle
/// live outside it: spell the type out.
pub fn replace_self(ty: &Type, self_ty: &Type) -> Type {
    struct ReplaceSelf<'a>(&'a Type);
    impl VisitMut for ReplaceSelf<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(path) = ty {
                if path.qself.is_none()
                    && path
                        .path
                        .segments
                        .first()
                        .is_some_and(|s| s.ident == "Self")
                {
                    let self_ty = self.0;
                    if path.path.segments.len() == 1 {
                        *ty = self_ty.clone();
                    } else {
                        let rest = path.path.segments.iter().skip(1);
                        *ty = syn::parse_quote!(<#self_ty>#(::#rest)*);
                    }
                    return;
                }
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    let mut ty = ty.clone();
    ReplaceSelf(self_ty).visit_type_mut(&mut ty);
    ty
}
