//! Small syntax helpers, and the walk every check family shares: it keeps
//! `#[unmixed::allow]` scopes in force and tracks whether code runs now or
//! later (inside a closure or an `async` block).

pub(crate) mod attrs;
pub mod expand;
mod macros;
mod select;

pub use macros::macro_args;
pub use select::select_branches;

use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Ident, Item, Macro, Path, Stmt, Type};

use crate::Report;

/// A check that looks at nodes one at a time.
pub(crate) trait Rule {
    fn expr(&mut self, _expr: &Expr, _at: Position, _report: &mut Report) {}
    fn path(&mut self, _path: &Path, _report: &mut Report) {}
    fn item(&mut self, _item: &Item, _report: &mut Report) {}
    fn mac(&mut self, _mac: &Macro, _report: &mut Report) {}
}

/// Where in the code a node sits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Position {
    /// How many closures or `async` blocks enclose the node: code inside them
    /// does not run as part of the enclosing function's own body.
    pub deferred: usize,
}

/// Walks syntax, calling a [`Rule`] on every node.
pub(crate) struct Walk<'r, R> {
    pub rule: R,
    pub report: &'r mut Report,
    at: Position,
}

impl<'r, R: Rule> Walk<'r, R> {
    pub fn new(rule: R, report: &'r mut Report) -> Self {
        Walk {
            rule,
            report,
            at: Position::default(),
        }
    }

    fn scoped(&mut self, attrs: &[Attribute], descend: impl FnOnce(&mut Self)) {
        let depth = self.report.enter(attrs);
        descend(self);
        self.report.leave(depth);
    }
}

impl<'ast, R: Rule> Visit<'ast> for Walk<'_, R> {
    fn visit_item(&mut self, item: &'ast Item) {
        self.scoped(item_attrs(item), |walk| {
            walk.rule.item(item, walk.report);
            visit::visit_item(walk, item);
        });
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        self.scoped(&method.attrs, |walk| {
            visit::visit_impl_item_fn(walk, method)
        });
    }

    fn visit_trait_item_fn(&mut self, method: &'ast syn::TraitItemFn) {
        self.scoped(&method.attrs, |walk| {
            visit::visit_trait_item_fn(walk, method)
        });
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        self.scoped(&field.attrs, |walk| visit::visit_field(walk, field));
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        let attrs: &[Attribute] = match stmt {
            Stmt::Local(local) => &local.attrs,
            Stmt::Macro(mac) => &mac.attrs,
            // Items and expressions carry their own attributes.
            Stmt::Item(_) | Stmt::Expr(..) => &[],
        };
        self.scoped(attrs, |walk| visit::visit_stmt(walk, stmt));
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        self.scoped(expr_attrs(expr), |walk| {
            walk.rule.expr(expr, walk.at, walk.report);
            let deferred = matches!(expr, Expr::Closure(_) | Expr::Async(_));
            walk.at.deferred += usize::from(deferred);
            visit::visit_expr(walk, expr);
            walk.at.deferred -= usize::from(deferred);
        });
    }

    fn visit_path(&mut self, path: &'ast Path) {
        self.rule.path(path, self.report);
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        self.rule.mac(mac, self.report);
        visit::visit_macro(self, mac);
    }

    fn visit_attribute(&mut self, _: &'ast Attribute) {
        // Attribute arguments are not code.
    }
}

/// The attributes of any item.
pub(crate) fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// The attributes of any expression.
pub(crate) fn expr_attrs(expr: &Expr) -> &[Attribute] {
    match expr {
        Expr::Array(e) => &e.attrs,
        Expr::Assign(e) => &e.attrs,
        Expr::Async(e) => &e.attrs,
        Expr::Await(e) => &e.attrs,
        Expr::Binary(e) => &e.attrs,
        Expr::Block(e) => &e.attrs,
        Expr::Break(e) => &e.attrs,
        Expr::Call(e) => &e.attrs,
        Expr::Cast(e) => &e.attrs,
        Expr::Closure(e) => &e.attrs,
        Expr::Const(e) => &e.attrs,
        Expr::Continue(e) => &e.attrs,
        Expr::Field(e) => &e.attrs,
        Expr::ForLoop(e) => &e.attrs,
        Expr::Group(e) => &e.attrs,
        Expr::If(e) => &e.attrs,
        Expr::Index(e) => &e.attrs,
        Expr::Infer(e) => &e.attrs,
        Expr::Let(e) => &e.attrs,
        Expr::Lit(e) => &e.attrs,
        Expr::Loop(e) => &e.attrs,
        Expr::Macro(e) => &e.attrs,
        Expr::Match(e) => &e.attrs,
        Expr::MethodCall(e) => &e.attrs,
        Expr::Paren(e) => &e.attrs,
        Expr::Path(e) => &e.attrs,
        Expr::Range(e) => &e.attrs,
        Expr::RawAddr(e) => &e.attrs,
        Expr::Reference(e) => &e.attrs,
        Expr::Repeat(e) => &e.attrs,
        Expr::Return(e) => &e.attrs,
        Expr::Struct(e) => &e.attrs,
        Expr::Try(e) => &e.attrs,
        Expr::TryBlock(e) => &e.attrs,
        Expr::Tuple(e) => &e.attrs,
        Expr::Unary(e) => &e.attrs,
        Expr::Unsafe(e) => &e.attrs,
        Expr::While(e) => &e.attrs,
        Expr::Yield(e) => &e.attrs,
        _ => &[],
    }
}

/// The identifiers of a path's segments.
pub(crate) fn segments(path: &Path) -> impl DoubleEndedIterator<Item = &Ident> + ExactSizeIterator {
    path.segments.iter().map(|segment| &segment.ident)
}

/// Whether `path` ends with the given identifiers (`["mpsc", "channel"]`).
pub(crate) fn ends_with(path: &Path, tail: &[&str]) -> bool {
    path.segments.len() >= tail.len()
        && segments(path)
            .rev()
            .zip(tail.iter().rev())
            .all(|(ident, expected)| ident == expected)
}

/// Whether `ty` names `ident` anywhere (`Option<Arc<CounterHandle>>` names `CounterHandle`).
pub(crate) fn type_mentions(ty: &Type, ident: &Ident) -> bool {
    struct Mentions<'a> {
        ident: &'a Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Mentions<'_> {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.found |= segment.ident == *self.ident;
            visit::visit_path_segment(self, segment);
        }
    }
    let mut mentions = Mentions {
        ident,
        found: false,
    };
    mentions.visit_type(ty);
    mentions.found
}

/// Peels method calls, references, derefs and parentheses off an expression:
/// `self.peer.as_ref().unwrap()` has root `self.peer`.
pub(crate) fn root(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::MethodCall(call) => &call.receiver,
            Expr::Paren(inner) => &inner.expr,
            Expr::Group(inner) => &inner.expr,
            Expr::Reference(reference) => &reference.expr,
            Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => &unary.expr,
            Expr::Try(attempt) => &attempt.expr,
            _ => return expr,
        }
    }
}

/// `name` for a plain path expression `name`.
pub(crate) fn local_name(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
        _ => None,
    }
}

/// `field` for `self.field`.
pub(crate) fn self_field(expr: &Expr) -> Option<&syn::Member> {
    match expr {
        Expr::Field(field) => match &*field.base {
            Expr::Path(base) if base.path.is_ident("self") => Some(&field.member),
            _ => None,
        },
        _ => None,
    }
}

/// Syntax trees the checks can walk.
pub trait Visitable {
    #[doc(hidden)]
    fn visit_with<'ast, V: syn::visit::Visit<'ast>>(&'ast self, visitor: &mut V);
}

macro_rules! visitable {
    ($($ty:ty => $method:ident,)*) => {$(
        impl Visitable for $ty {
            fn visit_with<'ast, V: syn::visit::Visit<'ast>>(&'ast self, visitor: &mut V) {
                visitor.$method(self);
            }
        }
    )*};
}

visitable! {
    syn::Item => visit_item,
    syn::ItemImpl => visit_item_impl,
    syn::ItemFn => visit_item_fn,
    syn::ItemMod => visit_item_mod,
    syn::ImplItemFn => visit_impl_item_fn,
    syn::Block => visit_block,
    syn::Expr => visit_expr,
    syn::File => visit_file,
    syn::Fields => visit_fields,
    syn::Signature => visit_signature,
}

/// The name a `let` or parameter binds: `name`, `mut name`, `name: T`.
pub(crate) fn binding(pat: &syn::Pat) -> Option<&Ident> {
    match pat {
        syn::Pat::Ident(binding) => Some(&binding.ident),
        syn::Pat::Type(typed) => binding(&typed.pat),
        _ => None,
    }
}

/// The name of a path type: `Counter` for `crate::Counter<T>`.
pub(crate) fn type_name(ty: &Type) -> Option<&Ident> {
    match ty {
        Type::Path(path) if path.qself.is_none() => Some(&path.path.segments.last()?.ident),
        _ => None,
    }
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

/// The names a pattern binds.
pub(crate) fn pat_names(pat: &syn::Pat, into: &mut Vec<String>) {
    struct Names<'a>(&'a mut Vec<String>);
    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_pat_ident(&mut self, binding: &'ast syn::PatIdent) {
            let name = binding.ident.to_string();
            // `None`, `Empty` and other constants in patterns start uppercase.
            if !name.starts_with(char::is_uppercase) {
                self.0.push(name);
            }
            visit::visit_pat_ident(self, binding);
        }
        fn visit_expr(&mut self, _: &'ast Expr) {}
    }
    Names(into).visit_pat(pat);
}

/// `+=`, `|=` and the other operators that assign what they compute.
pub(crate) fn is_compound_assignment(op: syn::BinOp) -> bool {
    use syn::BinOp;
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

/// The plain names an expression reads (`a` and `b` in `f(a, b.c)`), in
/// closures and macro arguments too.
pub(crate) fn named_locals(expr: &Expr) -> Vec<String> {
    use syn::visit::Visit;
    struct Names(Vec<String>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
            if let Some(ident) = path.path.get_ident() {
                self.0.push(crate::program::unraw(ident));
            }
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            for arg in macro_args(mac) {
                self.visit_expr(&arg);
            }
        }
    }
    let mut names = Names(Vec::new());
    names.visit_expr(expr);
    names.0
}

/// The variable a place expression starts from: `g` for `*g`, `g.a.b`, `g[0]`.
pub(crate) fn root_place(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Field(field) => &field.base,
            Expr::Index(index) => &index.expr,
            Expr::Paren(inner) => &inner.expr,
            Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => &unary.expr,
            Expr::MethodCall(call) if call.args.is_empty() => &call.receiver,
            _ => return expr,
        };
    }
}
