//! Writes the typed half of a worker pool; the generic half (queue,
//! workers, panics, resets, shutdown) lives in `unmixed::__private::Pool`.
//!
//! Input:
//! ```text
//! #[worker_pool(bounded = 64, workers = 4)]
//! pub fn checksum(data: Vec<u8>) -> u32 { .. }
//! ```
//! Output, next to the untouched function:
//! ```text
//! pub struct ChecksumPool { pool: Pool<(Vec<u8>,), u32> }
//! impl ChecksumPool {
//!     pub fn start() -> Self;                      // resource pools: start_with(factory) -> Result<Self, E>
//!     pub async fn run(&self, data: Vec<u8>) -> Result<u32, PoolError>;
//!     pub async fn submit(&self, data: Vec<u8>) -> Result<Job<u32>, PoolError>;
//!     pub fn try_submit(&self, data: Vec<u8>) -> Result<Job<u32>, Rejected<Vec<u8>>>;
//!     pub fn run_blocking(..); pub fn submit_blocking(..); pub fn shutdown_blocking(&self);  // sync jobs only
//!     pub async fn shutdown(&self); queued, capacity, workers, live_workers, is_closed
//! }
//! const _: () = { /* Send + 'static and Reset assertions, positive constants */ };
//! ```
//! Async jobs get `start_on(&runtime::Handle)` (and `start_with_on`) instead
//! of the blocking methods, and run as tokio tasks.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{Ident, Type};

use unmixed_checks::declare::count::Count;
use unmixed_checks::declare::pool::{Names, BOUNDED, WORKERS};

use super::ast::Job;
use crate::count;

/// What the expansion needs besides the job.
pub struct Settings<'a> {
    /// `None` when missing or invalid: the expansion still compiles, with a
    /// placeholder bound, next to the error.
    pub bounded: Option<&'a Count>,
    pub workers: Option<&'a Count>,
    pub max_wait: Option<u64>,
    /// The type in `resource = ..`, where a missing `Reset` is reported.
    pub resource: Option<&'a Type>,
}

pub fn expand(job: &Job, settings: &Settings) -> TokenStream {
    let pool = Names::new(&job.ident).pool;
    let vis = &job.vis;
    let cfgs = &job.cfgs;
    let output = &job.output;
    let private = quote!(::unmixed::__private);
    let args_ty = args_tuple_type(job);
    let doc = struct_doc(job, settings);
    let debug_name = pool.to_string();
    let starts = start_methods(job, settings);
    let methods = handle_methods(job);
    let assertions = assertions(job, settings);
    let reset = settings
        .resource
        .filter(|_| job.resource.is_some())
        .map(|ty| {
            quote_spanned! {ty.span()=>
                fn unmixed_reset<T: ::unmixed::Reset + #private::JobPart>(resource: &mut T) -> ::core::primitive::bool {
                    #private::reset(resource)
                }
            }
        });
    // The pool of a deprecated job is deprecated too: its users are warned,
    // and the generated code that names it is not.
    let deprecated = &job.deprecated;
    let allow = (!deprecated.is_empty()).then(|| quote!(#[allow(deprecated)]));
    let travel = travel_bounds(job, settings);
    quote! {
        #(#cfgs)*
        #allow
        const _: () = {
            #assertions
            #reset

            // In this block, next to `reset`, so that a resource without
            // `Reset` is reported once.
            #[allow(dead_code)]
            impl #pool #travel {
                #starts
            }
        };

        #(#cfgs)*
        #[doc = #doc]
        #(#deprecated)*
        #vis struct #pool {
            pool: #private::Pool<#args_ty, #output>,
        }

        #(#cfgs)*
        #allow
        impl ::core::clone::Clone for #pool {
            fn clone(&self) -> Self {
                Self { pool: ::core::clone::Clone::clone(&self.pool) }
            }
        }

        #(#cfgs)*
        #allow
        impl ::core::fmt::Debug for #pool {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#debug_name).field("pool", &self.pool).finish()
            }
        }

        #(#cfgs)*
        #[allow(dead_code)]
        #allow
        impl #pool {
            #methods
        }
    }
}

/// What starting the pool needs: arguments, result and resource that can
/// move to the workers. Where one can never be `Send`, the assertions say
/// so in unmixed's words; as a condition of the impl (the `for<'..>` keeps
/// a bound on a concrete type from being an error of its own) rustc does
/// not repeat it about the generated calls.
fn travel_bounds(job: &Job, settings: &Settings) -> TokenStream {
    let args_ty = args_tuple_type(job);
    let output = &job.output;
    let resource = settings
        .resource
        .filter(|_| job.resource.is_some())
        .map(|ty| quote!(for<'__unmixed> #ty: ::core::marker::Send,));
    quote! {
        where
            for<'__unmixed> #args_ty: ::core::marker::Send,
            for<'__unmixed> #output: ::core::marker::Send,
            #resource
    }
}

fn args_tuple_type(job: &Job) -> TokenStream {
    let tys = job.args.iter().map(|arg| &arg.ty);
    quote!((#(#tys,)*))
}

fn count_text(count: Option<&Count>) -> Option<String> {
    count.map(|count| match count {
        Count::Literal(int) => int.to_string(),
        Count::Const(expr) => format!("`{}`", expr.to_token_stream()),
    })
}

fn struct_doc(job: &Job, settings: &Settings) -> String {
    let function = &job.ident;
    let bounded = count_text(settings.bounded).unwrap_or_else(|| "a bounded number of".into());
    let runners = match (job.is_async, count_text(settings.workers)) {
        (false, Some(workers)) => format!("{workers} run at once, each on its own OS thread"),
        (false, None) => "one per CPU runs at once, each on its own OS thread".into(),
        (true, Some(workers)) => format!("{workers} run at once as tokio tasks"),
        (true, None) => "a bounded number run at once as tokio tasks".into(),
    };
    let resource = match settings.resource {
        Some(ty) => format!(
            " Each worker owns one `{}`, lends it to one job at a time and resets it after every job.",
            ty.to_token_stream().to_string().replace(' ', "")
        ),
        None => String::new(),
    };
    format!(
        "A worker pool that runs [`{function}`], generated by `#[unmixed::worker_pool]`.\n\n\
         At most {bounded} jobs wait in its queue; {runners}.{resource}\n\n\
         Cheap to clone: every clone submits to the same queue. When the last clone is dropped, \
         the workers finish the queued jobs and exit; [`shutdown`](Self::shutdown) also waits for that."
    )
}

fn config(job: &Job, settings: &Settings) -> TokenStream {
    let private = quote!(::unmixed::__private);
    let name = job.ident.to_string();
    let capacity = match settings.bounded {
        Some(count) => count::tokens(count),
        // Only in a build that also reports the missing bound.
        None => quote!(1),
    };
    let workers = match settings.workers {
        Some(count) => count::tokens(count),
        None => quote!(#private::default_workers()),
    };
    let max_wait = match settings.max_wait {
        Some(nanos) => {
            quote!(::core::option::Option::Some(::core::time::Duration::from_nanos(#nanos)))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #private::Config {
            name: #name,
            capacity: #capacity,
            workers: #workers,
            max_wait: #max_wait,
        }
    }
}

/// `start`/`start_on`, or `start_with`/`start_with_on` for resource pools.
fn start_methods(job: &Job, settings: &Settings) -> TokenStream {
    let private = quote!(::unmixed::__private);
    let config = config(job, settings);
    let function = &job.ident;
    let names: Vec<&Ident> = job.args.iter().map(|arg| &arg.name).collect();
    let args_ty = args_tuple_type(job);
    let resource = Ident::new("resource", Span::mixed_site());
    let runtime = Ident::new("runtime", Span::mixed_site());
    let factory = Ident::new("factory", Span::mixed_site());
    let resource_ty = match (&job.resource, settings.resource) {
        (Some(_), Some(declared)) => Some(declared),
        _ => None,
    };
    let call = match resource_ty {
        Some(_) => quote_spanned!(function.span()=> #function(#resource, #(#names),*)),
        None => quote_spanned!(function.span()=> #function(#(#names),*)),
    };
    let (param_ty, make, reset) = match resource_ty {
        Some(ty) => {
            let reset = quote_spanned!(ty.span()=> unmixed_reset::<#ty>);
            (quote!(#ty), quote!(#factory), reset)
        }
        None => (
            quote!(()),
            quote!(#private::no_resource),
            quote!(#private::no_reset),
        ),
    };
    let closure = if job.is_async {
        quote! {
            move |#resource: &mut #param_ty, (#(#names,)*): #args_ty| {
                ::std::boxed::Box::pin(#call) as #private::JobFuture<'_, _>
            }
        }
    } else {
        quote!(move |#resource: &mut #param_ty, (#(#names,)*): #args_ty| #call)
    };
    let vis = &job.vis;
    let link = format!("[`{function}`]");
    match (job.is_async, resource_ty) {
        (false, None) => {
            let doc = format!(
                "Starts the pool's worker threads, ready to run {link}. Works with or without a tokio runtime."
            );
            quote! {
                #[doc = #doc]
                #vis fn start() -> Self {
                    Self {
                        pool: #private::infallible(#private::Pool::threads(#config, #make, #reset, #closure)),
                    }
                }
            }
        }
        (false, Some(ty)) => {
            let doc = format!(
                "Starts the pool's worker threads, ready to run {link}, after making every worker's \
                 resource with `factory`; returns the factory's error if one cannot be made.\n\n\
                 The pool keeps `factory` to replace a resource whose reset fails. \
                 Works with or without a tokio runtime."
            );
            quote! {
                #[doc = #doc]
                #vis fn start_with<UnmixedFactoryError>(
                    #factory: impl ::core::ops::Fn() -> ::core::result::Result<#ty, UnmixedFactoryError>
                        + ::core::marker::Send + ::core::marker::Sync + 'static,
                ) -> ::core::result::Result<Self, UnmixedFactoryError> {
                    ::core::result::Result::map(
                        #private::Pool::threads(#config, #make, #reset, #closure),
                        |pool| Self { pool },
                    )
                }
            }
        }
        (true, None) => {
            let doc = format!(
                "Starts the pool's worker tasks on the current tokio runtime, ready to run {link}.\n\n\
                 # Panics\nOutside a tokio runtime, like `tokio::spawn`; use [`start_on`](Self::start_on) from other threads."
            );
            let doc_on = format!(
                "Starts the pool's worker tasks on `runtime`, ready to run {link}. Works from any thread."
            );
            quote! {
                #[doc = #doc]
                #vis fn start() -> Self {
                    Self::start_on(&#private::tokio::runtime::Handle::current())
                }

                #[doc = #doc_on]
                #vis fn start_on(#runtime: &#private::tokio::runtime::Handle) -> Self {
                    Self {
                        pool: #private::infallible(#private::Pool::tasks(#config, #make, #reset, #closure, #runtime)),
                    }
                }
            }
        }
        (true, Some(ty)) => {
            let doc = format!(
                "Starts the pool's worker tasks on the current tokio runtime, ready to run {link}, after \
                 making every worker's resource with `factory`; returns the factory's error if one \
                 cannot be made.\n\nThe pool keeps `factory` to replace a resource whose reset fails.\n\n\
                 # Panics\nOutside a tokio runtime, like `tokio::spawn`; use [`start_with_on`](Self::start_with_on) from other threads."
            );
            let doc_on =
                "Like [`start_with`](Self::start_with), with the worker tasks on `runtime`. \
                          Works from any thread.";
            quote! {
                #[doc = #doc]
                #vis fn start_with<UnmixedFactoryError>(
                    #factory: impl ::core::ops::Fn() -> ::core::result::Result<#ty, UnmixedFactoryError>
                        + ::core::marker::Send + ::core::marker::Sync + 'static,
                ) -> ::core::result::Result<Self, UnmixedFactoryError> {
                    Self::start_with_on(#factory, &#private::tokio::runtime::Handle::current())
                }

                #[doc = #doc_on]
                #vis fn start_with_on<UnmixedFactoryError>(
                    #factory: impl ::core::ops::Fn() -> ::core::result::Result<#ty, UnmixedFactoryError>
                        + ::core::marker::Send + ::core::marker::Sync + 'static,
                    #runtime: &#private::tokio::runtime::Handle,
                ) -> ::core::result::Result<Self, UnmixedFactoryError> {
                    ::core::result::Result::map(
                        #private::Pool::tasks(#config, #make, #reset, #closure, #runtime),
                        |pool| Self { pool },
                    )
                }
            }
        }
    }
}

fn handle_methods(job: &Job) -> TokenStream {
    let private = quote!(::unmixed::__private);
    let output = &job.output;
    let vis = &job.vis;
    let function = &job.ident;
    let names: Vec<&Ident> = job.args.iter().map(|arg| &arg.name).collect();
    let params = job.args.iter().map(|arg| {
        let (name, ty) = (&arg.name, &arg.ty);
        quote!(#name: #ty)
    });
    let params = quote!(#(#params),*);
    let packed = quote!((#(#names,)*));
    let (rejected_ty, unpack) = match job.args.as_slice() {
        [only] => {
            let (name, ty) = (&only.name, &only.ty);
            (
                quote!(#ty),
                quote!(.map_err(|rejected| #private::map_rejected(rejected, |(#name,)| #name))),
            )
        }
        _ => (args_tuple_type(job), TokenStream::new()),
    };
    let result = quote!(::core::result::Result<#output, ::unmixed::PoolError>);
    let job_result = quote!(::core::result::Result<::unmixed::Job<#output>, ::unmixed::PoolError>);
    let link = format!("[`{function}`]");
    let given_back = match job.args.len() {
        0 => "",
        1 => " [`Rejected::into_inner`](::unmixed::Rejected::into_inner) gives the argument back.",
        _ => " [`Rejected::into_inner`](::unmixed::Rejected::into_inner) gives the arguments back, as a tuple.",
    };
    let run_doc = format!(
        "Queues a {link} job and waits for its result, first waiting for queue space if the queue is full \
         (at most `max_wait`, if the pool has one: then [`PoolError::Timeout`](::unmixed::PoolError::Timeout))."
    );
    let submit_doc = format!(
        "Queues a {link} job, first waiting for queue space like [`run`](Self::run), and returns its \
         [`Job`](::unmixed::Job): a future of the result. Dropping the `Job` does not cancel the job."
    );
    let try_doc = format!(
        "Queues a {link} job only if the queue has space right now; never waits.{given_back}"
    );
    let blocking = (!job.is_async).then(|| {
        let run_blocking_doc = "Like [`run`](Self::run), blocking the calling thread instead: \
                                for sync callers, with or without a tokio runtime. \
                                Never call it from async code.";
        let submit_blocking_doc = "Like [`submit`](Self::submit), blocking the calling thread while \
                                   the queue is full; wait for the job with \
                                   [`Job::wait`](::unmixed::Job::wait). Never call it from async code.";
        quote! {
            #[doc = #run_blocking_doc]
            #vis fn run_blocking(&self, #params) -> #result {
                self.pool.run_blocking(#packed)
            }

            #[doc = #submit_blocking_doc]
            #vis fn submit_blocking(&self, #params) -> #job_result {
                self.pool.submit_blocking(#packed)
            }

            /// Like [`shutdown`](Self::shutdown), blocking the calling thread instead.
            #vis fn shutdown_blocking(&self) {
                self.pool.shutdown_blocking()
            }
        }
    });
    quote! {
        #[doc = #run_doc]
        #vis async fn run(&self, #params) -> #result {
            self.pool.run(#packed).await
        }

        #[doc = #submit_doc]
        #vis async fn submit(&self, #params) -> #job_result {
            self.pool.submit(#packed).await
        }

        #[doc = #try_doc]
        #vis fn try_submit(&self, #params) -> ::core::result::Result<::unmixed::Job<#output>, ::unmixed::Rejected<#rejected_ty>> {
            self.pool.try_submit(#packed) #unpack
        }

        #blocking

        /// Stops intake, lets the workers finish every job already queued, and waits until
        /// they have exited. Later submissions get [`PoolError::Closed`](::unmixed::PoolError::Closed).
        #vis async fn shutdown(&self) {
            self.pool.shutdown().await
        }

        /// How many jobs wait in the queue now; running jobs are not counted.
        #vis fn queued(&self) -> ::core::primitive::usize {
            self.pool.queued()
        }

        /// How many jobs the queue holds at most: the `bounded` of the attribute.
        #vis fn capacity(&self) -> ::core::primitive::usize {
            self.pool.capacity()
        }

        /// How many jobs run at once.
        #vis fn workers(&self) -> ::core::primitive::usize {
            self.pool.workers()
        }

        /// How many workers are running: all [`workers`](Self::workers) while the pool takes
        /// jobs, since a job that panics does not take its worker down. Fewer only once the
        /// pool is closed (by [`shutdown`](Self::shutdown), dropping every handle or, for an
        /// async pool, the end of its tokio runtime) and they exit.
        #vis fn live_workers(&self) -> ::core::primitive::usize {
            self.pool.live_workers()
        }

        /// Whether the pool has stopped taking jobs.
        #vis fn is_closed(&self) -> ::core::primitive::bool {
            self.pool.is_closed()
        }
    }
}

/// Compile-time promises, checked where the user can read the error.
fn assertions(job: &Job, settings: &Settings) -> TokenStream {
    let private = quote!(::unmixed::__private);
    let parts = job
        .args
        .iter()
        .map(|arg| &arg.ty)
        .chain(std::iter::once(&job.output))
        .map(|ty| quote_spanned!(ty.span()=> job_part::<#ty>();));
    let positive = [(settings.bounded, &BOUNDED), (settings.workers, &WORKERS)]
        .into_iter()
        .filter_map(|(count, rules)| count::assertion(count?, rules));
    quote! {
        #[allow(dead_code, clippy::extra_unused_type_parameters)]
        fn assert_jobs_can_travel() {
            fn job_part<T: ?::core::marker::Sized + #private::JobPart>() {}
            #(#parts)*
        }
        #(#positive)*
    }
}
