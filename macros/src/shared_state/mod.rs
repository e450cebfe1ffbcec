//! `#[unmixed::shared_state]`: on a struct, generate the shared handle and
//! its accessors; on an inline module, declare the shared-memory model and
//! run the lock-hazard analysis over every function in it (and, with
//! `state = Name`, generate the handle for that struct too).

mod ast;
mod expand;
mod valid;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Ident, Item, ItemMod, ItemStruct};
use unmixed_checks::declare::shared::SharedDecl;
use unmixed_checks::declare::taken_names;
use unmixed_checks::program::FileId;
use unmixed_checks::{analysis, atomics, locks, messaging, Declared, Finding, Model, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::State;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let (decl, errors) = SharedDecl::parse(args);
    let mut cx = Ctxt::from(errors);
    let mut findings = Vec::new();
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Struct(item)) => {
            if let Some(error) = decl.check_struct_form() {
                cx.syn_error(error);
            }
            struct_form(item, &decl, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &decl, &mut cx, &mut findings),
        Ok(other) => {
            cx.error_spanned_by(
                crate::item::keyword_and_name(&other),
                "`#[unmixed::shared_state]` goes on a struct whose fields threads share, \
                 or on an inline module whose functions share memory\n\
                 help: `#[unmixed::shared_state] pub struct Inventory { items: Vec<String>, #[counter] sold: u64 }` \
                 or `#[unmixed::shared_state] mod cache { .. }`",
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

/// Reads the state out of `item` (stripping its field attributes), checks
/// its fields and writes the generated items, with their names.
fn generate(
    item: &mut ItemStruct,
    decl: &SharedDecl,
    cx: &mut Ctxt,
    report: &mut Report,
) -> (TokenStream, Vec<Ident>) {
    let name = item.ident.to_string();
    let declared = Declared {
        model: Model::SharedState,
        name: &name,
    };
    report.allowing(&item.attrs, |report| {
        messaging::check_state_fields(&item.fields, declared, report);
    });
    let Some(state) = State::from_struct(item, cx) else {
        strip_field_attrs(item);
        return (TokenStream::new(), Vec::new());
    };
    let keep = valid::check(&state, cx);
    let generated = expand::expand(&state, &keep, decl.max_hold_nanos());
    (generated, expand::items(&state))
}

fn struct_form(
    item: ItemStruct,
    decl: &SharedDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let mut item = item;
    let mut report = Report::new();
    let (generated, _) = generate(&mut item, decl, cx, &mut report);
    findings.extend(report.into_findings());
    let mut item = Item::Struct(item);
    StripAllows { cx }.visit_item_mut(&mut item);
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    decl: &SharedDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let Some((_, items)) = &mut module.content else {
        cx.error_spanned_by(
            &module,
            "`#[unmixed::shared_state]` needs the module's body to check its functions\nhelp: write the module inline: `mod cache { .. }`",
        );
        return module.into_token_stream();
    };
    let name = module.ident.to_string();
    let declared = Declared {
        model: Model::SharedState,
        name: &name,
    };
    let mut report = Report::new();
    let (mut generated, mut names) = (TokenStream::new(), Vec::new());
    let state = decl
        .find_state(&module.ident, items)
        .map(|found| found.map(|item| item.ident.clone()));
    match state {
        Some(Ok(state)) => {
            // Found again, mutably: reading the state strips its field attributes.
            let found = items.iter_mut().find_map(|item| match item {
                Item::Struct(item) if item.ident == state => Some(item),
                _ => None,
            });
            if let Some(item) = found {
                report.allowing(&module.attrs, |report| {
                    (generated, names) = generate(item, decl, cx, report);
                });
            }
        }
        Some(Err(error)) => cx.syn_error(error),
        None => {
            if let Some(error) = decl.check_module_form(&module.ident) {
                cx.syn_error(error);
            }
        }
    }
    report.allowing(&module.attrs, |report| {
        messaging::check(&module, declared, report);
        if let Some((_, items)) = &module.content {
            // One model of the module for the lock checks and the
            // independent-state check.
            let path = format!("crate::{}", module.ident);
            let settings = locks::Settings::default();
            let (program, facts) = analysis::standalone(items, &path, &settings);
            let unit = analysis::Unit {
                file: FileId(0),
                items,
                attrs: &[],
                module: &path,
                is_test: false,
            };
            locks::check_unit(&program, &facts, &settings, unit, report);
            locks::check_independent_unit(&program, &facts, unit, report);
        }
        atomics::check(&module, report);
    });
    findings.extend(report.into_findings());
    StripAllows { cx }.visit_item_mod_mut(&mut module);
    if let (Some((_, items)), false) = (&mut module.content, generated.is_empty()) {
        let names: Vec<&Ident> = names.iter().collect();
        let taken = taken_names(items, &names, "`#[unmixed::shared_state]`");
        if taken.is_empty() {
            items.push(Item::Verbatim(generated));
        }
        cx.extend(taken);
    }
    module.into_token_stream()
}

/// After a fatal error, the field attributes still must not reach rustc.
fn strip_field_attrs(item: &mut ItemStruct) {
    for field in &mut item.fields {
        field.attrs.retain(|attr| {
            !["rw", "counter", "snapshot"].iter().any(|name| {
                attr.path().is_ident(name)
                    || (attr.path().segments.len() == 2
                        && attr.path().segments[0].ident == "unmixed"
                        && attr.path().segments[1].ident == *name)
            })
        });
    }
}
