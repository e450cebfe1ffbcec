//! The crate model: what a program declares, by absolute path.
//!
//! A [`Program`] holds the modules of one or more crates (a workspace, a
//! single crate, or the one item a macro sees), their imports, and the
//! items they declare: structs with their field types, functions and
//! methods with their signatures, trait impls, type aliases, statics. It
//! starts as a copy of the well-known APIs ([`crate::known`]: std, tokio,
//! parking_lot, ... written as stubs and indexed by the same code), so a
//! user's `Mutex` resolves to `std::sync::Mutex` or `tokio::sync::Mutex`
//! the way rustc resolves it, and a method call finds its signature the
//! same way whether the type is the user's or std's.
//!
//! Building happens in two steps, so that files can be parsed on several
//! threads: [`index`] reads syntax into plain data ([`FileIndex`]), and
//! [`Program::build`] links the indexes of every file and resolves names.
//! Function facts ([`crate::facts`]) are added afterwards.

mod index;
mod lookup;
mod prelude;
pub(crate) mod resolve;
mod ty;

use crate::hash::FxHashMap as HashMap;

pub use index::{for_each_fn, index_items, FileIndex, FnSyntax, FnWalk, ModDecl, Scope};
pub use lookup::{Method, MethodSource};
pub use ty::{unraw, Name, Ty, TyExpr};

/// A module of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModId(pub(crate) u32);

/// A function or method of the program (well-known ones included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId(pub(crate) u32);

/// A file given to the program, numbered by whoever builds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// What the well-known APIs say about a type (from the stubs' attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeMark {
    /// A lock whose guard blocks a thread (`std::sync::Mutex`, parking_lot).
    SyncLock,
    /// A lock taken with `.await` (`tokio::sync::Mutex`).
    AsyncLock,
    /// A guard of a lock that blocks threads.
    SyncGuard,
    /// A guard of an async lock.
    AsyncGuard,
    /// A `RefCell` borrow.
    CellBorrow,
    /// A guard other holders of the same kind may hold at once: an
    /// `RwLock`'s read guard, which waits only for writers.
    SharedGuard,
    /// An atomic or `ArcSwap`: shared mutable memory without a lock.
    Atomic,
    /// A map that locks per shard (`DashMap`).
    ConcurrentMap,
    /// The receiving end of a channel.
    Receiver,
    /// The sending end of a channel.
    Sender,
    /// A value in memory that reads and writes like I/O (`Vec<u8>`, `Cursor`).
    Buffer,
    /// A thread pool that takes jobs.
    ThreadPool,
}

/// What a well-known function does when it runs, from the stubs' attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IoKind {
    /// Reading or writing files, or the file system.
    File,
    /// Sockets: TCP, UDP, Unix, HTTP clients.
    Network,
    /// A database client's round trip.
    Database,
    /// Running a child process, or waiting for one.
    Process,
    /// A deliberate wait: `thread::sleep`.
    Sleep,
    /// Waiting for another thread or task: a blocking `recv`, `join`.
    Wait,
    /// Running a future to completion on this thread.
    BlockOn,
    /// A call the project's configuration lists as blocking.
    Configured,
}

impl IoKind {
    /// How a message names it.
    pub fn noun(self, awaited: bool) -> &'static str {
        match (self, awaited) {
            (IoKind::File, false) => "file I/O",
            (IoKind::File, true) => "awaited file I/O",
            (IoKind::Network, false) => "network I/O",
            (IoKind::Network, true) => "awaited network I/O",
            (IoKind::Database, false) => "a database call",
            (IoKind::Database, true) => "an awaited database call",
            (IoKind::Process, false) => "running a process",
            (IoKind::Process, true) => "awaiting a process",
            (IoKind::Sleep, false) => "a sleep",
            (IoKind::Sleep, true) => "an awaited sleep",
            (IoKind::Wait, false) => "a blocking wait",
            (IoKind::Wait, true) => "an awaited wait for another task",
            (IoKind::BlockOn, _) => "blocking on a future",
            (IoKind::Configured, _) => "a call listed as blocking in unmixed.toml",
        }
    }
}

/// How a channel constructor bounds its queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    /// Senders wait (or fail) when the queue is full.
    Bounded,
    /// The queue grows without limit.
    Unbounded,
    /// One value at most (`oneshot`, `watch`).
    Single,
    /// Every receiver sees every value (`broadcast`): bounded, lossy.
    Broadcast,
}

/// What the well-known APIs say a function does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FnMarks {
    /// It does I/O (when called, or when awaited for an `async fn`).
    pub io: Option<IoKind>,
    /// Its I/O is that of its receiver's first type argument
    /// (`BufWriter<W>` writes through `W`).
    pub io_through: bool,
    /// It runs the closure or future it is given on another task or thread.
    pub spawns: bool,
    /// It hands the closure to a pool of identical workers.
    pub pool_job: bool,
    /// It makes a channel.
    pub channel: Option<ChannelKind>,
    /// It never waits, though it shares a name with calls that do
    /// (std's `Sender::send`, `watch::Sender::send`).
    pub never_waits: bool,
    /// Awaiting it awaits the future it is given (`tokio::time::timeout`).
    pub forwards: bool,
}

/// A struct, enum, union or trait.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Its absolute path.
    pub path: String,
    /// The module that declares it.
    pub module: ModId,
    /// Its generic type parameters, in order.
    pub generics: Vec<String>,
    /// Named fields, and tuple fields by index.
    pub fields: Vec<(String, Ty)>,
    /// What the well-known APIs say about it.
    pub marks: Vec<TypeMark>,
    /// Struct, enum, union or trait.
    pub kind: TypeKind,
    /// Where it is declared, for messages: `None` for well-known types.
    pub file: Option<FileId>,
}

/// What kind of type item a [`TypeDef`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// `struct`.
    Struct,
    /// `enum`.
    Enum,
    /// `union`.
    Union,
    /// `trait`.
    Trait,
}

/// A value item: what a path expression can name.
#[derive(Debug, Clone)]
pub enum ValueDef {
    /// A function.
    Fn(FnId),
    /// A static or const, with its type.
    Static(Ty),
    /// A tuple or unit struct, or an enum variant, used as a value: its type's path.
    Constructor(String),
}

/// How a method takes its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    /// `self`: the call consumes the value.
    Value,
    /// `&self`.
    Ref,
    /// `&mut self`.
    RefMut,
}

/// A function or method, with its signature resolved.
#[derive(Debug, Clone)]
pub struct FnDef {
    /// Its name.
    pub name: String,
    /// `app::db::save`, or `app::db::Store::save` for a method.
    pub path: String,
    /// The module that declares it.
    pub module: ModId,
    /// The type an `impl` block gives it, by path.
    pub owner: Option<String>,
    /// That type as the impl writes it, generic parameters and all
    /// (`Mutex<T>`), to bind them against the receiver's actual type.
    pub self_ty: Option<Ty>,
    /// The trait it implements or declares.
    pub trait_: Option<String>,
    /// How a method takes `self`; `None` for a function.
    pub receiver: Option<Receiver>,
    /// Parameters after the receiver: name (for plain bindings) and type.
    pub params: Vec<(Option<String>, Ty)>,
    /// The declared return type; for an `async fn`, what awaiting it gives.
    pub ret: Ty,
    /// An `async fn`: calling it gives a future.
    pub is_async: bool,
    /// Generic parameters of the impl and the function.
    pub generics: Vec<String>,
    /// What the well-known APIs say it does.
    pub marks: FnMarks,
    /// Where its body is: the file and the function's place in
    /// [`index::for_each_fn`]'s order. `None` for well-known functions.
    pub body: Option<(FileId, u32)>,
    /// Test code: `#[test]`, inside `#[cfg(test)]`, or in a test target.
    pub is_test: bool,
}

/// A trait implemented for a type.
#[derive(Debug, Clone)]
pub struct TraitImpl {
    /// The trait's path.
    pub trait_: String,
    /// The impl's generic parameters, and where each sits in the self type's arguments.
    pub generics: Vec<(Name, Option<usize>)>,
    /// Methods the impl defines.
    pub methods: Vec<FnId>,
    /// `type Target = ..` and other associated types.
    pub assoc: Vec<(String, Ty)>,
    /// What the well-known APIs say the trait's methods do for this type.
    pub marks: FnMarks,
}

/// A module: its declarations and imports.
#[derive(Debug, Clone)]
pub struct Module {
    /// `app::db`, or the crate's name for its root.
    pub path: String,
    /// The root module of its crate.
    pub crate_root: ModId,
    /// The module that declares it; `None` for a crate's root.
    pub parent: Option<ModId>,
    /// Its submodules, by name.
    pub children: HashMap<String, ModId>,
    /// Types declared here, by name -> absolute path.
    pub types: HashMap<String, String>,
    /// Values declared here, by name -> absolute path.
    pub values: HashMap<String, String>,
    /// `use` bindings: name -> path as written.
    pub imports: HashMap<String, Vec<Import>>,
    /// The imports resolved, in the type and the value namespace.
    pub(crate) resolved: HashMap<String, [Option<resolve::Res>; 2]>,
    /// `use path::*` not resolved (yet), as written.
    pub globs: Vec<Vec<String>>,
    /// What the resolved globs name: modules, or enums for their variants.
    pub(crate) glob_targets: Vec<resolve::Res>,
    /// Test code: under `#[cfg(test)]`, or in a test target.
    pub is_test: bool,
    /// The file that holds it.
    pub file: Option<FileId>,
}

/// One `use` binding, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// `use ::a::b`: starts at the extern crates.
    pub global: bool,
    /// The path's segments.
    pub segments: Vec<String>,
}

/// The model of a program; see the module documentation.
///
/// A program is a layer over the well-known APIs' program (`base`): what
/// it declares is its own, lookups fall through to the base, and ids
/// continue the base's numbering, so building one copies nothing.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub(crate) base: Option<&'static Program>,
    /// How many modules and functions the base has: local ids start there.
    pub(crate) base_modules: usize,
    pub(crate) base_fns: usize,
    pub(crate) modules: Vec<Module>,
    /// Crate name -> root module; `core` and `alloc` name std's.
    pub(crate) crates: HashMap<String, ModId>,
    pub(crate) types: HashMap<String, TypeDef>,
    pub(crate) aliases: HashMap<String, (Vec<String>, Ty)>,
    pub(crate) values: HashMap<String, ValueDef>,
    pub(crate) fns: Vec<FnDef>,
    /// Inherent methods and associated functions, by the type's path.
    pub(crate) inherent: HashMap<String, Vec<FnId>>,
    /// Trait impls, by the implementing type's path.
    pub(crate) trait_impls: HashMap<String, Vec<TraitImpl>>,
    /// The functions a trait declares, by the trait's path.
    pub(crate) trait_fns: HashMap<String, Vec<FnId>>,
    /// Each file's functions, in [`index::for_each_fn`] order.
    pub(crate) file_fns: HashMap<FileId, Vec<FnId>>,
    /// The modules each file holds, in the order the file declares them
    /// (the file's own module first).
    pub(crate) file_modules: HashMap<FileId, Vec<ModId>>,
}

impl Program {
    /// A module, of this layer or the base.
    pub fn module(&self, id: ModId) -> &Module {
        let index = id.0 as usize;
        match self.base {
            Some(base) if index < self.base_modules => base.module(id),
            _ => &self.modules[index - self.base_modules],
        }
    }

    /// A module of this layer, to change while building.
    pub(crate) fn module_mut(&mut self, id: ModId) -> &mut Module {
        let index = id.0 as usize - self.base_modules;
        &mut self.modules[index]
    }

    /// A function, of this layer or the base.
    pub fn function(&self, id: FnId) -> &FnDef {
        let index = id.0 as usize;
        match self.base {
            Some(base) if index < self.base_fns => base.function(id),
            _ => &self.fns[index - self.base_fns],
        }
    }

    /// The functions this layer declares (not the well-known ones).
    pub fn functions(&self) -> impl Iterator<Item = (FnId, &FnDef)> {
        (self.base_fns as u32..).map(FnId).zip(&self.fns)
    }

    /// A type item by its absolute path.
    pub fn type_def(&self, path: &str) -> Option<&TypeDef> {
        self.types
            .get(path)
            .or_else(|| self.base.and_then(|base| base.type_def(path)))
    }

    /// A value item by its absolute path.
    pub fn value(&self, path: &str) -> Option<&ValueDef> {
        self.values
            .get(path)
            .or_else(|| self.base.and_then(|base| base.value(path)))
    }

    pub(crate) fn alias(&self, path: &str) -> Option<&(Vec<String>, Ty)> {
        self.aliases
            .get(path)
            .or_else(|| self.base.and_then(|base| base.alias(path)))
    }

    /// The trait impls of a type, in this layer and below.
    pub fn trait_impls_of<'p>(&'p self, path: &str) -> impl Iterator<Item = &'p TraitImpl> + 'p {
        let own = self.trait_impls.get(path).into_iter().flatten();
        let below = self
            .base
            .and_then(|base| base.trait_impls.get(path))
            .into_iter()
            .flatten();
        own.chain(below)
    }

    /// The inherent methods and associated functions of a type.
    pub(crate) fn inherent_of<'p>(&'p self, path: &str) -> impl Iterator<Item = &'p FnId> + 'p {
        let own = self.inherent.get(path).into_iter().flatten();
        let below = self
            .base
            .and_then(|base| base.inherent.get(path))
            .into_iter()
            .flatten();
        own.chain(below)
    }

    /// The functions a trait declares.
    pub(crate) fn trait_fns_of<'p>(&'p self, path: &str) -> impl Iterator<Item = &'p FnId> + 'p {
        let own = self.trait_fns.get(path).into_iter().flatten();
        let below = self
            .base
            .and_then(|base| base.trait_fns.get(path))
            .into_iter()
            .flatten();
        own.chain(below)
    }

    /// Whether the well-known APIs mark the type (behind references) so.
    pub fn has_mark(&self, ty: &Ty, mark: TypeMark) -> bool {
        self.marks(ty).contains(&mark)
    }

    /// Everything the well-known APIs say about a type (behind references).
    pub fn marks(&self, ty: &Ty) -> &[TypeMark] {
        match ty.strip_refs() {
            // Only well-known types carry marks; they all have a path.
            Ty::Named(path, _) if path.contains(':') => {
                self.type_def(path).map_or(&[], |def| def.marks.as_slice())
            }
            _ => &[],
        }
    }

    /// The functions of a file, in [`index::for_each_fn`] order.
    pub fn file_functions(&self, file: FileId) -> &[FnId] {
        self.file_fns.get(&file).map_or(&[], Vec::as_slice)
    }

    /// The modules a file holds, its own first, then inline ones in order.
    pub fn file_modules(&self, file: FileId) -> &[ModId] {
        self.file_modules.get(&file).map_or(&[], Vec::as_slice)
    }

    /// A module by its absolute path.
    pub fn module_at(&self, path: &str) -> Option<ModId> {
        self.module_by_path(path)
    }

    /// The root module of a crate, by the name other crates use for it.
    pub fn crate_root(&self, name: &str) -> Option<ModId> {
        self.crates
            .get(name)
            .copied()
            .or_else(|| self.base.and_then(|base| base.crate_root(name)))
    }
}
