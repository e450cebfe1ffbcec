//! Which fields, statics and parameters a function hands to which
//! parameters of the program's functions.

use super::classify::{is_name, local, member, peel};
use super::*;

/// Arguments of calls of the program's functions that are a field of
/// `self` (also through a `let` of the function: `let services =
/// self.services.clone();`) or a parameter of the function.
pub(super) struct Passes<'s, 'p, 'd> {
    pub(super) scope: &'s Scope<'p>,
    pub(super) def: &'p crate::program::FnDef,
    /// Names bound once in the body, with what they are bound to.
    pub(super) lets: HashMap<String, Option<&'s Expr>>,
    pub(super) direct: &'d mut Direct,
}

impl<'s> Passes<'s, '_, '_> {
    pub(super) fn lets_of(&mut self, body: &'s Block, inside: &'s [Expr]) {
        struct Lets<'m, 's>(&'m mut HashMap<String, Option<&'s Expr>>);
        impl<'s> Visit<'s> for Lets<'_, 's> {
            fn visit_local(&mut self, local: &'s syn::Local) {
                if let (Some(name), Some(init)) = (crate::syntax::binding(&local.pat), &local.init)
                {
                    let name = crate::program::unraw(name);
                    // Bound twice: which one a use means is not known.
                    let entry = self.0.entry(name).or_insert(Some(&init.expr));
                    if !entry.is_some_and(|bound| std::ptr::eq(bound, &*init.expr)) {
                        *entry = None;
                    }
                }
                visit::visit_local(self, local);
            }
            fn visit_item(&mut self, _item: &'s syn::Item) {}
        }
        let mut lets = Lets(&mut self.lets);
        lets.visit_block(body);
        for expr in inside {
            lets.visit_expr(expr);
        }
    }

    /// The field of `self` an argument is (`self.x`, `&self.x`,
    /// `self.x.clone()`, `Arc::clone(&self.x)`), as a place.
    fn place(&self, arg: &Expr, depth: usize) -> Option<String> {
        let arg = shared_value(arg);
        if let Expr::Field(field) = arg {
            if !is_name(&field.base, "self") {
                return None;
            }
            let self_ty = self.scope.self_ty.as_ref()?;
            let name = member(&field.member);
            let (owner, _) = self.scope.program.field_of(self_ty, &name)?;
            return (!owner.is_empty()).then(|| format!("{owner}.{name}"));
        }
        let name = local(arg)?;
        let bound = (*self.lets.get(&name)?)?;
        if depth > 2 {
            return None;
        }
        self.place(bound, depth + 1)
    }

    /// The struct of the program a literal's path names.
    fn struct_path(&self, path: &syn::Path) -> Option<String> {
        let program = self.scope.program;
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| crate::program::unraw(&segment.ident))
            .collect();
        let found = if segments.len() == 1 && segments[0] == "Self" {
            self.scope.self_ty.as_ref()?.path()?.to_owned()
        } else {
            match program.resolve_path(
                self.scope.module,
                path.leading_colon.is_some(),
                &segments,
                Ns::Type,
            )? {
                Res::Type(found) => found,
                _ => return None,
            }
        };
        let def = program.type_def(&found)?;
        (def.file.is_some() && def.kind == TypeKind::Struct).then_some(found)
    }

    fn record(&mut self, callee: FnId, args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>) {
        for (index, arg) in args.iter().enumerate() {
            if let Some(place) = self.place(arg, 0) {
                let passes = &mut self.direct.passes;
                if !passes
                    .iter()
                    .any(|(at, i, p)| *at == callee && *i == index && *p == place)
                {
                    passes.push((callee, index, place));
                }
                continue;
            }
            let Some(name) = local(shared_value(arg)) else {
                continue;
            };
            if self.lets.contains_key(&name) {
                continue;
            }
            let own = self
                .def
                .params
                .iter()
                .position(|(param, _)| param.as_deref() == Some(name.as_str()));
            if let Some(own) = own {
                let passes = &mut self.direct.param_passes;
                if !passes.contains(&(callee, index, own)) {
                    passes.push((callee, index, own));
                }
            }
        }
    }
}

impl<'s> Visit<'s> for Passes<'s, '_, '_> {
    fn visit_expr_struct(&mut self, literal: &'s syn::ExprStruct) {
        if let Some(owner) = self.struct_path(&literal.path) {
            for field in &literal.fields {
                let from = self.place(&field.expr, 0);
                let init = (format!("{owner}.{}", member(&field.member)), from);
                if !self.direct.inits.contains(&init) {
                    self.direct.inits.push(init);
                }
            }
        }
        visit::visit_expr_struct(self, literal);
    }

    fn visit_expr_call(&mut self, call: &'s syn::ExprCall) {
        let callee = Classifier::new(
            self.scope,
            Kind::Counter,
            Ty::Unknown,
            Target::Name("".into()),
        )
        .callee(&call.func);
        if let Some(callee) = callee {
            self.record(callee, &call.args);
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'s syn::ExprMethodCall) {
        if is_name(&call.receiver, "self") {
            let name = crate::program::unraw(&call.method);
            let method = self
                .scope
                .self_ty
                .as_ref()
                .and_then(|self_ty| self.scope.program.method(self_ty, &name));
            if let Some(method) = method {
                self.record(method.id, &call.args);
            }
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_item(&mut self, _item: &'s syn::Item) {}
}

/// The expressions inside the macros of a body (the futures and handlers
/// of a `select!`, the arguments of others), macros inside them included.
pub(super) fn macro_exprs(body: &Block) -> Vec<Expr> {
    #[derive(Default)]
    struct Macros(Vec<syn::Macro>);
    impl<'a> Visit<'a> for Macros {
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            self.0.push(mac.clone());
        }
        fn visit_item(&mut self, _item: &'a syn::Item) {}
    }
    let mut found = Macros::default();
    found.visit_block(body);
    let mut exprs = Vec::new();
    for _ in 0..4 {
        let macros = std::mem::take(&mut found.0);
        if macros.is_empty() {
            break;
        }
        for mac in &macros {
            let name = mac
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            let parsed: Vec<Expr> = if matches!(name.as_str(), "select" | "select_biased") {
                crate::syntax::select_branches(mac)
                    .into_iter()
                    .flat_map(|branch| branch.future.into_iter().chain(branch.handler))
                    .collect()
            } else {
                crate::syntax::macro_args(mac)
            };
            for expr in &parsed {
                found.visit_expr(expr);
            }
            exprs.extend(parsed);
        }
    }
    exprs
}

/// `&x`, `x.clone()`, `Arc::clone(&x)`, `x` -> `x`: the same shared value.
fn shared_value(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Reference(reference) => shared_value(&reference.expr),
        Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty() => {
            shared_value(&call.receiver)
        }
        Expr::Call(call) if call.args.len() == 1 => {
            let is_clone = matches!(&*call.func, Expr::Path(path)
                if path.path.segments.len() >= 2
                    && path.path.segments.last().is_some_and(|last| last.ident == "clone"));
            if is_clone {
                shared_value(&call.args[0])
            } else {
                expr
            }
        }
        other => other,
    }
}
