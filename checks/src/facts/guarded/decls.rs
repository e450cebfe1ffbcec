//! The locks a program declares (fields and statics whose type holds one),
//! and whether a lock method hands out a shared guard.

use super::*;

/// Whether the guard `lock.method()` gives is shared (an `RwLock`'s read
/// guard, which waits only for writers): `None` when the method or its
/// guard is not known.
pub fn takes_shared(program: &Program, lock: &Ty, method: Option<&str>) -> Option<bool> {
    use crate::program::TypeMark;
    fn guard(program: &Program, ty: &Ty, depth: usize) -> Option<bool> {
        let marks = program.marks(ty);
        if marks.contains(&TypeMark::SyncGuard) || marks.contains(&TypeMark::AsyncGuard) {
            return Some(marks.contains(&TypeMark::SharedGuard));
        }
        if depth > 3 {
            return None;
        }
        match ty.strip_refs() {
            // `LockResult<RwLockReadGuard<T>>`, `Option<..>`, a future of it.
            Ty::Named(_, args) => args.iter().find_map(|arg| guard(program, arg, depth + 1)),
            Ty::Future(output) => guard(program, output, depth + 1),
            _ => None,
        }
    }
    let found = program.method(lock, method?)?;
    guard(program, &found.ret, 0)
}

/// A field or static whose type holds a lock, as declared.
pub(crate) struct LockDecl<'a> {
    /// The lock's identity: `app::Client.next_id`, `app::CACHE`.
    pub place: String,
    /// The field's or static's name.
    pub name: String,
    /// The lock's type (`Mutex<u64>`), inside any `Arc` or `LazyLock`.
    pub lock: Ty,
    /// What it protects.
    pub protects: Ty,
    /// Where it is written.
    pub ty: &'a syn::Type,
}

/// Calls `found` for every field and static of `items` (module `module`,
/// inline modules included) whose resolved type holds a lock, with the
/// `#[unmixed::allow]` scopes of its item and field in force.
pub(crate) fn lock_declarations<'a>(
    program: &Program,
    items: &'a [syn::Item],
    module: &str,
    report: &mut crate::Report,
    found: &mut dyn FnMut(LockDecl<'a>, &mut crate::Report),
) {
    for item in items {
        report.allowing(crate::syntax::item_attrs(item), |report| match item {
            syn::Item::Struct(item) => {
                let path = format!("{module}::{}", crate::program::unraw(&item.ident));
                let Some(def) = program.type_def(&path) else {
                    return;
                };
                for (index, field) in item.fields.iter().enumerate() {
                    let name = field
                        .ident
                        .as_ref()
                        .map_or_else(|| index.to_string(), crate::program::unraw);
                    let Some((_, declared)) = def.fields.iter().find(|(field, _)| *field == name)
                    else {
                        continue;
                    };
                    let Some((lock, protects)) = lock_in(program, declared) else {
                        continue;
                    };
                    let place = format!("{path}.{name}");
                    report.allowing(&field.attrs, |report| {
                        found(
                            LockDecl {
                                place,
                                name,
                                lock,
                                protects,
                                ty: &field.ty,
                            },
                            report,
                        );
                    });
                }
            }
            syn::Item::Static(item) => {
                let path = format!("{module}::{}", crate::program::unraw(&item.ident));
                let Some(ValueDef::Static(declared)) = program.value(&path) else {
                    return;
                };
                if let Some((lock, protects)) = lock_in(program, declared) {
                    found(
                        LockDecl {
                            place: path,
                            name: crate::program::unraw(&item.ident),
                            lock,
                            protects,
                            ty: &item.ty,
                        },
                        report,
                    );
                }
            }
            syn::Item::Mod(inner) => {
                if let Some((_, content)) = &inner.content {
                    let path = format!("{module}::{}", crate::program::unraw(&inner.ident));
                    lock_declarations(program, content, &path, report, found);
                }
            }
            _ => {}
        });
    }
}

/// The lock a declared type holds (through `Arc`, `Box`, `LazyLock`,
/// `OnceLock`, ...), and what it protects.
pub(crate) fn lock_in(program: &Program, ty: &Ty) -> Option<(Ty, Ty)> {
    use crate::program::TypeMark;
    let mut current = ty.strip_refs().clone();
    for _ in 0..4 {
        let marks = program.marks(&current);
        if marks.contains(&TypeMark::SyncLock) || marks.contains(&TypeMark::AsyncLock) {
            let protects = current.arg(0);
            return protects.is_known().then_some((current, protects));
        }
        current = match current.path() {
            Some("std::sync::OnceLock" | "once_cell::sync::OnceCell") => current.arg(0),
            _ => program.deref(&current)?.strip_refs().clone(),
        };
    }
    None
}

/// The syntax of the lock inside a declared type (`Mutex<u64>` in
/// `Arc<Mutex<u64>>`), found by the lock's name; the whole type otherwise.
pub(crate) fn lock_syntax<'a>(ty: &'a syn::Type, lock: &Ty) -> &'a syn::Type {
    let name = lock
        .path()
        .and_then(|path| path.rsplit("::").next())
        .unwrap_or_default();
    let mut current = ty;
    for _ in 0..4 {
        let syn::Type::Path(path) = current else {
            break;
        };
        let Some(last) = path.path.segments.last() else {
            break;
        };
        if last.ident == name {
            return current;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            break;
        };
        let Some(inner) = args.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        }) else {
            break;
        };
        current = inner;
    }
    ty
}
