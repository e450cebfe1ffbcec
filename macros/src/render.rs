//! Turns findings of `unmixed-checks` into compiler diagnostics on the
//! user's tokens: errors through `compile_error!`, warnings through a use of
//! a deprecated item (the one warning a stable proc macro can raise).

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use unmixed_checks::{Finding, Level};

/// The end of every macro: the expansion, then the findings, then the
/// errors, so that one mistake never hides the generated items.
pub fn finish(output: TokenStream, findings: &[Finding], cx: crate::ctxt::Ctxt) -> TokenStream {
    let findings = self::findings(findings);
    let errors = cx.into_compile_errors();
    quote!(#output #findings #errors)
}

/// All findings as tokens to append to the expansion.
pub fn findings(findings: &[Finding]) -> TokenStream {
    findings.iter().map(finding).collect()
}

fn finding(finding: &Finding) -> TokenStream {
    let text = format!("{}\nhelp: {}", finding.headline(), finding.help);
    match finding.level {
        Level::Error => {
            // Two tokens carrying the first and last span make the error
            // underline the whole offending expression.
            let first = Ident::new("first", finding.location.start);
            let last = Ident::new("last", finding.location.end);
            syn::Error::new_spanned(quote!(#first #last), text).to_compile_error()
        }
        Level::Warning => {
            let name = Ident::new(finding.code.as_str(), Span::call_site());
            let used = Ident::new(finding.code.as_str(), finding.location.start);
            let use_site = quote_spanned!(finding.location.start=> let _ = #used;);
            quote! {
                const _: () = {
                    #[deprecated(note = #text)]
                    #[allow(non_camel_case_types)]
                    struct #name;
                    #use_site
                };
            }
        }
    }
}
