//! CAS_LOOP_FOR_COMMUTATIVE_OP and FETCH_UPDATE_AS_FAST_PATH: retry loops
//! written by hand (or by `fetch_update`) for an update the hardware does in
//! one instruction.
//!
//! CAS_LOOP_FOR_COMMUTATIVE_OP catches a `loop`, `while` or `while let`
//! whose body retries `a.compare_exchange(_weak)(cur, new, ..)` where:
//! - `new` is `cur + x`, `cur - x`, `cur | x`, `cur & x`, `cur ^ x` or the
//!   `wrapping_add`/`wrapping_sub` of it (written inline or through a `let`
//!   in the loop), with `x` not depending on `cur`, and nothing in the loop
//!   decides on `cur`: exactly what `fetch_add`, `fetch_sub`, `fetch_or`,
//!   `fetch_and` and `fetch_xor` do without retrying;
//! - `new` is `cur.max(x)` or `max(cur, x)` (`min`), or `new` is a value
//!   from outside the loop and every condition on `cur` stops the loop once
//!   `cur` is at or past it (`if cur >= to { return }`) or writes only
//!   while it is not (`while cur < to { .. }`): a running maximum or
//!   minimum, which `fetch_max` and `fetch_min` keep;
//! - `new` is `cur + x` and every condition on `cur` stops the loop at an
//!   upper bound (`if cur >= max { return false }`): a bounded counter. The
//!   help shows `fetch_add` then a check, undone with `fetch_sub` by the
//!   caller that overshot, and says what that trades: the value is past the
//!   bound for a moment, where other threads can see it.
//!   A loop that at the bound hands back the value it loaded (`if cur >=
//!   cap { return cur }`) is a saturating add instead: left alone (below).
//!
//! FETCH_UPDATE_AS_FAST_PATH (a warning) catches `fetch_update` whose
//! closure always returns `Some` of such an operation (or of `max`/`min`):
//! `fetch_update` is a compare-exchange loop too, not a hardware fast path.
//!
//! Leaves alone: a CAS used as a flag or a lock (`compare_exchange(false,
//! true, ..)`, `compare_exchange(0, 1, ..)`), whose new value is not
//! computed from the old one; loops that decide on the loaded value in any
//! other way (`if n == 0 { return None }` before `n + 1`: never from zero,
//! which `fetch_add` cannot refuse; a lower bound before a subtraction,
//! where `fetch_sub` would wrap; `continue` to retry); `checked_add`,
//! `saturating_add` (also written out: a stop at the cap that returns the
//! loaded value, a read without a write, where `fetch_add` would write
//! twice and show values past the cap), multiplication and other
//! operations without a `fetch_*` form; a single CAS outside any loop; a loaded value
//! destructured together with others (`let (worker, count) =
//! ..min_by_key(..)`: picked by comparing, as in tokio-util's
//! `spawn_pinned`); `fetch_update` closures that can return `None`; and
//! `self.fetch_update(..)` inside an `impl` that defines its own
//! `fetch_update` (a hand-written atomic type, not std's).

use syn::visit::{self, Visit};
use syn::{BinOp, Expr, ExprMethodCall, Ident, Pat, Stmt};

use crate::syntax::{local_name, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

/// Runs both checks over `node`.
pub fn check<N: Visitable>(node: &N, report: &mut Report) {
    let mut walk = Walk::new(Atomics::default(), report);
    node.visit_with(&mut walk);
}

#[derive(Default)]
struct Atomics {
    /// `self.fetch_update(..)` calls inside an `impl` that defines its own
    /// `fetch_update` (a hand-written atomic type): not std's.
    own: std::collections::HashSet<*const ExprMethodCall>,
}

impl Rule for Atomics {
    fn item(&mut self, item: &syn::Item, _report: &mut Report) {
        if let syn::Item::Impl(block) = item {
            let defines = block.items.iter().any(
                |inner| matches!(inner, syn::ImplItem::Fn(method) if method.sig.ident == "fetch_update"),
            );
            if defines {
                self.own.extend(own_fetch_updates(block));
            }
        }
    }

    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        match expr {
            Expr::Loop(_) | Expr::While(_) => cas_loop(expr, report),
            Expr::MethodCall(call)
                if call.method == "fetch_update"
                    && !self.own.contains(&std::ptr::from_ref(call)) =>
            {
                fetch_update(call, report);
            }
            _ => {}
        }
    }
}

/// The `self.fetch_update(..)` calls in an `impl` block.
fn own_fetch_updates(block: &syn::ItemImpl) -> Vec<*const ExprMethodCall> {
    use syn::visit::Visit;
    struct Calls(Vec<*const ExprMethodCall>);
    impl<'ast> Visit<'ast> for Calls {
        fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
            let on_self = matches!(&*call.receiver, Expr::Path(path) if path.path.is_ident("self"));
            if on_self && call.method == "fetch_update" {
                self.0.push(std::ptr::from_ref(call));
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut calls = Calls(Vec::new());
    calls.visit_item_impl(block);
    calls.0
}

/// An operation with a `fetch_*` form.
#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Or,
    And,
    Xor,
}

impl Op {
    fn fetch(self) -> &'static str {
        match self {
            Op::Add => "fetch_add",
            Op::Sub => "fetch_sub",
            Op::Or => "fetch_or",
            Op::And => "fetch_and",
            Op::Xor => "fetch_xor",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Op::Add => "an addition",
            Op::Sub => "a subtraction",
            Op::Or => "a bit-or",
            Op::And => "a bit-and",
            Op::Xor => "a bit-xor",
        }
    }
}

/// `(op, x)` when `expr` is `var op x` (or `x op var` for the operations
/// where the order does not matter), `x` not mentioning `var`.
fn commutative<'a>(expr: &'a Expr, var: &Ident) -> Option<(Op, &'a Expr)> {
    match peel(expr) {
        Expr::Binary(binary) => {
            let op = match binary.op {
                BinOp::Add(_) => Op::Add,
                BinOp::Sub(_) => Op::Sub,
                BinOp::BitOr(_) => Op::Or,
                BinOp::BitAnd(_) => Op::And,
                BinOp::BitXor(_) => Op::Xor,
                _ => return None,
            };
            let left_is_var = is_var(&binary.left, var);
            let right_is_var = is_var(&binary.right, var);
            if left_is_var && !mentions(&binary.right, var) {
                Some((op, &binary.right))
            } else if right_is_var && !matches!(op, Op::Sub) && !mentions(&binary.left, var) {
                Some((op, &binary.left))
            } else {
                None
            }
        }
        Expr::MethodCall(call)
            if (call.method == "wrapping_add" || call.method == "wrapping_sub")
                && call.args.len() == 1
                && is_var(&call.receiver, var)
                && !mentions(&call.args[0], var) =>
        {
            let op = if call.method == "wrapping_add" {
                Op::Add
            } else {
                Op::Sub
            };
            Some((op, &call.args[0]))
        }
        _ => None,
    }
}

fn peel(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(inner) => &inner.expr,
            Expr::Group(inner) => &inner.expr,
            Expr::Block(block) if block.block.stmts.len() == 1 => match &block.block.stmts[0] {
                Stmt::Expr(inner, None) => inner,
                _ => return expr,
            },
            _ => return expr,
        }
    }
}

fn is_var(expr: &Expr, var: &Ident) -> bool {
    local_name(peel(expr)).is_some_and(|name| name == var)
}

/// Whether `var` occurs in `expr` as a plain path.
fn mentions(expr: &Expr, var: &Ident) -> bool {
    struct Mentions<'v> {
        var: &'v Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Mentions<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            self.found |= path.is_ident(self.var);
            visit::visit_path(self, path);
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // Format arguments and the like: look at the raw tokens.
            self.found |= mac
                .tokens
                .clone()
                .into_iter()
                .any(|token| matches!(token, proc_macro2::TokenTree::Ident(ref ident) if ident == self.var));
        }
    }
    let mut mentions = Mentions { var, found: false };
    mentions.visit_expr(expr);
    mentions.found
}

/// A condition of a loop, and what it guards.
#[derive(Clone, Copy)]
struct Condition<'a> {
    expr: &'a Expr,
    /// The block run when it holds: an `if`'s then-branch, a `while` body.
    then: Option<&'a syn::Block>,
}

/// The CAS calls, `let`s and branch conditions of one loop, not looking
/// into nested loops, closures or `async` blocks (they have their own).
#[derive(Default)]
struct LoopBody<'a> {
    cas: Vec<&'a ExprMethodCall>,
    lets: Vec<(&'a Ident, &'a Expr)>,
    conditions: Vec<Condition<'a>>,
    /// Variables assigned to (`x = ..`, `x |= ..`) in the loop.
    assigned: Vec<&'a Ident>,
    /// Variables bound by a destructuring `let` (`let (worker, count) = ..`).
    destructured: Vec<&'a Ident>,
    depth: usize,
}

impl<'ast> Visit<'ast> for LoopBody<'ast> {
    fn visit_expr(&mut self, expr: &'ast Expr) {
        match expr {
            Expr::Closure(_) | Expr::Async(_) => return,
            Expr::Loop(_) | Expr::While(_) | Expr::ForLoop(_) if self.depth > 0 => return,
            Expr::MethodCall(call)
                if (call.method == "compare_exchange"
                    || call.method == "compare_exchange_weak")
                    && call.args.len() == 4 =>
            {
                self.cas.push(call);
            }
            Expr::If(branch) => self.conditions.push(Condition {
                expr: &branch.cond,
                then: Some(&branch.then_branch),
            }),
            Expr::Match(matching) => {
                self.conditions.push(Condition {
                    expr: &matching.expr,
                    then: None,
                });
                for arm in &matching.arms {
                    if let Some((_, guard)) = &arm.guard {
                        self.conditions.push(Condition {
                            expr: guard,
                            then: None,
                        });
                    }
                }
            }
            Expr::While(looping) => self.conditions.push(Condition {
                expr: &looping.cond,
                then: Some(&looping.body),
            }),
            Expr::Assign(assign) => {
                if let Some(name) = local_name(&assign.left) {
                    self.assigned.push(name);
                }
            }
            Expr::Binary(binary) if crate::syntax::is_compound_assignment(binary.op) => {
                if let Some(name) = local_name(&binary.left) {
                    self.assigned.push(name);
                }
            }
            _ => {}
        }
        self.depth += 1;
        visit::visit_expr(self, expr);
        self.depth -= 1;
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        match (&local.pat, &local.init) {
            (Pat::Ident(binding), Some(init)) => self.lets.push((&binding.ident, &init.expr)),
            (Pat::Ident(_) | Pat::Type(_), None) => {}
            (pattern, _) => {
                struct Names<'a, 'v>(&'v mut Vec<&'a Ident>);
                impl<'a> Visit<'a> for Names<'a, '_> {
                    fn visit_pat_ident(&mut self, binding: &'a syn::PatIdent) {
                        self.0.push(&binding.ident);
                    }
                }
                Names(&mut self.destructured).visit_pat(pattern);
            }
        }
        visit::visit_local(self, local);
    }
}

fn cas_loop(looping: &Expr, report: &mut Report) {
    let mut body = LoopBody::default();
    body.visit_expr(looping);
    for call in &body.cas {
        let Some(current) = local_name(peel(&call.args[0])) else {
            // `compare_exchange(false, true, ..)`: a flag or a lock.
            continue;
        };
        // A value picked together with something else (`let (worker, count)
        // = workers.iter().map(..).min_by_key(..)`) was chosen by comparing
        // values; the CAS confirms the choice, which no `fetch_*` can.
        if body.destructured.contains(&current) {
            continue;
        }
        // Everything computed from the loaded value in this loop, but not
        // the CAS's own result (`let last = x.compare_exchange(..)`).
        let mut derived: Vec<&Ident> = vec![current];
        for _ in 0..body.lets.len() {
            let before = derived.len();
            for (bound, init) in &body.lets {
                if !derived.contains(bound)
                    && derived.iter().any(|var| mentions(init, var))
                    && !contains_call(init, call)
                {
                    derived.push(bound);
                }
            }
            if derived.len() == before {
                break;
            }
        }
        let new = peel(&call.args[1]);
        let new = match local_name(new) {
            // A new value changed after its `let` (`new |= FLAG` under a
            // condition) is not one operation.
            Some(name) if body.assigned.contains(&name) => continue,
            Some(name) => match body.lets.iter().rev().find(|(bound, _)| *bound == name) {
                Some((_, init)) => *init,
                // A value from outside the loop (`to` in `cas(cur, to)`).
                None => new,
            },
            None => new,
        };
        // The conditions that decide on the loaded value, or anything
        // computed from it (`if cur >= limit { return }`).
        let deciding: Vec<Condition<'_>> = body
            .conditions
            .iter()
            .copied()
            .filter(|condition| {
                derived.iter().any(|var| mentions(condition.expr, var))
                    && !contains_call(condition.expr, call)
            })
            .collect();
        let finding = if let Some((op, operand)) = commutative(new, current) {
            // `cur - min(cur, n)` depends on the loaded value twice.
            if derived.iter().any(|var| mentions(operand, var)) {
                continue;
            }
            if deciding.is_empty() {
                commutative_finding(call, op, operand)
            } else if let (Op::Add, Some(refuse)) = (op, bounds(&deciding, current, call)) {
                if saturates(&deciding, &derived) {
                    continue;
                }
                bounded_finding(call, operand, refuse)
            } else {
                continue;
            }
        } else if let Some((extreme, operand)) = extreme_of(new, current) {
            if derived.iter().any(|var| mentions(operand, var)) || !deciding.is_empty() {
                continue;
            }
            extreme_finding(call, extreme, operand)
        } else if !derived.iter().any(|var| mentions(new, var)) && !deciding.is_empty() {
            // `if cur >= to { return } cas(cur, to)`: a running maximum.
            match raised(&deciding, current, new, call) {
                Some(extreme) => extreme_finding(call, extreme, new),
                None => continue,
            }
        } else {
            continue;
        };
        report.push(finding);
    }
}

/// A running maximum or minimum.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extreme {
    Max,
    Min,
}

impl Extreme {
    fn fetch(self) -> &'static str {
        match self {
            Extreme::Max => "fetch_max",
            Extreme::Min => "fetch_min",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Extreme::Max => "a running maximum",
            Extreme::Min => "a running minimum",
        }
    }
}

/// `max(var, x)`, `var.max(x)`, `cmp::max(x, var)`: the extreme and `x`.
fn extreme_of<'a>(expr: &'a Expr, var: &Ident) -> Option<(Extreme, &'a Expr)> {
    let which = |name: &str| match name {
        "max" => Some(Extreme::Max),
        "min" => Some(Extreme::Min),
        _ => None,
    };
    let other = |a: &'a Expr, b: &'a Expr| {
        if is_var(a, var) && !mentions(b, var) {
            Some(b)
        } else if is_var(b, var) && !mentions(a, var) {
            Some(a)
        } else {
            None
        }
    };
    match peel(expr) {
        Expr::MethodCall(call) if call.args.len() == 1 => {
            let extreme = which(&call.method.to_string())?;
            other(&call.receiver, &call.args[0]).map(|x| (extreme, x))
        }
        Expr::Call(call) if call.args.len() == 2 => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            let extreme = which(&func.path.segments.last()?.ident.to_string())?;
            other(&call.args[0], &call.args[1]).map(|x| (extreme, x))
        }
        _ => None,
    }
}

/// How a comparison orders the loaded value against another value:
/// `Some(true)` when it holds for a loaded value at or above it
/// (`cur >= x`, `x < cur`), `Some(false)` at or below it.
fn loaded_above(condition: &Expr, var: &Ident, other: &dyn Fn(&Expr) -> bool) -> Option<bool> {
    let Expr::Binary(binary) = peel(condition) else {
        return None;
    };
    let var_on_left = if is_var(&binary.left, var) && other(&binary.right) {
        true
    } else if is_var(&binary.right, var) && other(&binary.left) {
        false
    } else {
        return None;
    };
    let left_above = match binary.op {
        BinOp::Ge(_) | BinOp::Gt(_) => true,
        BinOp::Le(_) | BinOp::Lt(_) => false,
        _ => return None,
    };
    Some(left_above == var_on_left)
}

/// Whether a condition leads out of the loop when it holds (`if cur >=
/// max { return }`), rather than to the CAS (`while cur < to { cas }`).
fn stops(condition: &Condition<'_>, call: &ExprMethodCall) -> Option<bool> {
    let then = condition.then?;
    if block_contains_call(then, call) {
        return Some(false);
    }
    let exits = then
        .stmts
        .last()
        .is_some_and(|last| matches!(last, Stmt::Expr(Expr::Return(_) | Expr::Break(_), _)));
    exits.then_some(true)
}

/// `if cur >= cap { return cur }`: at the bound the loop hands back the
/// value it loaded, without writing: a saturating add (`min(cur + n,
/// cap)`), which has no `fetch_*` form.
fn saturates(deciding: &[Condition<'_>], derived: &[&Ident]) -> bool {
    deciding.iter().any(|condition| {
        let last = condition.then.and_then(|then| then.stmts.last());
        let value = match last {
            Some(Stmt::Expr(Expr::Return(exit), _)) => exit.expr.as_deref(),
            Some(Stmt::Expr(Expr::Break(exit), _)) => exit.expr.as_deref(),
            _ => None,
        };
        value.is_some_and(|value| derived.iter().any(|var| mentions(value, var)))
    })
}

/// `if cur >= to { return }` (or `while cur < to { .. cas(cur, to) .. }`),
/// every deciding condition alike: the loop raises the value to `new`
/// (or lowers it), which `fetch_max` (`fetch_min`) does.
fn raised(
    deciding: &[Condition<'_>],
    var: &Ident,
    new: &Expr,
    call: &ExprMethodCall,
) -> Option<Extreme> {
    let wanted = text(new);
    let mut found = None;
    for condition in deciding {
        let above = loaded_above(condition.expr, var, &|other| text(other) == wanted)?;
        let stops = stops(condition, call)?;
        // Stop when at or above `to`, or write while below it: a maximum.
        let extreme = if above == stops {
            Extreme::Max
        } else {
            Extreme::Min
        };
        if found.is_some_and(|seen| seen != extreme) {
            return None;
        }
        found = Some(extreme);
    }
    found
}

/// `if cur >= max { return false }` with `cas(cur, cur + 1)`: every
/// deciding condition stops the loop at an upper bound (or writes only
/// below it). The bound, as written.
fn bounds(
    deciding: &[Condition<'_>],
    var: &Ident,
    call: &ExprMethodCall,
) -> Option<Option<String>> {
    let mut refuse = None;
    for condition in deciding {
        let above = loaded_above(condition.expr, var, &|other| !mentions(other, var))?;
        let stops = stops(condition, call)?;
        if above != stops {
            return None;
        }
        if stops && deciding.len() == 1 {
            refuse = Some(renamed(condition.expr, var, "previous"));
        }
    }
    Some(refuse)
}

/// The text of a comparison with `var` renamed: `previous >= max`.
fn renamed(expr: &Expr, var: &Ident, to: &str) -> String {
    let Expr::Binary(binary) = peel(expr) else {
        return text(expr);
    };
    let side = |side: &Expr| {
        if is_var(side, var) {
            to.to_owned()
        } else {
            text(side)
        }
    };
    let op = quote::ToTokens::to_token_stream(&binary.op)
        .to_string()
        .replace(' ', "");
    format!("{} {op} {}", side(&binary.left), side(&binary.right))
}

fn commutative_finding(call: &ExprMethodCall, op: Op, operand: &Expr) -> Finding {
    let receiver = text(&call.receiver);
    let operand = text(operand);
    let ordering = text(&call.args[2]);
    Finding::new(
        Code::CAS_LOOP_FOR_COMMUTATIVE_OP,
        crate::flow::method_location(call),
        format!(
            "this `{}` retry loop computes {} of the loaded value, which `{}` does in one step: \
             under contention the loop keeps failing and retrying, while `{}` never fails",
            call.method,
            op.noun(),
            op.fetch(),
            op.fetch()
        ),
        format!(
            "replace the whole loop with `{receiver}.{}({operand}, {ordering})`; it returns the previous value",
            op.fetch()
        ),
    )
}

fn extreme_finding(call: &ExprMethodCall, extreme: Extreme, operand: &Expr) -> Finding {
    let receiver = text(&call.receiver);
    let operand = text(operand);
    let ordering = text(&call.args[2]);
    Finding::new(
        Code::CAS_LOOP_FOR_COMMUTATIVE_OP,
        crate::flow::method_location(call),
        format!(
            "this `{}` retry loop keeps {} of the loaded value, which `{}` does in one step: \
             under contention the loop keeps failing and retrying, while `{}` never fails",
            call.method,
            extreme.noun(),
            extreme.fetch(),
            extreme.fetch()
        ),
        format!(
            "replace the whole loop with `{receiver}.{}({operand}, {ordering})`; it returns the previous value",
            extreme.fetch()
        ),
    )
}

fn bounded_finding(call: &ExprMethodCall, operand: &Expr, refuse: Option<String>) -> Finding {
    let receiver = text(&call.receiver);
    let operand = text(operand);
    let ordering = text(&call.args[2]);
    let refuse = refuse.unwrap_or_else(|| "`previous` is already at the bound".to_owned());
    Finding::new(
        Code::CAS_LOOP_FOR_COMMUTATIVE_OP,
        crate::flow::method_location(call),
        format!(
            "this `{}` retry loop adds to the loaded value up to a bound: under contention it keeps \
             failing and retrying, while `fetch_add` never fails; the price of `fetch_add` is that the \
             value goes past the bound for a moment (other threads may see it there) and the caller \
             that overshot undoes its addition",
            call.method
        ),
        format!(
            "`let previous = {receiver}.fetch_add({operand}, {ordering}); if {refuse} {{ \
             {receiver}.fetch_sub({operand}, {ordering}); /* refuse */ }}`; keep the loop where nobody \
             may ever see the value past the bound"
        ),
    )
}

fn block_contains_call(block: &syn::Block, needle: &ExprMethodCall) -> bool {
    let mut contains = Contains {
        needle,
        found: false,
    };
    contains.visit_block(block);
    contains.found
}

/// Finds one method call, by address.
struct Contains<'n> {
    needle: &'n ExprMethodCall,
    found: bool,
}

impl<'ast> Visit<'ast> for Contains<'_> {
    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        self.found |= std::ptr::eq(call, self.needle);
        visit::visit_expr_method_call(self, call);
    }
}

fn contains_call(haystack: &Expr, needle: &ExprMethodCall) -> bool {
    let mut contains = Contains {
        needle,
        found: false,
    };
    contains.visit_expr(haystack);
    contains.found
}

fn fetch_update(call: &ExprMethodCall, report: &mut Report) {
    let Some(Expr::Closure(closure)) = call.args.iter().nth(2) else {
        return;
    };
    let [input] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    let var = match input {
        Pat::Ident(binding) => &binding.ident,
        Pat::Type(typed) => match &*typed.pat {
            Pat::Ident(binding) => &binding.ident,
            _ => return,
        },
        _ => return,
    };
    let Expr::Call(some) = peel(&closure.body) else {
        return;
    };
    let is_some = matches!(&*some.func, Expr::Path(path) if path.path.is_ident("Some"));
    if !is_some || some.args.len() != 1 {
        return;
    }
    let (fetch, noun, operand) = match commutative(&some.args[0], var) {
        Some((op, operand)) => (op.fetch(), op.noun(), operand),
        None => match extreme_of(&some.args[0], var) {
            Some((extreme, operand)) => (extreme.fetch(), extreme.noun(), operand),
            None => return,
        },
    };
    let receiver = text(&call.receiver);
    let operand = text(operand);
    let ordering = text(&call.args[0]);
    report.push(Finding::new(
        Code::FETCH_UPDATE_AS_FAST_PATH,
        Location {
            start: call.method.span(),
            end: call.paren_token.span.close(),
        },
        format!(
            "`fetch_update` is a compare-exchange retry loop, not a hardware fast path, and this closure \
             always computes {noun}, which `{fetch}` does in one step"
        ),
        format!(
            "`{receiver}.{fetch}({operand}, {ordering})`; keep `fetch_update` only for updates that can refuse (`None`) \
             or have no `fetch_*` form"
        ),
    ));
}

/// Source-like text of a node, for messages.
pub(crate) fn text(node: &impl quote::ToTokens) -> String {
    let raw = node.to_token_stream().to_string();
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied();
            let prev = text.chars().last();
            let glue_after = matches!(prev, Some('.' | '(' | '[' | '&' | '!' | '<' | ':'));
            let glue_before = matches!(
                next,
                Some('.' | ')' | ']' | ',' | '(' | '?' | ':' | '>' | '<' | '[')
            );
            if glue_after || glue_before {
                continue;
            }
        }
        text.push(c);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn run(file: syn::File) -> Vec<Finding> {
        let mut report = Report::new();
        check(&file, &mut report);
        report.into_findings()
    }

    fn codes(file: syn::File) -> Vec<&'static str> {
        run(file)
            .iter()
            .map(|finding| finding.code.as_str())
            .collect()
    }

    #[test]
    fn counter_cas_loops() {
        let found = run(parse_quote! {
            fn a(n: &AtomicU64) {
                let mut cur = n.load(Ordering::Relaxed);
                loop {
                    match n.compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => break,
                        Err(actual) => cur = actual,
                    }
                }
            }
            fn b(flags: &AtomicU32, bit: u32) {
                loop {
                    let old = flags.load(Ordering::Relaxed);
                    let new = old | bit;
                    if flags.compare_exchange(old, new, Ordering::SeqCst, Ordering::Relaxed).is_ok() {
                        break;
                    }
                }
            }
            fn c(n: &AtomicUsize) {
                let mut cur = n.load(Ordering::Relaxed);
                while let Err(actual) = n.compare_exchange_weak(cur, cur.wrapping_sub(2), Ordering::AcqRel, Ordering::Relaxed) {
                    cur = actual;
                }
            }
        });
        let codes: Vec<_> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::CAS_LOOP_FOR_COMMUTATIVE_OP; 3]);
        assert_eq!(
            found[0].help,
            "replace the whole loop with `n.fetch_add(1, Ordering::AcqRel)`; it returns the previous value"
        );
        assert!(found[1]
            .help
            .contains("`flags.fetch_or(bit, Ordering::SeqCst)`"));
        assert!(found[2].help.contains("fetch_sub(2,"));
    }

    #[test]
    fn flags_locks_and_other_updates_are_left_alone() {
        assert!(codes(parse_quote! {
            fn lock(busy: &AtomicBool) {
                while busy.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
                    std::hint::spin_loop();
                }
            }
            fn doubling(n: &AtomicU64) {
                let mut cur = n.load(Ordering::Relaxed);
                loop {
                    match n.compare_exchange_weak(cur, cur * 2, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => break,
                        Err(actual) => cur = actual,
                    }
                }
            }
            fn once(n: &AtomicU64) {
                let cur = n.load(Ordering::Relaxed);
                let _ = n.compare_exchange(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed);
            }
            fn saturating(n: &AtomicU64) {
                let _ = n.fetch_update(Ordering::AcqRel, Ordering::Relaxed, |x| x.checked_add(1));
                let _ = n.fetch_update(Ordering::AcqRel, Ordering::Relaxed, |x| (x < 10).then(|| x + 1));
            }
            // Weak to strong: never from zero, which no `fetch_add` can refuse.
            fn upgrade(strong: &AtomicUsize) -> bool {
                let mut n = strong.load(Ordering::Relaxed);
                loop {
                    if n == 0 {
                        return false;
                    }
                    match strong.compare_exchange_weak(n, n + 1, Ordering::Acquire, Ordering::Relaxed) {
                        Ok(_) => return true,
                        Err(old) => n = old,
                    }
                }
            }
            // Taking permits: a lower bound, where `fetch_sub` would wrap.
            fn acquire(permits: &AtomicUsize, wanted: usize) -> bool {
                let mut cur = permits.load(Ordering::Acquire);
                loop {
                    if cur < wanted {
                        return false;
                    }
                    match permits.compare_exchange(cur, cur - wanted, Ordering::AcqRel, Ordering::Acquire) {
                        Ok(_) => return true,
                        Err(actual) => cur = actual,
                    }
                }
            }
            // A new value chosen on other grounds than the loaded one.
            fn replace(slot: &AtomicU64, next: u64) {
                let mut cur = slot.load(Ordering::Acquire);
                loop {
                    if cur == next {
                        return;
                    }
                    match slot.compare_exchange(cur, next, Ordering::AcqRel, Ordering::Acquire) {
                        Ok(_) => return,
                        Err(actual) => cur = actual,
                    }
                }
            }
        })
        .is_empty());
    }

    #[test]
    fn running_maxima_and_minima() {
        let found = run(parse_quote! {
            // sled's `bump_atomic_lsn`, before it became `fetch_max`.
            fn bump(atomic_lsn: &AtomicI64, to: i64) {
                let mut current = atomic_lsn.load(Acquire);
                loop {
                    if current >= to {
                        return;
                    }
                    let last = atomic_lsn.compare_exchange_weak(current, to, SeqCst, SeqCst);
                    if last.is_ok() {
                        return;
                    }
                    current = last.unwrap_err();
                }
            }
            fn lowest(seen: &AtomicU64, value: u64) {
                let mut cur = seen.load(Ordering::Relaxed);
                while value < cur {
                    match seen.compare_exchange_weak(cur, value, Ordering::Relaxed, Ordering::Relaxed) {
                        Ok(_) => break,
                        Err(actual) => cur = actual,
                    }
                }
            }
            fn widest(width: &AtomicUsize, line: usize) {
                let mut cur = width.load(Ordering::Relaxed);
                loop {
                    let new = cur.max(line);
                    match width.compare_exchange_weak(cur, new, Ordering::Relaxed, Ordering::Relaxed) {
                        Ok(_) => break,
                        Err(actual) => cur = actual,
                    }
                }
            }
            fn peak(n: &AtomicU64, x: u64) {
                let _ = n.fetch_update(Ordering::AcqRel, Ordering::Relaxed, |old| Some(old.max(x)));
            }
        });
        let helps: Vec<(&str, &str)> = found
            .iter()
            .map(|finding| (finding.code.as_str(), finding.help.as_str()))
            .collect();
        assert_eq!(helps.len(), 4, "{helps:?}");
        assert_eq!(
            helps[0],
            (
                "CAS_LOOP_FOR_COMMUTATIVE_OP",
                "replace the whole loop with `atomic_lsn.fetch_max(to, SeqCst)`; it returns the previous value"
            )
        );
        assert!(found[0].message.contains("keeps a running maximum"));
        assert!(helps[1]
            .1
            .contains("`seen.fetch_min(value, Ordering::Relaxed)`"));
        assert!(helps[2]
            .1
            .contains("`width.fetch_max(line, Ordering::Relaxed)`"));
        assert_eq!(helps[3].0, "FETCH_UPDATE_AS_FAST_PATH");
        assert!(helps[3].1.starts_with("`n.fetch_max(x, Ordering::AcqRel)`"));
    }

    #[test]
    fn bounded_counters_say_what_fetch_add_trades() {
        let found = run(parse_quote! {
            fn try_enter(active: &AtomicU32, max: u32) -> bool {
                let mut cur = active.load(Ordering::Relaxed);
                loop {
                    if cur >= max {
                        return false;
                    }
                    match active.compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => return true,
                        Err(actual) => cur = actual,
                    }
                }
            }
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::CAS_LOOP_FOR_COMMUTATIVE_OP);
        assert!(
            found[0].message.contains("up to a bound"),
            "{}",
            found[0].message
        );
        assert!(found[0]
            .message
            .contains("goes past the bound for a moment"));
        assert_eq!(
            found[0].help,
            "`let previous = active.fetch_add(1, Ordering::AcqRel); if previous >= max { \
             active.fetch_sub(1, Ordering::AcqRel); /* refuse */ }`; keep the loop where nobody may \
             ever see the value past the bound"
        );
    }

    #[test]
    fn saturating_adds_written_out_are_left_alone() {
        // A use count capped at its most: at the cap it answers what it
        // loaded and writes nothing.
        assert!(codes(parse_quote! {
            fn bump(hits: &AtomicU8) -> u8 {
                loop {
                    let seen = hits.load(Ordering::Relaxed);
                    if seen >= LIMIT {
                        return seen;
                    }
                    match hits.compare_exchange(seen, seen + 1, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => return seen + 1,
                        Err(actual) if actual >= LIMIT => return actual,
                        Err(_) => {}
                    }
                }
            }
            fn bump_until(hits: &AtomicU32, limit: u32) -> u32 {
                let mut seen = hits.load(Ordering::Relaxed);
                loop {
                    if seen >= limit {
                        break seen;
                    }
                    match hits.compare_exchange_weak(seen, seen + 1, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => break seen + 1,
                        Err(actual) => seen = actual,
                    }
                }
            }
        })
        .is_empty());
    }

    #[test]
    fn shapes_from_real_lock_free_code_are_left_alone() {
        // tokio's semaphore: the amount depends on the loaded value.
        // crossbeam's deque: the loop branches on a value derived from it.
        // parking_lot's rwlock: the new value is changed after its `let`.
        // tokio-util's spawn_pinned: the least busy worker's count is
        // bumped only if it is still what made it the least busy.
        assert!(codes(parse_quote! {
            fn least_busy(workers: &[Worker]) -> &Worker {
                loop {
                    let (worker, count) = workers
                        .iter()
                        .map(|worker| (worker, worker.count.load(Ordering::SeqCst)))
                        .min_by_key(|&(_, count)| count)
                        .unwrap();
                    if worker
                        .count
                        .compare_exchange(count, count + 1, Ordering::SeqCst, Ordering::Relaxed)
                        .is_ok()
                    {
                        return worker;
                    }
                }
            }
            fn assign(state: &AtomicUsize, n: &mut usize) {
                let mut curr = state.load(Acquire);
                loop {
                    let assign = cmp::min(curr, *n);
                    let next = curr - assign;
                    match state.compare_exchange(curr, next, AcqRel, Acquire) {
                        Ok(_) => return,
                        Err(actual) => curr = actual,
                    }
                }
            }
            fn push(index: &AtomicUsize) {
                let mut tail = index.load(Ordering::Acquire);
                loop {
                    let offset = (tail >> SHIFT) % LAP;
                    if offset == BLOCK_CAP {
                        tail = index.load(Ordering::Acquire);
                        continue;
                    }
                    let new_tail = tail + (1 << SHIFT);
                    match index.compare_exchange_weak(tail, new_tail, Ordering::SeqCst, Ordering::Acquire) {
                        Ok(_) => return,
                        Err(t) => tail = t,
                    }
                }
            }
            fn unlock(state: &AtomicUsize, more: bool) {
                let mut current = state.load(Ordering::Relaxed);
                loop {
                    let mut new_state = current - ONE_READER;
                    if more {
                        new_state |= PARKED_BIT;
                    }
                    match state.compare_exchange_weak(current, new_state, Ordering::Relaxed, Ordering::Relaxed) {
                        Ok(_) => return,
                        Err(x) => current = x,
                    }
                }
            }
        })
        .is_empty());
    }

    #[test]
    fn a_type_with_its_own_fetch_update_is_not_std() {
        // A hand-written atomic for targets without 64-bit atomics.
        let found = run(parse_quote! {
            pub struct AtomicU64(core::cell::UnsafeCell<u64>);
            impl AtomicU64 {
                pub fn fetch_update(&self, _: Ordering, _: Ordering, mut f: impl FnMut(u64) -> Option<u64>) -> Result<u64, u64> {
                    let old = unsafe { *self.0.get() };
                    let new = f(old).ok_or(old)?;
                    unsafe { *self.0.get() = new };
                    Ok(old)
                }
                pub fn fetch_or(&self, bits: u64, order: Ordering) -> u64 {
                    self.fetch_update(order, Ordering::Relaxed, |b| Some(b | bits)).unwrap()
                }
            }
        });
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn fetch_update_with_a_commutative_closure_warns() {
        let found = run(parse_quote! {
            fn f(n: &AtomicU64) {
                let _ = n.fetch_update(Ordering::AcqRel, Ordering::Relaxed, |x| Some(x + 1));
            }
        });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::FETCH_UPDATE_AS_FAST_PATH);
        assert_eq!(found[0].level, crate::Level::Warning);
        assert!(found[0]
            .help
            .starts_with("`n.fetch_add(1, Ordering::AcqRel)`"));
    }

    #[test]
    fn allow_silences_the_loop() {
        assert!(codes(parse_quote! {
            #[unmixed::allow(CAS_LOOP_FOR_COMMUTATIVE_OP, reason = "loom model of the real thing")]
            fn a(n: &AtomicU64) {
                let mut cur = n.load(Ordering::Relaxed);
                while let Err(actual) = n.compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed) {
                    cur = actual;
                }
            }
        })
        .is_empty());
    }
}
