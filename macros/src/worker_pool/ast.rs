//! The job as a small typed model: its name, whether it is async, the
//! resource it borrows, the arguments callers pass and what it returns.
//! Parsing validates as it goes and reports every problem; a job that cannot
//! be modelled gets no pool, and the function itself is left as written.

use proc_macro2::TokenStream;
use quote::{format_ident, ToTokens};
use syn::visit::Visit;
use syn::{Attribute, FnArg, Ident, Pat, ReturnType, Signature, Type, Visibility};

use crate::actor::ast::{compact, owned_suggestion};
use crate::ctxt::Ctxt;

pub struct Job {
    /// The function (`checksum`).
    pub ident: Ident,
    /// The function's visibility, which the pool gets too.
    pub vis: Visibility,
    pub is_async: bool,
    /// The resource parameter's type (`Db` of `db: &mut Db`).
    pub resource: Option<Type>,
    /// What callers pass: every parameter but the resource.
    pub args: Vec<Arg>,
    /// `R` of `-> R`.
    pub output: Type,
    /// `#[cfg(..)]` attributes, repeated on everything generated.
    pub cfgs: Vec<Attribute>,
}

pub struct Arg {
    pub name: Ident,
    pub ty: Type,
}

impl Job {
    /// Reads the job from its signature; `resource` is the attribute's `resource = ..`.
    pub fn from_sig(
        sig: &Signature,
        vis: &Visibility,
        attrs: &[Attribute],
        resource: Option<&Type>,
        cx: &mut Ctxt,
    ) -> Option<Job> {
        let before = cx.len();
        if let Some(constness) = &sig.constness {
            cx.error_spanned_by(
                constness,
                "a pool job cannot be a `const fn`\nhelp: remove `const`",
            );
        }
        if let Some(unsafety) = &sig.unsafety {
            cx.error_spanned_by(
                unsafety,
                "a pool job cannot be `unsafe`: the generated pool would call it without an `unsafe` block\n\
                 help: make the job safe and keep the `unsafe` block inside it",
            );
        }
        if let Some(abi) = &sig.abi {
            cx.error_spanned_by(
                abi,
                "a pool job cannot have an `extern` ABI\nhelp: remove it",
            );
        }
        if sig.variadic.is_some() {
            cx.error_spanned_by(&sig.variadic, "a pool job cannot be variadic");
        }
        if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
            cx.error_spanned_by(
                &sig.generics,
                format!(
                    "job `{}` cannot be generic: its pool is one concrete type with one queue\n\
                     help: take concrete types; for several element types, declare one pool per type",
                    sig.ident
                ),
            );
        }
        let mut inputs = sig.inputs.iter().enumerate().peekable();
        if let Some((_, FnArg::Receiver(receiver))) = inputs.peek() {
            cx.error_spanned_by(
                receiver,
                "a pool job cannot take `self`: the pool's workers call it as a free function\n\
                 help: move it out of the `impl` block and pass what it needs as arguments",
            );
            inputs.next();
        }
        let resource = match resource {
            Some(declared) => resource_param(sig, declared, inputs.next(), cx),
            None => None,
        };
        let mut args = Vec::new();
        for (index, input) in inputs {
            let FnArg::Typed(typed) = input else { continue };
            let name = match &*typed.pat {
                // Kept raw: `r#type` is a binding of the expansion.
                Pat::Ident(binding) if binding.by_ref.is_none() && binding.subpat.is_none() => {
                    binding.ident.clone()
                }
                _ => format_ident!("arg{}", index),
            };
            owned_argument(&typed.ty, cx);
            args.push(Arg {
                name,
                ty: (*typed.ty).clone(),
            });
        }
        let output = match &sig.output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, ty) => {
                owned_result(ty, sig.asyncness.is_some(), cx);
                (**ty).clone()
            }
        };
        let cfgs = attrs
            .iter()
            .filter(|attr| attr.path().is_ident("cfg"))
            .cloned()
            .collect();
        (cx.len() == before).then(|| Job {
            ident: sig.ident.clone(),
            vis: vis.clone(),
            is_async: sig.asyncness.is_some(),
            resource,
            args,
            output,
            cfgs,
        })
    }
}

/// The first parameter of a resource pool's job: `&mut Resource`.
fn resource_param(
    sig: &Signature,
    declared: &Type,
    first: Option<(usize, &FnArg)>,
    cx: &mut Ctxt,
) -> Option<Type> {
    let declared_text = compact(declared);
    let expected = format!(
        "with `resource = {declared_text}`, the job's first parameter receives the worker's resource\n\
         help: `pub fn {}(resource: &mut {declared_text}, ..)`",
        sig.ident
    );
    let Some((_, FnArg::Typed(typed))) = first else {
        cx.error_spanned_by(&sig.ident, expected);
        return None;
    };
    match &*typed.ty {
        Type::Reference(reference) if reference.mutability.is_some() => {
            if compact(&reference.elem) != declared_text {
                cx.error_spanned_by(
                    &reference.elem,
                    format!(
                        "the resource parameter has type `&mut {}`, but the pool lends `&mut {declared_text}`\n\
                         help: make it `&mut {declared_text}`, or change `resource = ..` to match",
                        compact(&reference.elem)
                    ),
                );
                return None;
            }
            Some((*reference.elem).clone())
        }
        other => {
            cx.error_spanned_by(other, expected);
            None
        }
    }
}

/// Rejects argument types that borrow or hide their type: jobs own their data.
fn owned_argument(ty: &Type, cx: &mut Ctxt) {
    if let Type::Reference(reference) = ty {
        let is_static = reference
            .lifetime
            .as_ref()
            .is_some_and(|lifetime| lifetime.ident == "static");
        if reference.mutability.is_some() && !is_static {
            let elem = compact(&reference.elem);
            cx.error_spanned_by(
                ty,
                format!(
                    "this argument type `{}` borrows, but a job must own its data: it waits in the queue \
                     and runs on another thread after the caller has moved on\n\
                     help: take `{}` by value; if every worker should own one `{elem}` to lend its jobs, \
                     declare it as the pool's resource: `resource = {elem}`, first parameter `&mut {elem}`",
                    compact(ty),
                    owned_suggestion(&reference.elem)
                ),
            );
            return;
        }
    }
    if let Some((at, why)) = borrowed_part(ty) {
        cx.error_spanned_by(&at, format!("this argument type `{}` {why}", compact(&at)));
    }
}

/// Rejects results that borrow or hide their type.
fn owned_result(ty: &Type, is_async: bool, cx: &mut Ctxt) {
    if let (Type::ImplTrait(_), false) = (ty, is_async) {
        cx.error_spanned_by(
            ty,
            "a pool job cannot return `impl Trait`: its result travels back to the caller in a typed `Job`\n\
             help: return a concrete type; for async work, write an `async fn` that returns the value",
        );
        return;
    }
    if let Some((at, why)) = borrowed_part(ty) {
        cx.error_spanned_by(&at, format!("this result type `{}` {why}", compact(&at)));
    }
}

/// The first part of a type that borrows or is `impl Trait`, and why that offends.
fn borrowed_part(ty: &Type) -> Option<(TokenStream, String)> {
    struct Borrow {
        found: Option<(TokenStream, String)>,
    }
    impl<'ast> Visit<'ast> for Borrow {
        fn visit_type(&mut self, ty: &'ast Type) {
            if self.found.is_some() {
                return;
            }
            let why = match ty {
                Type::Reference(reference)
                    if reference
                        .lifetime
                        .as_ref()
                        .is_some_and(|lifetime| lifetime.ident == "static") =>
                {
                    return syn::visit::visit_type(self, ty);
                }
                Type::Reference(reference) => format!(
                    "borrows, but a job must own its data: it waits in the queue and runs on another thread\n\
                     help: use `{}` instead",
                    owned_suggestion(&reference.elem)
                ),
                Type::ImplTrait(_) => "is `impl Trait`, which the pool's queue cannot store\n\
                                       help: name a concrete type, or box it: `Box<dyn Trait + Send>`"
                    .into(),
                _ => return syn::visit::visit_type(self, ty),
            };
            self.found = Some((ty.to_token_stream(), why));
        }
        fn visit_lifetime(&mut self, lifetime: &'ast syn::Lifetime) {
            if self.found.is_none() && lifetime.ident != "static" {
                self.found = Some((
                    lifetime.to_token_stream(),
                    "borrows for a lifetime, but a job must own its data: it waits in the queue and runs on another thread\n\
                     help: use an owned type (`String`, `Vec<T>`, `Arc<T>`)"
                        .into(),
                ));
            }
        }
    }
    let mut borrow = Borrow { found: None };
    borrow.visit_type(ty);
    borrow.found
}
