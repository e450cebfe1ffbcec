//! `#[unmixed::actor]`: parse into a model, validate, run the checks, expand.

pub(crate) mod ast;
mod expand;
pub(crate) mod names;
mod valid;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{parse_quote, Item, ItemImpl, ItemMod, Visibility};
use unmixed_checks::actors;
use unmixed_checks::declare::actor::{self as declaration, ActorDecl, Names};
use unmixed_checks::declare::taken_names;
use unmixed_checks::{Finding, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::Actor;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let (decl, errors) = ActorDecl::parse(args);
    let mut cx = Ctxt::from(errors);
    // Outside any allow: an actor has no unbounded mailbox to allow.
    let mut report = Report::new();
    declaration::check(&decl, &mut report);
    let mut findings = report.into_findings();
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(item)) => {
            if let Some(error) = decl.check_impl_form() {
                cx.syn_error(error);
            }
            impl_form(item, &decl, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &decl, &mut cx, &mut findings),
        Ok(other) => {
            cx.error_spanned_by(
                crate::item::keyword_and_name(&other),
                "`#[unmixed::actor]` goes on the `impl` block of the actor's state, \
                 or on an inline module that holds the state and its impl\n\
                 help: move it to `impl Counter { pub fn add(&mut self, ..) -> .. }` or `mod session { .. }`",
            );
            other.into_token_stream()
        }
        Err(error) => {
            cx.syn_error(error);
            input
        }
    };
    render::finish(output, &findings, cx)
}

fn impl_form(
    mut item: ItemImpl,
    decl: &ActorDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let mut report = Report::new();
    actors::check_impl(&item, None, &mut report);
    findings.extend(report.into_findings());
    let Some(mut actor) = Actor::from_impl(&mut item, cx) else {
        StripAllows { cx }.visit_item_impl_mut(&mut item);
        return item.into_token_stream();
    };
    valid::check(&mut actor, cx);
    StripAllows { cx }.visit_item_impl_mut(&mut item);
    let vis: Visibility = parse_quote!(pub);
    let generated = expand::expand(&actor, decl.mailbox_count(), &vis);
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    decl: &ActorDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let Some((_, items)) = &mut module.content else {
        cx.error_spanned_by(
            &module,
            "`#[unmixed::actor]` needs the module's body to see the actor\nhelp: write the module inline: `mod session { .. }`",
        );
        return module.into_token_stream();
    };
    let state = match decl.find_state(&module.ident, items) {
        Ok(state) => state,
        Err(error) => {
            cx.syn_error(error);
            StripAllows { cx }.visit_item_mod_mut(&mut module);
            return module.into_token_stream();
        }
    };
    let state_ident = state.ident.clone();
    let state_vis = state.vis.clone();
    let mut report = Report::new();
    actors::check_module(&module, &state_ident, &mut report);
    findings.extend(report.into_findings());
    let Some((_, items)) = &mut module.content else {
        return module.into_token_stream();
    };
    let mut actor: Option<Actor> = None;
    for item in items.iter_mut() {
        let Item::Impl(block) = item else { continue };
        let same_type = matches!(&*block.self_ty, syn::Type::Path(path)
            if path.path.segments.last().is_some_and(|s| s.ident == state_ident));
        if block.trait_.is_some() || !same_type {
            continue;
        }
        let Some(parsed) = Actor::from_impl(block, cx) else {
            continue;
        };
        match &mut actor {
            None => actor = Some(parsed),
            Some(first) => {
                first.handlers.extend(parsed.handlers);
                first.method_names.extend(parsed.method_names);
            }
        }
    }
    let Some(actor) = actor else {
        cx.error_spanned_by(
            &state_ident,
            format!(
                "actor `{state_ident}` has no `impl {state_ident} {{ .. }}` in this module\n\
                 help: add one; its `pub` methods taking `&self` or `&mut self` are the messages"
            ),
        );
        StripAllows { cx }.visit_item_mod_mut(&mut module);
        return module.into_token_stream();
    };
    let mut actor = actor;
    valid::check(&mut actor, cx);
    StripAllows { cx }.visit_item_mod_mut(&mut module);
    let Some((_, items)) = &mut module.content else {
        return module.into_token_stream();
    };
    let names = Names::new(&state_ident);
    let taken = taken_names(items, &names.items(), "`#[unmixed::actor]`");
    if taken.is_empty() {
        items.push(Item::Verbatim(expand::expand(
            &actor,
            decl.mailbox_count(),
            &state_vis,
        )));
    }
    cx.extend(taken);
    module.into_token_stream()
}
