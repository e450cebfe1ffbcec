//! CAS_LOOP_FOR_COMMUTATIVE_OP and FETCH_UPDATE_AS_FAST_PATH: retry loops
//! written by hand (or by `fetch_update`) for an update the hardware does in
//! one instruction.
//!
//! CAS_LOOP_FOR_COMMUTATIVE_OP catches a `loop`, `while` or `while let`
//! whose body retries `a.compare_exchange(_weak)(cur, new, ..)` where `new`
//! is `cur + x`, `cur - x`, `cur | x`, `cur & x`, `cur ^ x` or the
//! `wrapping_add`/`wrapping_sub` of it (written inline or through a `let`
//! in the loop), with `x` not depending on `cur`: exactly what `fetch_add`,
//! `fetch_sub`, `fetch_or`, `fetch_and` and `fetch_xor` do without retrying.
//!
//! FETCH_UPDATE_AS_FAST_PATH (a warning) catches `fetch_update` whose
//! closure always returns `Some` of such an operation: `fetch_update` is a
//! compare-exchange loop too, not a hardware fast path.
//!
//! Leaves alone: a CAS used as a flag or a lock (`compare_exchange(false,
//! true, ..)`, `compare_exchange(0, 1, ..)`), whose new value is not
//! computed from the old one; loops that branch on the loaded value
//! (`if cur >= limit { return }`: a bounded update has no `fetch_*` form);
//! `checked_add`, `saturating_add`, `max`, multiplication and other
//! operations without a `fetch_*` form; a single CAS outside any loop; a
//! loaded value destructured together with others (`let (worker, count) =
//! ..min_by_key(..)`: picked by comparing, as in tokio-util's
//! `spawn_pinned`); and `fetch_update` closures that can return `None`.

use syn::visit::{self, Visit};
use syn::{BinOp, Expr, ExprMethodCall, Ident, Pat, Stmt};

use crate::syntax::{local_name, Position, Rule, Visitable, Walk};
use crate::{Code, Finding, Location, Report};

/// Runs both checks over `node`.
pub fn check<N: Visitable>(node: &N, report: &mut Report) {
    let mut walk = Walk::new(Atomics, report);
    node.visit_with(&mut walk);
}

struct Atomics;

impl Rule for Atomics {
    fn expr(&mut self, expr: &Expr, _at: Position, report: &mut Report) {
        match expr {
            Expr::Loop(_) | Expr::While(_) => cas_loop(expr, report),
            Expr::MethodCall(call) if call.method == "fetch_update" => fetch_update(call, report),
            _ => {}
        }
    }
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

/// The CAS calls, `let`s and branch conditions of one loop, not looking
/// into nested loops, closures or `async` blocks (they have their own).
#[derive(Default)]
struct LoopBody<'a> {
    cas: Vec<&'a ExprMethodCall>,
    lets: Vec<(&'a Ident, &'a Expr)>,
    conditions: Vec<&'a Expr>,
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
            Expr::If(branch) => self.conditions.push(&branch.cond),
            Expr::Match(matching) => {
                self.conditions.push(&matching.expr);
                for arm in &matching.arms {
                    if let Some((_, guard)) = &arm.guard {
                        self.conditions.push(guard);
                    }
                }
            }
            Expr::While(looping) => self.conditions.push(&looping.cond),
            Expr::Assign(assign) => {
                if let Some(name) = local_name(&assign.left) {
                    self.assigned.push(name);
                }
            }
            Expr::Binary(binary) if is_compound_assignment(binary.op) => {
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
        // Everything computed from the loaded value in this loop.
        let mut derived: Vec<&Ident> = vec![current];
        for _ in 0..body.lets.len() {
            let before = derived.len();
            for (bound, init) in &body.lets {
                if !derived.contains(bound) && derived.iter().any(|var| mentions(init, var)) {
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
                None => continue,
            },
            None => new,
        };
        let Some((op, operand)) = commutative(new, current) else {
            continue;
        };
        // `cur - min(cur, n)` depends on the loaded value twice.
        if derived.iter().any(|var| mentions(operand, var)) {
            continue;
        }
        // A loop that decides on the loaded value, or anything computed
        // from it, is a bounded or conditional update (`if cur >= limit {
        // return }`), which no `fetch_*` can do.
        let decides = body.conditions.iter().any(|condition| {
            derived.iter().any(|var| mentions(condition, var)) && !contains_call(condition, call)
        });
        if decides {
            continue;
        }
        let receiver = text(&call.receiver);
        let operand = text(operand);
        let ordering = text(&call.args[2]);
        report.push(Finding::new(
            Code::CAS_LOOP_FOR_COMMUTATIVE_OP,
            Location {
                start: call.method.span(),
                end: call.paren_token.span.close(),
            },
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
        ));
    }
}

fn is_compound_assignment(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

fn contains_call(haystack: &Expr, needle: &ExprMethodCall) -> bool {
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
    let Some((op, operand)) = commutative(&some.args[0], var) else {
        return;
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
             always computes {}, which `{}` does in one step",
            op.noun(),
            op.fetch()
        ),
        format!(
            "`{receiver}.{}({operand}, {ordering})`; keep `fetch_update` only for updates that can refuse (`None`) \
             or have no `fetch_*` form",
            op.fetch()
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
    fn flags_locks_and_bounded_updates_are_left_alone() {
        assert!(codes(parse_quote! {
            fn lock(busy: &AtomicBool) {
                while busy.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
                    std::hint::spin_loop();
                }
            }
            fn bounded(n: &AtomicU32, max: u32) -> bool {
                let mut cur = n.load(Ordering::Relaxed);
                loop {
                    if cur >= max {
                        return false;
                    }
                    match n.compare_exchange_weak(cur, cur + 1, Ordering::AcqRel, Ordering::Relaxed) {
                        Ok(_) => return true,
                        Err(actual) => cur = actual,
                    }
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
