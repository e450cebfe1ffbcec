//! Rules that need the job and the options together.

use syn::Signature;

use unmixed_checks::declare::pool::PoolDecl;

use crate::ctxt::Ctxt;

/// Reports what the options and the job disagree on.
pub fn check(sig: &Signature, decl: &PoolDecl, cx: &mut Ctxt) {
    if let (Some(asyncness), None) = (&sig.asyncness, &decl.workers) {
        cx.error_spanned_by(
            asyncness,
            format!(
                "an async pool needs `workers`: how many `{}` jobs may be in flight at once depends on \
                 what they wait on (a server, a database), not on this machine's CPUs\n\
                 help: `#[unmixed::worker_pool(bounded = 256, workers = 16)]`",
                sig.ident
            ),
        );
    }
}
