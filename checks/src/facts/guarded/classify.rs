//! What one critical section does with the value its guard protects: the
//! walk over the section that fills [`Uses`].

use super::*;

/// What a classifier follows.
pub(super) enum Target {
    /// The guard taken at this expression, until it is bound to a name.
    Site(*const ()),
    /// A guard, parameter or receiver bound to this name.
    Name(std::rc::Rc<str>),
}

/// Methods of the acquiring chain that hand the guard on.
const CHAIN: &[&str] = &["unwrap", "expect", "map_err", "unwrap_or_else", "unwrap_or"];

/// Map operations on one key (the first argument).
const ONE_KEY_OPS: &[&str] = &[
    "get",
    "get_mut",
    "insert",
    "remove",
    "entry",
    "contains_key",
    "get_key_value",
    "remove_entry",
];

/// Calls that are not work of their own while a guard is held.
const NEUTRAL_METHODS: &[&str] = &[
    "clone",
    "to_owned",
    "into",
    "try_into",
    "to_string",
    "wrapping_add",
    "wrapping_sub",
    "checked_add",
    "checked_sub",
    "saturating_add",
    "saturating_sub",
    "max",
    "min",
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_default",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "abs",
];

const NEUTRAL_MACROS: &[&str] = &[
    "format",
    "format_args",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "log",
    "event",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];

pub(super) struct Classifier<'s, 'p, 'a> {
    scope: &'s Scope<'p>,
    kind: Kind,
    /// The protected value's type.
    protects: Ty,
    target: Target,
    /// Following a named guard (or a parameter): other work and
    /// comparisons count, values computed from it are followed.
    pub(super) bound: bool,
    /// Names holding values computed from the protected value.
    derived: Vec<String>,
    pub(super) uses: Uses,
    /// The section ended (`drop(g)`, the name shadowed).
    done: bool,
    /// The lock the site takes, as written (`self.n` in `self.n.lock()`).
    pub(super) lock_receiver: Option<&'a Expr>,
    /// Loops and closures entered: their bodies may run many times.
    depth: usize,
    /// `depth` where the guard was bound: a loop entered after it runs
    /// inside the section.
    bound_depth: usize,
}

impl<'s, 'p, 'a> Classifier<'s, 'p, 'a> {
    pub(super) fn new(scope: &'s Scope<'p>, kind: Kind, protects: Ty, target: Target) -> Self {
        Classifier {
            scope,
            kind,
            protects,
            target,
            bound: false,
            derived: Vec::new(),
            uses: Uses::default(),
            done: false,
            lock_receiver: None,
            depth: 0,
            bound_depth: 0,
        }
    }

    fn program(&self) -> &'p Program {
        self.scope.program
    }

    /// Whether comparisons, other work and derived values matter: for a
    /// counter behind a named guard.
    fn judge(&self) -> bool {
        self.bound && self.kind == Kind::Counter
    }

    /// Whether `expr` is the target: the name, or the whole acquiring chain.
    fn is_target(&self, expr: &Expr) -> bool {
        match &self.target {
            Target::Name(name) => is_name(expr, name),
            Target::Site(site) => self.chain_site(expr).is_some_and(|found| found == *site),
        }
    }

    /// The acquiring expression a chain (`x.lock().unwrap()`, `x.lock().await?`) ends at.
    fn chain_site(&self, expr: &Expr) -> Option<*const ()> {
        let Target::Site(site) = self.target else {
            return None;
        };
        let mut current = expr;
        loop {
            current = match current {
                Expr::Paren(inner) => &inner.expr,
                Expr::Group(inner) => &inner.expr,
                Expr::Try(attempt) => &attempt.expr,
                Expr::Await(awaited) => {
                    if std::ptr::eq((awaited as *const syn::ExprAwait).cast(), site) {
                        return Some(site);
                    }
                    &awaited.base
                }
                Expr::MethodCall(call) => {
                    if std::ptr::eq((call as *const syn::ExprMethodCall).cast(), site) {
                        return Some(site);
                    }
                    if CHAIN.iter().any(|name| call.method == name) {
                        &call.receiver
                    } else {
                        return None;
                    }
                }
                _ => return None,
            };
        }
    }

    /// Notes the lock an acquiring chain takes.
    fn note_receiver(&mut self, chain: &'a Expr) {
        let Target::Site(site) = self.target else {
            return;
        };
        let mut current = chain;
        loop {
            current = match current {
                Expr::Paren(inner) => &inner.expr,
                Expr::Group(inner) => &inner.expr,
                Expr::Try(attempt) => &attempt.expr,
                Expr::Await(awaited) => &awaited.base,
                Expr::MethodCall(call) => {
                    if std::ptr::eq((call as *const syn::ExprMethodCall).cast(), site)
                        || !CHAIN.iter().any(|name| call.method == name)
                    {
                        self.lock_receiver = Some(&call.receiver);
                        self.uses.taken_with = Some(crate::program::unraw(&call.method));
                        return;
                    }
                    &call.receiver
                }
                _ => return,
            };
        }
    }

    /// `*T`, `T.field`, `T[key]`: a place reached through the target.
    fn place(&self, expr: &Expr) -> Option<Place> {
        match peel(expr) {
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Deref(_)) && self.is_target(&unary.expr) =>
            {
                Some(Place::Value)
            }
            Expr::Field(field) if self.is_target(peel_deref(&field.base)) => {
                Some(Place::Field(member(&field.member)))
            }
            Expr::Index(index) if self.is_target(peel_deref(&index.expr)) => {
                Some(Place::Key(text(&*index.index)))
            }
            _ => None,
        }
    }

    /// Whether `expr` reads the protected value or a value computed from it.
    fn mentions_value(&self, expr: &Expr) -> bool {
        struct Mentions<'c, 's, 'p, 'a> {
            classifier: &'c Classifier<'s, 'p, 'a>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Mentions<'_, '_, '_, '_> {
            fn visit_expr(&mut self, expr: &'ast Expr) {
                if self.found {
                    return;
                }
                if self.classifier.is_target(expr)
                    || local(expr).is_some_and(|name| self.classifier.derived.contains(&name))
                {
                    self.found = true;
                    return;
                }
                visit::visit_expr(self, expr);
            }
            fn visit_macro(&mut self, mac: &'ast syn::Macro) {
                if let Target::Name(target) = &self.classifier.target {
                    self.found |= mac.tokens.clone().into_iter().any(|token| {
                        mentions_ident(&token, target)
                            || self
                                .classifier
                                .derived
                                .iter()
                                .any(|derived| mentions_ident(&token, derived))
                    });
                }
            }
        }
        let mut mentions = Mentions {
            classifier: self,
            found: false,
        };
        mentions.visit_expr(expr);
        mentions.found
    }

    /// `*T` or a name computed from it: the old value, read.
    fn is_old_value(&self, expr: &Expr) -> bool {
        match peel(expr) {
            Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => self.is_target(&unary.expr),
            Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty() => {
                self.is_old_value(&call.receiver)
            }
            other => local(other).is_some_and(|name| self.derived.contains(&name)),
        }
    }

    /// `*T = rhs`.
    fn store(&mut self, rhs: &'a Expr) {
        if self.kind != Kind::Counter {
            // The whole map or struct replaced.
            self.uses.whole = true;
            self.visit_expr(rhs);
            return;
        }
        if !self.mentions_value(rhs) {
            self.uses.ops |= ops::STORE;
            self.visit_expr(rhs);
            return;
        }
        match self.update_of(rhs) {
            Some((op, operand)) => {
                self.uses.ops |= op;
                if let Some(operand) = operand {
                    self.visit_expr(operand);
                }
            }
            None => self.uses.whole = true,
        }
    }

    /// `old + x`, `max(old, x)`, `!old`, ...: the operation and the operand.
    fn update_of(&self, rhs: &'a Expr) -> Option<(u16, Option<&'a Expr>)> {
        let pair = |a: &'a Expr, b: &'a Expr| -> Option<&'a Expr> {
            if self.is_old_value(a) && !self.mentions_value(b) {
                Some(b)
            } else if self.is_old_value(b) && !self.mentions_value(a) {
                Some(a)
            } else {
                None
            }
        };
        match peel(rhs) {
            Expr::Binary(binary) => {
                let op = match binary.op {
                    BinOp::Add(_) => ops::ADD,
                    BinOp::Sub(_) => {
                        return (self.is_old_value(&binary.left)
                            && !self.mentions_value(&binary.right))
                        .then_some((ops::ADD, Some(&*binary.right)));
                    }
                    BinOp::BitOr(_) | BinOp::BitAnd(_) | BinOp::BitXor(_) => ops::BITS,
                    _ => return None,
                };
                pair(&binary.left, &binary.right).map(|operand| (op, Some(operand)))
            }
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Not(_)) && self.is_old_value(&unary.expr) =>
            {
                Some((ops::BITS, None))
            }
            Expr::MethodCall(call) if call.args.len() == 1 => {
                let op = match call.method.to_string().as_str() {
                    "wrapping_add" | "wrapping_sub" => ops::ADD,
                    "max" => ops::MAX,
                    "min" => ops::MIN,
                    _ => return None,
                };
                if call.method.to_string().starts_with("wrapping") {
                    return (self.is_old_value(&call.receiver)
                        && !self.mentions_value(&call.args[0]))
                    .then_some((op, Some(&call.args[0])));
                }
                pair(&call.receiver, &call.args[0]).map(|operand| (op, Some(operand)))
            }
            Expr::Call(call) if call.args.len() == 2 => {
                let Expr::Path(func) = &*call.func else {
                    return None;
                };
                let last = func.path.segments.last()?.ident.to_string();
                let op = match last.as_str() {
                    "max" => ops::MAX,
                    "min" => ops::MIN,
                    _ => return None,
                };
                pair(&call.args[0], &call.args[1]).map(|operand| (op, Some(operand)))
            }
            _ => None,
        }
    }

    /// `if x > *g { *g = x; }`: a running maximum (or minimum) written out.
    fn running_extreme(&self, branch: &'a syn::ExprIf) -> Option<(u16, &'a Expr)> {
        if branch.else_branch.is_some() {
            return None;
        }
        let Expr::Binary(cond) = peel(&branch.cond) else {
            return None;
        };
        let (old_on_left, other) =
            if self.is_old_value(&cond.left) && !self.mentions_value(&cond.right) {
                (true, &*cond.right)
            } else if self.is_old_value(&cond.right) && !self.mentions_value(&cond.left) {
                (false, &*cond.left)
            } else {
                return None;
            };
        // `old < x` then `old = x`: the value only grows.
        let grows = match cond.op {
            BinOp::Lt(_) | BinOp::Le(_) => old_on_left,
            BinOp::Gt(_) | BinOp::Ge(_) => !old_on_left,
            _ => return None,
        };
        let [Stmt::Expr(store, _)] = &branch.then_branch.stmts[..] else {
            return None;
        };
        let Expr::Assign(assign) = peel(store) else {
            return None;
        };
        if !matches!(self.place(&assign.left), Some(Place::Value))
            || text(&*assign.right) != text(other)
        {
            return None;
        }
        Some((if grows { ops::MAX } else { ops::MIN }, other))
    }

    /// A method called on the target.
    fn method(&mut self, call: &'a syn::ExprMethodCall) {
        let name = crate::program::unraw(&call.method);
        match self.kind {
            Kind::Counter => {
                // Integer methods take the value by copy.
                self.uses.ops |= ops::READ;
            }
            Kind::Map => {
                if ONE_KEY_OPS.contains(&name.as_str()) && !call.args.is_empty() {
                    self.key(key_text(&call.args[0]));
                    match name.as_str() {
                        "remove" | "remove_entry" => self.uses.ops |= ops::REMOVE,
                        "get_mut" => self.uses.ops |= ops::MUTATE,
                        _ => {}
                    }
                } else if name == "retain" {
                    self.uses.ops |= ops::PER_ENTRY;
                } else {
                    self.uses.whole = true;
                }
            }
            Kind::Struct => match self.program().method(&self.protects, &name) {
                Some(method) if self.program().function(method.id).body.is_some() => {
                    self.uses.passed.push((method.id, Slot::Receiver));
                }
                _ => self.uses.whole = true,
            },
        }
    }

    /// The function of the program a call names.
    pub(super) fn callee(&self, func: &Expr) -> Option<FnId> {
        let Expr::Path(path) = func else { return None };
        if path.qself.is_some() {
            return None;
        }
        self.scope.function_at(&path.path)
    }

    /// Ends the section at `drop(T)`.
    fn is_drop(&self, expr: &Expr) -> bool {
        let Expr::Call(call) = peel(expr) else {
            return false;
        };
        let Expr::Path(func) = &*call.func else {
            return false;
        };
        func.path
            .segments
            .last()
            .is_some_and(|last| last.ident == "drop")
            && call.args.len() == 1
            && self.is_target(&call.args[0])
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) {
        for (index, stmt) in stmts.iter().enumerate() {
            if self.done {
                return;
            }
            match stmt {
                Stmt::Local(local) => {
                    let Some(init) = &local.init else { continue };
                    let name = crate::syntax::binding(&local.pat).map(crate::program::unraw);
                    if self.chain_site(&init.expr).is_some() {
                        // `let g = x.lock()?;`: the rest of the block is the section.
                        self.note_receiver(&init.expr);
                        match name {
                            Some(name) if init.diverge.is_none() => {
                                self.target = Target::Name(name.as_str().into());
                                self.bound = true;
                                self.bound_depth = self.depth;
                                self.stmts(&stmts[index + 1..]);
                            }
                            _ => self.uses.whole = true,
                        }
                        self.done = true;
                        return;
                    }
                    self.visit_expr(&init.expr);
                    if let Some((_, otherwise)) = &init.diverge {
                        self.visit_expr(otherwise);
                    }
                    if let Some(name) = name {
                        if self.judge() && self.mentions_value(&init.expr) {
                            self.derived.push(name.clone());
                        }
                        if matches!(&self.target, Target::Name(target) if **target == *name) {
                            // Shadowed: the guard lives on unnamed; stay on the safe side.
                            self.done = true;
                            return;
                        }
                    }
                }
                Stmt::Expr(expr, _) => {
                    if self.bound && self.is_drop(expr) {
                        self.done = true;
                        return;
                    }
                    self.visit_expr(expr);
                }
                Stmt::Macro(mac) => self.visit_macro(&mac.mac),
                Stmt::Item(_) => {}
            }
        }
    }
}

enum Place {
    /// `*T`.
    Value,
    Field(String),
    Key(String),
}

impl<'a> Visit<'a> for Classifier<'_, '_, 'a> {
    fn visit_block(&mut self, block: &'a Block) {
        self.stmts(&block.stmts);
    }

    fn visit_item(&mut self, _item: &'a syn::Item) {}

    fn visit_expr_for_loop(&mut self, looping: &'a syn::ExprForLoop) {
        self.visit_expr(&looping.expr);
        self.repeated(|this| this.visit_block(&looping.body));
    }

    fn visit_expr_while(&mut self, looping: &'a syn::ExprWhile) {
        self.repeated(|this| {
            this.visit_expr(&looping.cond);
            this.visit_block(&looping.body);
        });
    }

    fn visit_expr_loop(&mut self, looping: &'a syn::ExprLoop) {
        self.repeated(|this| this.visit_block(&looping.body));
    }

    fn visit_expr_closure(&mut self, closure: &'a syn::ExprClosure) {
        self.repeated(|this| this.visit_expr(&closure.body));
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        let neutral = NEUTRAL_MACROS.contains(&name.as_str());
        if self.judge() && !neutral {
            self.uses.busy = true;
        }
        // The arguments are parsed anew: only a named target can be found in them.
        let Target::Name(target) = &self.target else {
            return;
        };
        let mentioned = mac
            .tokens
            .clone()
            .into_iter()
            .any(|token| mentions_ident(&token, target));
        if !mentioned {
            return;
        }
        let prints = neutral
            || matches!(
                name.as_str(),
                "println" | "eprintln" | "print" | "eprint" | "write" | "writeln"
            );
        let args = crate::syntax::macro_args(mac);
        let mut sub = Classifier::new(
            self.scope,
            self.kind,
            self.protects.clone(),
            Target::Name(target.clone()),
        );
        sub.bound = self.bound;
        sub.depth = self.depth;
        sub.bound_depth = self.bound_depth;
        sub.derived.clone_from(&self.derived);
        for arg in &args {
            if prints && self.kind == Kind::Counter && sub.is_target(arg) {
                // `{}` of the guard shows the value.
                sub.uses.ops |= ops::READ;
            } else {
                sub.visit_expr(arg);
            }
        }
        let found = args.iter().any(|arg| sub.mentions_value(arg));
        if !found {
            // Named in what does not parse as an expression.
            self.uses.whole = true;
        }
        self.uses.merge(&sub.uses);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.done {
            return;
        }
        if self.is_target(expr) {
            // Used as a value: returned, bound by a pattern, moved, given to unknown code.
            self.note_receiver(expr);
            self.uses.whole = true;
            return;
        }
        match expr {
            Expr::Binary(binary) if crate::syntax::is_compound_assignment(binary.op) => {
                if let Some(place) = self.place(&binary.left) {
                    match place {
                        Place::Value => {
                            self.uses.whole |= self.kind != Kind::Counter;
                            self.uses.ops |= match binary.op {
                                BinOp::AddAssign(_) | BinOp::SubAssign(_) => ops::ADD,
                                BinOp::BitOrAssign(_)
                                | BinOp::BitAndAssign(_)
                                | BinOp::BitXorAssign(_) => ops::BITS,
                                _ => {
                                    self.uses.whole = true;
                                    0
                                }
                            };
                            if self.mentions_value(&binary.right) {
                                self.uses.whole = true;
                            }
                        }
                        Place::Field(field) => self.field(field, true),
                        Place::Key(key) => self.key(key),
                    }
                    self.note_place_receiver(&binary.left);
                    self.visit_expr(&binary.right);
                    return;
                }
            }
            Expr::Binary(binary)
                if is_comparison(binary.op)
                    && self.judge()
                    && (self.mentions_value(&binary.left)
                        || self.mentions_value(&binary.right)) =>
            {
                self.uses.compares = true;
            }
            Expr::Assign(assign) => {
                if let Some(place) = self.place(&assign.left) {
                    self.note_place_receiver(&assign.left);
                    match place {
                        Place::Value => self.store(&assign.right),
                        Place::Field(field) => {
                            self.field(field, false);
                            self.visit_expr(&assign.right);
                        }
                        Place::Key(key) => {
                            self.key(key);
                            self.visit_expr(&assign.right);
                        }
                    }
                    return;
                }
                if let Some(name) = local(&assign.left) {
                    if self.judge() && self.mentions_value(&assign.right) {
                        self.derived.push(name);
                    }
                }
            }
            Expr::Unary(unary)
                if matches!(unary.op, UnOp::Deref(_)) && self.is_target(&unary.expr) =>
            {
                self.note_receiver(&unary.expr);
                match self.kind {
                    Kind::Counter => self.uses.ops |= ops::READ,
                    _ => self.uses.whole = true,
                }
                return;
            }
            Expr::Field(field) if self.is_target(peel_deref(&field.base)) => {
                self.note_receiver(peel_deref(&field.base));
                self.field(member(&field.member), true);
                return;
            }
            Expr::Index(index) if self.is_target(peel_deref(&index.expr)) => {
                self.note_receiver(peel_deref(&index.expr));
                self.key(text(&*index.index));
                self.visit_expr(&index.index);
                return;
            }
            Expr::MethodCall(call) if self.is_target(peel_deref(&call.receiver)) => {
                self.note_receiver(peel_deref(&call.receiver));
                self.method(call);
                for arg in &call.args {
                    self.visit_expr(arg);
                }
                return;
            }
            Expr::MethodCall(call) => {
                if self.judge()
                    && !NEUTRAL_METHODS.contains(&crate::program::unraw(&call.method).as_str())
                {
                    self.uses.busy = true;
                }
                // `self.helper(&mut g)`: handed to a method of the program.
                let on_self = is_name(&call.receiver, "self");
                for (index, arg) in call.args.iter().enumerate() {
                    if self.is_target(peel_ref(arg)) {
                        self.note_receiver(peel_ref(arg));
                        let method = on_self
                            .then_some(self.scope.self_ty.as_ref())
                            .flatten()
                            .and_then(|self_ty| {
                                self.program()
                                    .method(self_ty, &crate::program::unraw(&call.method))
                            });
                        match method {
                            Some(method) if self.program().function(method.id).body.is_some() => {
                                self.uses.passed.push((method.id, Slot::Param(index)));
                            }
                            _ => self.uses.whole = true,
                        }
                    } else {
                        self.visit_expr(arg);
                    }
                }
                self.visit_expr(&call.receiver);
                return;
            }
            Expr::Call(call) => {
                if self.is_drop(expr) {
                    return;
                }
                let neutral = is_neutral_call(&call.func);
                if self.judge() && !neutral {
                    self.uses.busy = true;
                }
                let callee = self.callee(&call.func);
                for (index, arg) in call.args.iter().enumerate() {
                    if self.is_target(peel_ref(arg)) {
                        self.note_receiver(peel_ref(arg));
                        match (callee, self.kind) {
                            (Some(id), Kind::Map | Kind::Struct)
                                if self.program().function(id).body.is_some() =>
                            {
                                self.uses.passed.push((id, Slot::Param(index)));
                            }
                            _ => self.uses.whole = true,
                        }
                    } else {
                        self.visit_expr(arg);
                    }
                }
                return;
            }
            Expr::Match(matching)
                if (self.judge() || !self.bound) && self.mentions_value(&matching.expr) =>
            {
                // The arms run with the guard held, on what it showed.
                self.uses.compares = true;
            }
            Expr::If(branch) => {
                if let Expr::Let(binding) = &*branch.cond {
                    if self.chain_site(&binding.expr).is_some() {
                        self.if_let_guard(binding, branch);
                        return;
                    }
                    if (self.judge() || !self.bound) && self.mentions_value(&binding.expr) {
                        self.uses.compares = true;
                    }
                } else if self.judge() && self.mentions_value(&branch.cond) {
                    if let Some((op, operand)) = self.running_extreme(branch) {
                        self.uses.ops |= op | ops::READ;
                        self.visit_expr(operand);
                        return;
                    }
                    self.uses.compares = true;
                }
            }
            Expr::While(looping)
                if (self.judge() || !self.bound) && self.mentions_value(&looping.cond) =>
            {
                self.uses.compares = true;
            }
            Expr::Await(_) if self.judge() => self.uses.busy = true,
            _ => {}
        }
        visit::visit_expr(self, expr);
    }
}

impl<'a> Classifier<'_, '_, 'a> {
    /// A field touched; `read` unless it is only assigned (`g.f = x`).
    fn field(&mut self, field: String, read: bool) {
        match self.kind {
            Kind::Struct => {
                if read {
                    self.uses.read_fields.insert(field.clone());
                }
                self.uses.fields.insert(field);
            }
            _ => self.uses.whole = true,
        }
    }

    fn key(&mut self, key: String) {
        match self.kind {
            Kind::Map => {
                self.uses.ops |= ops::ONE_KEY;
                if self.bound && self.depth > self.bound_depth {
                    // `for k in ks { g.insert(k, ..) }`: a key per round.
                    self.uses.ops |= ops::MANY_KEYS;
                }
                self.uses.keys.insert(key);
            }
            _ => self.uses.whole = true,
        }
    }

    /// Visits what may run many times: a loop's body, a closure's.
    fn repeated(&mut self, visit: impl FnOnce(&mut Self)) {
        self.depth += 1;
        visit(self);
        self.depth -= 1;
    }

    fn note_place_receiver(&mut self, place: &'a Expr) {
        match peel(place) {
            Expr::Unary(unary) => self.note_receiver(&unary.expr),
            Expr::Field(field) => self.note_receiver(peel_deref(&field.base)),
            Expr::Index(index) => self.note_receiver(peel_deref(&index.expr)),
            _ => {}
        }
    }

    /// `if let Ok(mut g) = x.try_lock() { .. }`: the body is the section.
    fn if_let_guard(&mut self, binding: &'a syn::ExprLet, branch: &'a syn::ExprIf) {
        self.note_receiver(&binding.expr);
        let name = match &*binding.pat {
            Pat::TupleStruct(tuple) if tuple.elems.len() == 1 => {
                crate::syntax::binding(&tuple.elems[0])
            }
            other => crate::syntax::binding(other),
        };
        let Some(name) = name else {
            self.uses.whole = true;
            self.done = true;
            return;
        };
        self.target = Target::Name(crate::program::unraw(name).as_str().into());
        self.bound = true;
        self.bound_depth = self.depth;
        self.visit_block(&branch.then_branch);
        self.done = true;
    }
}

fn mentions_ident(token: &proc_macro2::TokenTree, name: &str) -> bool {
    match token {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => group
            .stream()
            .into_iter()
            .any(|inner| mentions_ident(&inner, name)),
        _ => false,
    }
}

pub(super) fn is_name(expr: &Expr, name: &str) -> bool {
    local(expr).is_some_and(|found| found == name)
}

pub(super) fn local(expr: &Expr) -> Option<String> {
    crate::syntax::local_name(peel(expr)).map(crate::program::unraw)
}

pub(super) fn member(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => crate::program::unraw(ident),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

fn key_text(key: &Expr) -> String {
    let key = match peel(key) {
        Expr::Reference(reference) => &*reference.expr,
        other => other,
    };
    text(key)
}

pub(super) fn peel(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(inner) => &inner.expr,
            Expr::Group(inner) => &inner.expr,
            _ => return expr,
        };
    }
}

/// `*x`, `(*x)` -> `x`.
fn peel_deref(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => peel(&unary.expr),
        other => other,
    }
}

/// `&x`, `&mut *x`, `x` -> `x`.
fn peel_ref(expr: &Expr) -> &Expr {
    match peel(expr) {
        Expr::Reference(reference) => peel_deref(&reference.expr),
        other => peel_deref(other),
    }
}

/// `Ok(..)`, `Some(..)`, a tuple struct, `Id::from(..)`, `cmp::max(..)`, `drop(..)`.
fn is_neutral_call(func: &Expr) -> bool {
    let Expr::Path(path) = func else { return false };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let name = last.ident.to_string();
    name.starts_with(char::is_uppercase) || matches!(name.as_str(), "from" | "max" | "min" | "drop")
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}
