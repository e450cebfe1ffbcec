//! Attributes that only mean something to unmixed (`#[unmixed::allow]`,
//! `#[detached]`): validated, then removed before the compiler sees them,
//! so that they are legal on statements and expressions too.

use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, ImplItem, Item, Stmt};
use unmixed_checks::parse_allow;

use crate::ctxt::Ctxt;

/// Validates every `#[unmixed::allow]` inside a node and removes it.
pub struct StripAllows<'a> {
    pub cx: &'a mut Ctxt,
}

impl StripAllows<'_> {
    fn strip(&mut self, attrs: &mut Vec<Attribute>) {
        attrs.retain(|attr| match parse_allow(attr) {
            None => true,
            Some(Ok(_)) => false,
            Some(Err(error)) => {
                self.cx.syn_error(error);
                false
            }
        });
    }
}

impl VisitMut for StripAllows<'_> {
    fn visit_item_mut(&mut self, item: &mut Item) {
        if let Some(attrs) = item_attrs_mut(item) {
            self.strip(attrs);
        }
        visit_mut::visit_item_mut(self, item);
    }

    fn visit_impl_item_mut(&mut self, item: &mut ImplItem) {
        match item {
            ImplItem::Fn(method) => self.strip(&mut method.attrs),
            ImplItem::Const(constant) => self.strip(&mut constant.attrs),
            ImplItem::Type(alias) => self.strip(&mut alias.attrs),
            ImplItem::Macro(mac) => self.strip(&mut mac.attrs),
            _ => {}
        }
        visit_mut::visit_impl_item_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        self.strip(&mut field.attrs);
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Local(local) => self.strip(&mut local.attrs),
            Stmt::Macro(mac) => self.strip(&mut mac.attrs),
            Stmt::Item(_) | Stmt::Expr(..) => {}
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Some(attrs) = expr_attrs_mut(expr) {
            self.strip(attrs);
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        self.strip(&mut arm.attrs);
        visit_mut::visit_arm_mut(self, arm);
    }
}

/// Removes `#[detached]` (or `#[unmixed::detached]`) from a method's attributes.
pub fn take_detached(attrs: &mut Vec<Attribute>) -> Option<Attribute> {
    let position = attrs.iter().position(unmixed_checks::actors::is_detached)?;
    Some(attrs.remove(position))
}

fn item_attrs_mut(item: &mut Item) -> Option<&mut Vec<Attribute>> {
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

fn expr_attrs_mut(expr: &mut Expr) -> Option<&mut Vec<Attribute>> {
    Some(match expr {
        Expr::Array(e) => &mut e.attrs,
        Expr::Assign(e) => &mut e.attrs,
        Expr::Async(e) => &mut e.attrs,
        Expr::Await(e) => &mut e.attrs,
        Expr::Binary(e) => &mut e.attrs,
        Expr::Block(e) => &mut e.attrs,
        Expr::Break(e) => &mut e.attrs,
        Expr::Call(e) => &mut e.attrs,
        Expr::Cast(e) => &mut e.attrs,
        Expr::Closure(e) => &mut e.attrs,
        Expr::Const(e) => &mut e.attrs,
        Expr::Continue(e) => &mut e.attrs,
        Expr::Field(e) => &mut e.attrs,
        Expr::ForLoop(e) => &mut e.attrs,
        Expr::Group(e) => &mut e.attrs,
        Expr::If(e) => &mut e.attrs,
        Expr::Index(e) => &mut e.attrs,
        Expr::Infer(e) => &mut e.attrs,
        Expr::Let(e) => &mut e.attrs,
        Expr::Lit(e) => &mut e.attrs,
        Expr::Loop(e) => &mut e.attrs,
        Expr::Macro(e) => &mut e.attrs,
        Expr::Match(e) => &mut e.attrs,
        Expr::MethodCall(e) => &mut e.attrs,
        Expr::Paren(e) => &mut e.attrs,
        Expr::Path(e) => &mut e.attrs,
        Expr::Range(e) => &mut e.attrs,
        Expr::RawAddr(e) => &mut e.attrs,
        Expr::Reference(e) => &mut e.attrs,
        Expr::Repeat(e) => &mut e.attrs,
        Expr::Return(e) => &mut e.attrs,
        Expr::Struct(e) => &mut e.attrs,
        Expr::Try(e) => &mut e.attrs,
        Expr::TryBlock(e) => &mut e.attrs,
        Expr::Tuple(e) => &mut e.attrs,
        Expr::Unary(e) => &mut e.attrs,
        Expr::Unsafe(e) => &mut e.attrs,
        Expr::While(e) => &mut e.attrs,
        Expr::Yield(e) => &mut e.attrs,
        _ => return None,
    })
}
