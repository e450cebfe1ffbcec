//! The actor as a small typed model: which methods are messages, what they
//! carry, and what they return. Parsing validates as it goes and reports
//! every problem; a message that cannot be modelled is left out of the
//! model (it stays a plain method) so one mistake does not cascade.

use proc_macro2::TokenStream;
use quote::{format_ident, ToTokens};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{
    Attribute, FnArg, GenericParam, Generics, Ident, ImplItem, ImplItemFn, ItemImpl, Pat,
    ReturnType, Type, TypeParamBound, Visibility,
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
        if let Some(unsafety) = &item.unsafety {
            cx.error_spanned_by(unsafety, "an actor's impl block cannot be `unsafe`");
        }
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
                        self_by_value(receiver, cx);
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

fn self_by_value(receiver: &syn::Receiver, cx: &mut Ctxt) {
    cx.error_spanned_by(
        receiver,
        "a message cannot take `self` by value: the actor keeps its state between messages\n\
         help: take `&mut self` or `&self`; to stop the actor and get its state back, call `handle.shutdown().await`",
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
            cx.error_spanned_by(abi, "a message handler cannot have an `extern` ABI");
        }
        if sig.variadic.is_some() {
            cx.error_spanned_by(&sig.variadic, "a message handler cannot be variadic");
        }
        if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
            cx.error_spanned_by(
                &sig.generics,
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
        for (index, input) in sig.inputs.iter().enumerate() {
            let FnArg::Typed(typed) = input else { continue };
            let name = match &*typed.pat {
                // Kept raw: `r#type` is a field and a binding of the expansion.
                Pat::Ident(binding) => binding.ident.clone(),
                _ => format_ident!("arg{}", index),
            };
            if names::unraw(&name) == "reply" {
                cx.error_spanned_by(
                    &typed.pat,
                    "an argument named `reply` would clash with the reply channel that the generated message carries\n\
                     help: rename the argument, e.g. `response`",
                );
            }
            owned_type(&typed.ty, "argument", cx);
            args.push(Arg {
                name,
                ty: replace_self(&typed.ty, self_ty),
            });
        }
        let output = match &sig.output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, ty) if kind == Kind::Detached => detached_output(ty, cx)?,
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
        let (cfgs, docs) =
            method
                .attrs
                .iter()
                .fold((Vec::new(), Vec::new()), |(mut cfgs, mut docs), attr| {
                    if attr.path().is_ident("cfg") {
                        cfgs.push(attr.clone());
                    } else if attr.path().is_ident("doc") {
                        docs.push(attr.clone());
                    }
                    (cfgs, docs)
                });
        Some(Handler {
            method: sig.ident.clone(),
            variant: names::variant(&sig.ident),
            vis: method.vis.clone(),
            args,
            output: replace_self(&output, self_ty),
            kind,
            cfgs,
            docs,
        })
    }
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

pub(crate) fn compact(tokens: &impl ToTokens) -> String {
    tokens
        .to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" :: ", "::")
}

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
