//! `#[unmixed::actor]`: parse into a model, validate, run the checks, expand.

pub(crate) mod ast;
mod attr;
mod expand;
pub(crate) mod names;
mod valid;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{parse_quote, Item, ItemImpl, ItemMod, ItemStruct, Visibility};
use unmixed_checks::actors;
use unmixed_checks::{Finding, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::Actor;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let mut findings = Vec::new();
    let options = attr::parse(args, &mut cx, &mut findings);
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(item)) => {
            if let Some(state) = &options.state {
                cx.error_spanned_by(
                    state,
                    "`state = ..` picks the actor's struct in the module form (`#[unmixed::actor] mod ..`); \
                     on an impl block the actor is the impl's own type\n\
                     help: remove `state = ..`",
                );
            }
            impl_form(item, &options, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &options, &mut cx, &mut findings),
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
    options: &attr::Options,
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
    let generated = expand::expand(&actor, &options.mailbox, &vis);
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    options: &attr::Options,
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
    let Some(state) = find_state(items, options, &module.ident, cx) else {
        StripAllows { cx }.visit_item_mod_mut(&mut module);
        return module.into_token_stream();
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
    let names =
        [names::message(&state_ident), names::handle(&state_ident)].map(|name| name.to_string());
    if !crate::item::report_taken_names(items, &names, "`#[unmixed::actor]`", cx) {
        items.push(Item::Verbatim(expand::expand(
            &actor,
            &options.mailbox,
            &state_vis,
        )));
    }
    module.into_token_stream()
}

fn find_state<'a>(
    items: &'a [Item],
    options: &attr::Options,
    module: &syn::Ident,
    cx: &mut Ctxt,
) -> Option<&'a ItemStruct> {
    let structs: Vec<&ItemStruct> = items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(item) => Some(item),
            _ => None,
        })
        .collect();
    if let Some(wanted) = &options.state {
        let found = structs.iter().copied().find(|item| item.ident == *wanted);
        if found.is_none() {
            cx.error_spanned_by(wanted, format!("no struct `{wanted}` in module `{module}`"));
        }
        return found;
    }
    match structs.as_slice() {
        [only] => Some(only),
        [] => {
            cx.error_spanned_by(
                module,
                format!("module `{module}` has no struct to be the actor's state\nhelp: add one, with an `impl` whose `pub` methods are its messages"),
            );
            None
        }
        [_, second, ..] => {
            cx.error_spanned_by(
                &second.ident,
                format!(
                    "module `{module}` has several structs\n\
                     help: say which one is the actor: `#[unmixed::actor(state = {})]`",
                    structs[0].ident
                ),
            );
            None
        }
    }
}
