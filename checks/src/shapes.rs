//! The shapes by which hand-written code shows its model when it declares
//! none: a message loop (actor) and a job handed to a thread pool (worker
//! pool). Review mode reads them; nothing here reports anything.

use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, Token};

use crate::syntax::segments;
use crate::Location;

/// A loop that receives a message and matches on it: `while let Some(msg) =
/// rx.recv().await { match msg { .. } }`, or `loop { match rx.recv() { .. } }`.
pub(crate) struct MessageLoop {
    /// The loop's head, up to and including the receive.
    pub head: Location,
    /// What runs for each message.
    pub body: syn::Block,
}

/// A closure handed to a pool of threads as a job.
pub(crate) struct PoolJob {
    /// The name of the call that submits it: `spawn_blocking`, `execute`, ...
    pub submitted_by: String,
    /// The job itself.
    pub closure: Expr,
}

/// Calls that hand a closure to a pool of threads as a job.
const POOL_SUBMITS: &[&str] = &["spawn_blocking", "execute", "spawn_fifo"];

/// Jobs handed to a thread pool: `spawn_blocking(|| ..)`, `pool.execute(||
/// ..)`, `rayon::spawn(|| ..)`. Plain `thread::spawn` and `tokio::spawn` are
/// not pools of identical workers and are left alone.
pub(crate) fn pool_jobs(block: &syn::Block) -> Vec<PoolJob> {
    struct Jobs(Vec<PoolJob>);
    impl Jobs {
        fn closures(&mut self, call: &syn::Ident, args: &Punctuated<Expr, Token![,]>) {
            let closures = args.iter().filter(|arg| matches!(arg, Expr::Closure(_)));
            self.0.extend(closures.map(|closure| PoolJob {
                submitted_by: call.to_string(),
                closure: closure.clone(),
            }));
        }
    }
    impl<'ast> Visit<'ast> for Jobs {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let Expr::Path(func) = &*call.func {
                if let Some(last) = segments(&func.path).last() {
                    let rayon_spawn = last == "spawn" && segments(&func.path).any(|n| n == "rayon");
                    if POOL_SUBMITS.iter().any(|name| last == name) || rayon_spawn {
                        self.closures(last, &call.args);
                    }
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if POOL_SUBMITS.iter().any(|name| call.method == name) {
                self.closures(&call.method, &call.args);
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut jobs = Jobs(Vec::new());
    jobs.visit_block(block);
    jobs.0
}

/// The actor-shaped loops in a function body.
pub(crate) fn message_loops(block: &syn::Block) -> Vec<MessageLoop> {
    struct Loops(Vec<MessageLoop>);
    impl<'ast> Visit<'ast> for Loops {
        fn visit_expr_while(&mut self, node: &'ast syn::ExprWhile) {
            if let Expr::Let(condition) = &*node.cond {
                if is_receive(&condition.expr) && contains_match(&node.body) {
                    self.0.push(MessageLoop {
                        head: Location {
                            start: node.while_token.span,
                            end: Location::of(&condition.expr).end,
                        },
                        body: node.body.clone(),
                    });
                }
            }
            syn::visit::visit_expr_while(self, node);
        }
        fn visit_expr_loop(&mut self, node: &'ast syn::ExprLoop) {
            let receive = node.body.stmts.iter().find_map(|stmt| match stmt {
                syn::Stmt::Expr(Expr::Match(matched), _) if is_receive(&matched.expr) => {
                    Some(&matched.expr)
                }
                _ => None,
            });
            if let Some(receive) = receive {
                self.0.push(MessageLoop {
                    head: Location {
                        start: node.loop_token.span,
                        end: Location::of(receive).end,
                    },
                    body: node.body.clone(),
                });
            }
            syn::visit::visit_expr_loop(self, node);
        }
    }
    let mut loops = Loops(Vec::new());
    loops.visit_block(block);
    loops.0
}

/// `rx.recv().await`, `rx.recv()`.
fn is_receive(expr: &Expr) -> bool {
    let expr = match expr {
        Expr::Await(awaited) => &*awaited.base,
        other => other,
    };
    matches!(expr, Expr::MethodCall(call) if call.method == "recv" && call.args.is_empty())
}

fn contains_match(block: &syn::Block) -> bool {
    struct Matches(bool);
    impl<'ast> Visit<'ast> for Matches {
        fn visit_expr_match(&mut self, _: &'ast syn::ExprMatch) {
            self.0 = true;
        }
    }
    let mut matches = Matches(false);
    matches.visit_block(block);
    matches.0
}
