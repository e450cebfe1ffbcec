//! `#[unmixed::worker_pool]`: parse into a model, validate, run the checks, expand.

mod ast;
mod expand;
mod valid;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit_mut::VisitMut;
use syn::{Item, ItemFn, ItemMod};
use unmixed_checks::declare::pool::{Names, PoolDecl};
use unmixed_checks::declare::{taken_names, Given};
use unmixed_checks::pools;
use unmixed_checks::{Finding, Report};

use crate::ctxt::Ctxt;
use crate::helper_attrs::StripAllows;
use crate::render;
use ast::Job;
use expand::Settings;

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let (decl, errors) = PoolDecl::parse(args);
    let mut cx = Ctxt::from(errors);
    let mut findings = Vec::new();
    let output = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Fn(item)) => {
            if let Some(error) = decl.check_fn_form() {
                cx.syn_error(error);
            }
            fn_form(item, &decl, &mut cx, &mut findings)
        }
        Ok(Item::Mod(module)) => module_form(module, &decl, &mut cx, &mut findings),
        Ok(other) => {
            cx.error_spanned_by(
                crate::item::keyword_and_name(&other),
                "`#[unmixed::worker_pool]` goes on the function that is the job, \
                 or on an inline module that holds it\n\
                 help: `#[unmixed::worker_pool(bounded = 64)] pub fn checksum(data: Vec<u8>) -> u32 { .. }`",
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

fn fn_form(
    mut item: ItemFn,
    decl: &PoolDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let mut report = Report::new();
    pools::check_fn(&item, decl, &mut report);
    if let Some(error) = decl.check_bound_required(&report) {
        cx.syn_error(error);
    }
    findings.extend(report.into_findings());
    let job = job(&item, decl, cx);
    valid::check(&item.sig, decl, cx);
    StripAllows { cx }.visit_item_fn_mut(&mut item);
    let generated = job.map(|job| expand::expand(&job, &settings(decl)));
    quote!(#item #generated)
}

fn module_form(
    mut module: ItemMod,
    decl: &PoolDecl,
    cx: &mut Ctxt,
    findings: &mut Vec<Finding>,
) -> TokenStream {
    let Some((_, items)) = &module.content else {
        cx.error_spanned_by(
            &module,
            "`#[unmixed::worker_pool]` needs the module's body to see the job\n\
             help: write the module inline: `mod thumbnails { .. }`",
        );
        return module.into_token_stream();
    };
    let job_fn = match decl.find_job(&module.ident, items) {
        Ok(job_fn) => Some(job_fn.clone()),
        Err(error) => {
            cx.syn_error(error);
            None
        }
    };
    let mut report = Report::new();
    pools::check_module(&module, job_fn.as_ref(), decl, &mut report);
    if let Some(error) = decl.check_bound_required(&report) {
        cx.syn_error(error);
    }
    findings.extend(report.into_findings());
    let generated = job_fn.and_then(|job_fn| {
        let job = job(&job_fn, decl, cx);
        valid::check(&job_fn.sig, decl, cx);
        let names = Names::new(&job.as_ref()?.ident);
        let taken = taken_names(items, &names.items(), "`#[unmixed::worker_pool]`");
        if !taken.is_empty() {
            cx.extend(taken);
            return None;
        }
        job.map(|job| expand::expand(&job, &settings(decl)))
    });
    StripAllows { cx }.visit_item_mod_mut(&mut module);
    if let (Some(generated), Some((_, items))) = (generated, &mut module.content) {
        items.push(Item::Verbatim(generated));
    }
    module.into_token_stream()
}

/// The job's model; none when `resource` was written but unreadable, since
/// its first parameter could then only be misread as an argument.
fn job(item: &ItemFn, decl: &PoolDecl, cx: &mut Ctxt) -> Option<Job> {
    let resource = decl.resource_type();
    if decl.resource.is_some() && resource.is_none() {
        return None;
    }
    Job::from_sig(&item.sig, &item.vis, &item.attrs, resource, cx)
}

fn settings(decl: &PoolDecl) -> Settings<'_> {
    Settings {
        bounded: decl.bound(),
        workers: Given::read(&decl.workers),
        max_wait: Given::read(&decl.max_wait).copied(),
        resource: decl.resource_type(),
    }
}
