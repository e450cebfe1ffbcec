//! Finding what a method call, a field access or a deref reaches, with the
//! receiver's type: inherent methods first, then trait impls, then the
//! same on what the type derefs to (`Arc<Mutex<T>>` reaches `Mutex::lock`).

use super::ty::Ty;
use super::{FnId, FnMarks, IoKind, Program, Receiver};

/// How many derefs a lookup follows before it gives up.
const MAX_DEREFS: usize = 8;

/// A method a call resolves to.
#[derive(Debug, Clone)]
pub struct Method {
    /// The function it is.
    pub id: FnId,
    /// The return type with the receiver's type arguments put in; for an
    /// `async fn`, the future ([`Ty::Future`]).
    pub ret: Ty,
    /// How it takes `self`.
    pub receiver: Receiver,
    /// What the well-known APIs say it does (the impl's marks for a trait
    /// method the impl does not write out).
    pub marks: FnMarks,
    /// The type it was found on, after derefs.
    pub found_on: Ty,
    /// Where it comes from.
    pub source: MethodSource,
}

/// Where a method comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodSource {
    /// An inherent `impl` of the type.
    Inherent,
    /// A trait's method, by the trait's path.
    Trait(String),
}

impl Program {
    /// Whether a value of type `ty` is, or holds, something that does I/O
    /// itself: a file, a socket, a child's pipe, a database connection,
    /// through `Option`, `Box`, writers and the fields of the program's own
    /// structs. A lock around such a value exists for its I/O. A collection
    /// of them (a pool's idle connections) is not: its lock is bookkeeping,
    /// and I/O on one of them needs none of the others.
    pub fn holds_io_resource(&self, ty: &Ty) -> bool {
        // A type (or a trait, for `dyn Write`) with methods doing I/O on it.
        self.holds_within(ty, 3, &|program, path| {
            program
                .inherent_of(path)
                .chain(program.trait_fns_of(path))
                .any(|id| program.does_io_itself(*id))
                || program.trait_impls_of(path).any(|found| {
                    is_resource_io(found.marks.io)
                        || found.methods.iter().any(|id| program.does_io_itself(*id))
                })
        })
    }

    /// Whether a value of type `ty` is, or holds, the end of a channel (a
    /// sender or a receiver), the same way as [`Program::holds_io_resource`]:
    /// a lock around it is how tasks take turns at the channel.
    pub fn holds_channel_end(&self, ty: &Ty) -> bool {
        self.holds_within(ty, 3, &|program, path| {
            program.type_def(path).is_some_and(|def| {
                def.marks.contains(&super::TypeMark::Sender)
                    || def.marks.contains(&super::TypeMark::Receiver)
            })
        })
    }

    /// Whether `ty` is, or holds through `Option`, `Box`, wrappers and the
    /// fields of the program's own structs (not through collections), a
    /// named type `is_it` accepts.
    fn holds_within(&self, ty: &Ty, depth: usize, is_it: &dyn Fn(&Program, &str) -> bool) -> bool {
        if depth == 0 {
            return false;
        }
        match ty {
            Ty::Ref(_, inner) | Ty::Slice(inner) => self.holds_within(inner, depth, is_it),
            Ty::Tuple(items) => items
                .iter()
                .any(|item| self.holds_within(item, depth - 1, is_it)),
            Ty::Bounds(traits) => traits.iter().any(|path| is_it(self, path)),
            Ty::Named(path, args) => {
                // The program's own generic types are read by their fields
                // (a generic map of its own is a collection, not a wrapper);
                // well-known ones by their arguments (`Option<File>`).
                let own = self.type_def(path).filter(|def| def.file.is_some());
                is_it(self, path)
                    || match own {
                        Some(def) => def
                            .fields
                            .iter()
                            .any(|(_, field)| self.holds_within(field, depth - 1, is_it)),
                        None => {
                            !is_collection(path)
                                && args
                                    .iter()
                                    .any(|arg| self.holds_within(arg, depth - 1, is_it))
                        }
                    }
            }
            _ => false,
        }
    }

    /// A method (not a constructor) whose call does file, network, database
    /// or process I/O.
    fn does_io_itself(&self, id: FnId) -> bool {
        let def = self.function(id);
        def.receiver.is_some() && is_resource_io(def.marks.io)
    }

    /// The method `name` on a value of type `receiver`, following derefs.
    pub fn method(&self, receiver: &Ty, name: &str) -> Option<Method> {
        let mut current = receiver.strip_refs().clone();
        for _ in 0..MAX_DEREFS {
            if let Some(found) = self.method_on(&current, name) {
                return Some(found);
            }
            current = self.deref(&current)?.strip_refs().clone();
        }
        None
    }

    /// An associated function or method named by a path: `Mutex::new`,
    /// `Type::method`. `ty` is the type before `::`.
    pub fn associated(&self, ty: &Ty, name: &str) -> Option<Method> {
        self.method_on(ty, name)
    }

    fn method_on(&self, ty: &Ty, name: &str) -> Option<Method> {
        let path = ty.path()?;
        for id in self.inherent_of(path) {
            let def = self.function(*id);
            if def.name == name {
                return Some(self.bind(*id, ty, def.marks, MethodSource::Inherent));
            }
        }
        for implemented in self.trait_impls_of(path) {
            let own = implemented
                .methods
                .iter()
                .find(|id| self.function(**id).name == name);
            let declared = || {
                self.trait_fns_of(&implemented.trait_)
                    .find(|id| self.function(**id).name == name)
            };
            let Some(id) = own.or_else(declared) else {
                continue;
            };
            let def = self.function(*id);
            let marks = if def.marks == FnMarks::default() {
                implemented.marks
            } else {
                def.marks
            };
            return Some(self.bind(
                *id,
                ty,
                marks,
                MethodSource::Trait(implemented.trait_.clone()),
            ));
        }
        None
    }

    /// The method's signature with the receiver's type arguments in place.
    fn bind(&self, id: FnId, actual: &Ty, marks: FnMarks, source: MethodSource) -> Method {
        let def = self.function(id);
        let mut bound = vec![(super::ty::self_name(), actual.clone())];
        if let Some(declared) = &def.self_ty {
            actual.bind_to(declared, &mut bound);
        }
        let ret = def.ret.substitute(&bound);
        let ret = if def.is_async { Ty::future(ret) } else { ret };
        Method {
            id,
            ret,
            receiver: def.receiver.unwrap_or(Receiver::Value),
            marks,
            found_on: actual.clone(),
            source,
        }
    }

    /// What `*value` is: through a reference, or a `Deref` impl.
    pub fn deref(&self, ty: &Ty) -> Option<Ty> {
        match ty {
            Ty::Ref(_, inner) => Some((**inner).clone()),
            Ty::Named(path, _) => {
                let implemented = self
                    .trait_impls_of(path)
                    .find(|implemented| implemented.trait_ == "std::ops::Deref")?;
                let (_, target) = implemented
                    .assoc
                    .iter()
                    .find(|(name, _)| name == "Target")?;
                let bound: Vec<(super::ty::Name, Ty)> = implemented
                    .generics
                    .iter()
                    .filter_map(|(param, position)| {
                        Some((param.clone(), ty.args().get((*position)?)?.clone()))
                    })
                    .collect();
                let target = target.substitute(&bound);
                target.is_known().then_some(target)
            }
            _ => None,
        }
    }

    /// The type of field `name` on a value of type `ty`, following derefs.
    pub fn field(&self, ty: &Ty, name: &str) -> Option<Ty> {
        self.field_of(ty, name).map(|(_, field)| field)
    }

    /// Field `name` on a value of type `ty`, following derefs: the path of
    /// the type that declares it, and its type.
    pub fn field_of(&self, ty: &Ty, name: &str) -> Option<(String, Ty)> {
        let mut current = ty.strip_refs().clone();
        for _ in 0..MAX_DEREFS {
            if let Ty::Tuple(items) = &current {
                let index: usize = name.parse().ok()?;
                return items.get(index).cloned().map(|item| (String::new(), item));
            }
            if let Some(path) = current.path() {
                if let Some(def) = self.type_def(path) {
                    if let Some((_, field)) = def.fields.iter().find(|(field, _)| field == name) {
                        let bound: Vec<(super::ty::Name, Ty)> = def
                            .generics
                            .iter()
                            .map(|param| super::ty::Name::from(param.as_str()))
                            .zip(current.args().iter().cloned())
                            .collect();
                        return Some((path.to_owned(), field.substitute(&bound)));
                    }
                }
            }
            current = self.deref(&current)?.strip_refs().clone();
        }
        None
    }
}

/// I/O on a resource (not a sleep or a wait for another thread).
fn is_resource_io(kind: Option<IoKind>) -> bool {
    matches!(
        kind,
        Some(IoKind::File | IoKind::Network | IoKind::Database | IoKind::Process)
    )
}

/// Collections: a lock around one guards which items are there, not each
/// item's I/O.
fn is_collection(path: &str) -> bool {
    matches!(
        path,
        "std::vec::Vec"
            | "std::collections::VecDeque"
            | "std::collections::HashMap"
            | "std::collections::BTreeMap"
            | "std::collections::HashSet"
            | "std::collections::BTreeSet"
            | "std::collections::LinkedList"
            | "std::collections::BinaryHeap"
    )
}
