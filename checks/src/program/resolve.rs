//! Linking file indexes into a [`Program`], and resolving names the way
//! rustc does for the cases that matter here: items and `use` bindings of
//! a module (nested groups, renames, `self`/`super`/`crate`, re-exports,
//! globs), then extern crates, then the std prelude.

use crate::hash::FxHashMap as HashMap;

use super::index::{FileIndex, RawFn};
use super::prelude;
use super::ty::{Ty, TyExpr};
use super::{FnDef, FnId, Import, ModId, Module, Program, TraitImpl, TypeDef, ValueDef};

/// What a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Res {
    Module(ModId),
    /// A struct, enum, union, trait or alias, by absolute path.
    Type(String),
    /// A function, static, const or constructor, by absolute path.
    Value(String),
    /// `u64`, `str`, `bool`, ...
    Primitive(&'static str),
    /// An item of a crate the program does not model (`serde_json::Value`):
    /// its path is known, nothing else.
    Extern(String),
    /// `Type::name`: an associated function, constant or variant.
    Assoc(String, String),
}

/// The namespace the last segment of a path is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    Type,
    Value,
}

impl Program {
    /// Links the indexes of a program's files on top of `base` (the
    /// well-known APIs; `None` when building those).
    pub fn build(base: Option<&'static Program>, files: Vec<FileIndex>) -> Program {
        let mut program = Program {
            base,
            base_modules: base.map_or(0, |base| base.base_modules + base.modules.len()),
            base_fns: base.map_or(0, |base| base.base_fns + base.fns.len()),
            ..Program::default()
        };
        let first_module = program.base_modules;
        let mut pending: Vec<PendingFn> = Vec::new();
        for index in &files {
            program.register(index);
        }
        program.resolve_imports(first_module);
        // Aliases first (twice, for aliases of aliases), so that the field
        // and signature types written with them resolve in any file.
        for _ in 0..2 {
            for index in &files {
                program.link_aliases(index);
            }
        }
        for index in files {
            program.link(index, &mut pending);
        }
        program.finish_fns(pending);
        program
    }

    /// Makes `alias` another name for the crate `real` (a renamed dependency).
    pub fn alias_crate(&mut self, alias: &str, real: &str) {
        if let Some(root) = self.crate_root(real) {
            self.crates.entry(alias.to_owned()).or_insert(root);
        }
    }

    fn module_id(&mut self, path: &str) -> ModId {
        // Only this layer's modules: a crate of the program named like a
        // well-known one (reviewing tokio itself) is its own crate, and
        // shadows the stubs.
        if let Some(id) = self.local_module_by_path(path) {
            return id;
        }
        let parent = path
            .rsplit_once("::")
            .map(|(parent, _)| self.module_id(parent));
        let id = ModId((self.base_modules + self.modules.len()) as u32);
        let crate_root = parent.map_or(id, |parent| self.module(parent).crate_root);
        self.modules.push(Module {
            path: path.to_owned(),
            crate_root,
            parent,
            children: HashMap::default(),
            types: HashMap::default(),
            values: HashMap::default(),
            imports: HashMap::default(),
            resolved: HashMap::default(),
            globs: Vec::new(),
            glob_targets: Vec::new(),
            is_test: false,
            file: None,
        });
        match parent {
            Some(parent) => {
                let name = path.rsplit("::").next().unwrap_or(path).to_owned();
                // A module of the base is never a parent: programs add crates.
                if parent.0 as usize >= self.base_modules {
                    self.module_mut(parent).children.insert(name, id);
                }
            }
            None => {
                self.crates.insert(path.to_owned(), id);
            }
        }
        id
    }

    fn local_module_by_path(&self, path: &str) -> Option<ModId> {
        let mut segments = path.split("::");
        let mut id = *self.crates.get(segments.next()?)?;
        for segment in segments {
            id = *self.module(id).children.get(segment)?;
        }
        (self.module(id).path == path).then_some(id)
    }

    pub(crate) fn module_by_path(&self, path: &str) -> Option<ModId> {
        let mut segments = path.split("::");
        let mut id = self.crate_root(segments.next()?)?;
        for segment in segments {
            id = *self.module(id).children.get(segment)?;
        }
        (self.module(id).path == path).then_some(id)
    }

    /// First pass: every module and every item's name, so that the second
    /// pass can resolve paths across files in any order.
    fn register(&mut self, index: &FileIndex) {
        for raw in &index.modules {
            let id = self.module_id(&raw.path);
            let module = self.module_mut(id);
            module.is_test = raw.is_test;
            module.file = index.file;
            for (name, import) in &raw.imports {
                module
                    .imports
                    .entry(name.clone())
                    .or_default()
                    .push(import.clone());
            }
            module.globs.extend(raw.globs.iter().cloned());
            if let Some(file) = index.file {
                self.file_modules.entry(file).or_default().push(id);
            }
        }
        if let Some(file) = index.file {
            // The file's own module first: it is the last pushed by the walk.
            if let Some(list) = self.file_modules.get_mut(&file) {
                list.rotate_right(1);
            }
        }
        for raw in &index.types {
            let id = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            let module = self.module_mut(id);
            module.types.insert(raw.name.clone(), path.clone());
            if raw.is_value {
                module.values.insert(raw.name.clone(), path.clone());
                self.values
                    .insert(path.clone(), ValueDef::Constructor(path.clone()));
            }
            for variant in &raw.variants {
                self.values.insert(
                    format!("{path}::{variant}"),
                    ValueDef::Constructor(path.clone()),
                );
            }
            self.types.insert(
                path.clone(),
                TypeDef {
                    path,
                    module: id,
                    generics: raw.generics.clone(),
                    fields: Vec::new(),
                    marks: raw.marks.clone(),
                    kind: raw.kind,
                    file: index.file,
                },
            );
        }
        for raw in &index.aliases {
            let id = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            self.module_mut(id)
                .types
                .insert(raw.name.clone(), path.clone());
            self.aliases
                .insert(path, (raw.generics.clone(), Ty::Unknown));
        }
        for raw in &index.statics {
            let id = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            self.module_mut(id)
                .values
                .insert(raw.name.clone(), path.clone());
            self.values.insert(path, ValueDef::Static(Ty::Unknown));
        }
        for raw in &index.fns {
            if raw.impl_index.is_none() && raw.in_trait.is_none() {
                let id = self.module_id(&raw.module);
                let path = format!("{}::{}", raw.module, raw.name);
                self.module_mut(id).values.insert(raw.name.clone(), path);
            }
        }
    }

    /// Resolves the file's type aliases.
    fn link_aliases(&mut self, index: &FileIndex) {
        for raw in &index.aliases {
            let module = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            let target = self.resolve_type(module, &raw.target, &raw.generics, None);
            self.aliases.insert(path, (raw.generics.clone(), target));
        }
    }

    /// Second pass: resolves the types written in the file's items.
    fn link(&mut self, index: FileIndex, pending: &mut Vec<PendingFn>) {
        for raw in &index.types {
            let module = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            let fields: Vec<(String, Ty)> = raw
                .fields
                .iter()
                .map(|(name, ty)| {
                    (
                        name.clone(),
                        self.resolve_type(module, ty, &raw.generics, None),
                    )
                })
                .collect();
            if let Some(def) = self.types.get_mut(&path) {
                def.fields = fields;
            }
        }
        for raw in &index.aliases {
            let module = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            // An alias resolved before this one sees it as unknown: aliases
            // of aliases across files resolve in a later lookup instead.
            let target = self.resolve_type(module, &raw.target, &raw.generics, None);
            self.aliases.insert(path, (raw.generics.clone(), target));
        }
        for raw in &index.statics {
            let module = self.module_id(&raw.module);
            let path = format!("{}::{}", raw.module, raw.name);
            let ty = self.resolve_type(module, &raw.ty, &[], None);
            self.values.insert(path, ValueDef::Static(ty));
        }
        let impls: Vec<ResolvedImpl> = index
            .impls
            .iter()
            .map(|raw| {
                let module = self.module_id(&raw.module);
                let self_ty = self.resolve_type(module, &raw.self_ty, &raw.generics, None);
                let trait_ = raw
                    .trait_
                    .as_ref()
                    .map(|path| self.resolve_type(module, path, &raw.generics, None))
                    .and_then(|ty| ty.path().map(str::to_owned));
                let positions =
                    raw.generics
                        .iter()
                        .map(|param| {
                            let position = self_ty.args().iter().position(
                                |arg| matches!(arg, Ty::Param(name) if **name == **param),
                            );
                            (super::ty::Name::from(param.as_str()), position)
                        })
                        .collect();
                let assoc = raw
                    .assoc
                    .iter()
                    .map(|(name, ty)| {
                        (
                            name.clone(),
                            self.resolve_type(module, ty, &raw.generics, Some(&self_ty)),
                        )
                    })
                    .collect();
                ResolvedImpl {
                    self_ty,
                    trait_,
                    generics: positions,
                    assoc,
                    marks: raw.marks,
                }
            })
            .collect();
        let first = pending.len();
        for (ordinal, raw) in index.fns.into_iter().enumerate() {
            let id = FnId((self.base_fns + self.fns.len() + pending.len()) as u32);
            pending.push(PendingFn {
                id,
                raw,
                file: index.file,
                ordinal: ordinal as u32,
                impl_: None,
            });
            let entry = pending.last_mut().expect("just pushed");
            if let Some(impl_index) = entry.raw.impl_index {
                entry.impl_ = impls.get(impl_index).cloned();
            }
        }
        // Trait impls with their method lists, once the functions have ids.
        for (position, resolved) in impls.iter().enumerate() {
            let Some(owner) = resolved.self_ty.path().map(str::to_owned) else {
                continue;
            };
            let Some(trait_) = resolved.trait_.clone() else {
                continue;
            };
            let methods = pending[first..]
                .iter()
                .filter(|entry| entry.raw.impl_index == Some(position))
                .map(|entry| entry.id)
                .collect();
            self.trait_impls.entry(owner).or_default().push(TraitImpl {
                trait_,
                generics: resolved.generics.clone(),
                methods,
                assoc: resolved.assoc.clone(),
                marks: resolved.marks,
            });
        }
    }

    fn finish_fns(&mut self, pending: Vec<PendingFn>) {
        for entry in pending {
            let raw = entry.raw;
            let module = self.module_id(&raw.module);
            let self_ty = entry
                .impl_
                .as_ref()
                .map(|resolved| resolved.self_ty.clone());
            let trait_path = match (&entry.impl_, &raw.in_trait) {
                (Some(resolved), _) => resolved.trait_.clone(),
                (None, Some(name)) => Some(format!("{}::{name}", raw.module)),
                (None, None) => None,
            };
            let self_for_trait = raw.in_trait.as_ref().map(|_| Ty::param("Self"));
            let self_ty_ref = self_ty.as_ref().or(self_for_trait.as_ref());
            let params = raw
                .params
                .iter()
                .map(|(name, ty)| {
                    (
                        name.clone(),
                        self.resolve_type(module, ty, &raw.generics, self_ty_ref),
                    )
                })
                .collect();
            let ret = self.resolve_type(module, &raw.ret, &raw.generics, self_ty_ref);
            let owner = self_ty.as_ref().and_then(|ty| ty.path().map(str::to_owned));
            let path = match (&owner, &raw.in_trait) {
                (Some(owner), _) => format!("{owner}::{}", raw.name),
                (None, Some(name)) => format!("{}::{name}::{}", raw.module, raw.name),
                (None, None) => format!("{}::{}", raw.module, raw.name),
            };
            let marks = match &entry.impl_ {
                Some(resolved) if raw.marks == Default::default() => resolved.marks,
                _ => raw.marks,
            };
            let def = FnDef {
                name: raw.name.clone(),
                path: path.clone(),
                module,
                owner: owner.clone(),
                self_ty: self_ty.clone(),
                trait_: trait_path.clone(),
                receiver: raw.receiver,
                params,
                ret,
                is_async: raw.is_async,
                generics: raw.generics.clone(),
                marks,
                body: entry.file.map(|file| (file, entry.ordinal)),
                is_test: raw.is_test,
            };
            debug_assert_eq!(entry.id.0 as usize, self.base_fns + self.fns.len());
            self.fns.push(def);
            if let Some(file) = entry.file {
                self.file_fns.entry(file).or_default().push(entry.id);
            }
            match (
                &owner,
                &raw.in_trait,
                entry.impl_.as_ref().and_then(|r| r.trait_.as_ref()),
            ) {
                (Some(owner), _, None) => {
                    self.inherent
                        .entry(owner.clone())
                        .or_default()
                        .push(entry.id);
                }
                (None, Some(_), _) => {
                    if let Some(trait_path) = &trait_path {
                        self.trait_fns
                            .entry(trait_path.clone())
                            .or_default()
                            .push(entry.id);
                    }
                }
                (None, None, None) => {
                    // Of `#[cfg]` twins, the first one stands for the name.
                    self.values.entry(path).or_insert(ValueDef::Fn(entry.id));
                }
                _ => {}
            }
        }
    }

    /// Resolves a type written in module `module`, where `generics` are
    /// the generic parameters in scope and `self_ty` is what `Self` means.
    pub fn resolve_type(
        &self,
        module: ModId,
        ty: &TyExpr,
        generics: &[String],
        self_ty: Option<&Ty>,
    ) -> Ty {
        match ty {
            TyExpr::Path {
                global,
                segments,
                args,
                bindings,
            } => {
                if !global && segments.len() == 1 {
                    let name = segments[0].as_str();
                    if name == "Self" {
                        return self_ty.cloned().unwrap_or_default();
                    }
                    if generics.iter().any(|param| param == name) {
                        return Ty::param(name);
                    }
                }
                // `Self::Assoc`, `T::Output`: projections are not followed.
                if !global && segments.len() > 1 {
                    let first = segments[0].as_str();
                    if first == "Self" || generics.iter().any(|param| param == first) {
                        return Ty::Unknown;
                    }
                }
                let args: Vec<Ty> = args
                    .iter()
                    .map(|arg| self.resolve_type(module, arg, generics, self_ty))
                    .collect();
                match self.resolve_path(module, *global, segments, Ns::Type) {
                    Some(Res::Type(path)) => {
                        if let Some((params, target)) = self.alias(&path) {
                            let bound: Vec<(super::ty::Name, Ty)> = params
                                .iter()
                                .map(|param| super::ty::Name::from(param.as_str()))
                                .zip(args.iter().cloned())
                                .collect();
                            return target.substitute(&bound);
                        }
                        self.special(&path, args, bindings, module, generics, self_ty)
                    }
                    Some(Res::Primitive(name)) => Ty::named(name),
                    Some(Res::Extern(path)) => Ty::generic(&path, args),
                    // A name nothing declares: known by its spelling only
                    // (`?SpinGuard`), which the project's configuration may
                    // still recognise.
                    None => Ty::generic(&format!("?{}", segments.join("::")), args),
                    _ => Ty::Unknown,
                }
            }
            TyExpr::Ref(mutable, inner) => Ty::reference(
                *mutable,
                self.resolve_type(module, inner, generics, self_ty),
            ),
            TyExpr::Tuple(items) => Ty::tuple(
                items
                    .iter()
                    .map(|item| self.resolve_type(module, item, generics, self_ty))
                    .collect(),
            ),
            TyExpr::Slice(inner) => Ty::slice(self.resolve_type(module, inner, generics, self_ty)),
            TyExpr::Bounds(bounds) => {
                // `impl Future<Output = T>` and `impl FnOnce() -> T` read
                // as what they give; other bounds only name their traits.
                let mut traits = Vec::new();
                for bound in bounds {
                    match self.resolve_type(module, bound, generics, self_ty) {
                        callable @ (Ty::Future(_) | Ty::Fn(_)) => return callable,
                        Ty::Named(path, _) => traits.push(path),
                        _ => {}
                    }
                }
                Ty::Bounds(traits.into_iter().collect())
            }
            TyExpr::Fn(output) => {
                Ty::function(self.resolve_type(module, output, generics, self_ty))
            }
            TyExpr::Never => Ty::Never,
            TyExpr::Opaque => Ty::Unknown,
        }
    }

    /// A named type, with the few that read better in another shape.
    fn special(
        &self,
        path: &str,
        args: Vec<Ty>,
        bindings: &[(String, TyExpr)],
        module: ModId,
        generics: &[String],
        self_ty: Option<&Ty>,
    ) -> Ty {
        let output = || {
            bindings
                .iter()
                .find(|(name, _)| name == "Output")
                .map(|(_, ty)| self.resolve_type(module, ty, generics, self_ty))
                .unwrap_or_default()
        };
        match path {
            "std::future::Future" => Ty::future(output()),
            "std::ops::Fn" | "std::ops::FnMut" | "std::ops::FnOnce" => Ty::function(output()),
            _ => Ty::generic(path, args),
        }
    }

    /// Resolves a path written in module `module`.
    pub fn resolve_path(
        &self,
        module: ModId,
        global: bool,
        segments: &[String],
        ns: Ns,
    ) -> Option<Res> {
        let (first, rest) = segments.split_first()?;
        let last_ns = |index: usize| {
            if index + 1 == segments.len() {
                ns
            } else {
                Ns::Type
            }
        };
        let mut current = if global {
            Res::Module(self.extern_crate(first)?)
        } else {
            match first.as_str() {
                "crate" => Res::Module(self.module(module).crate_root),
                "self" => Res::Module(module),
                "super" => Res::Module(self.module(module).parent?),
                _ => self.lookup_first(module, first, last_ns(0), segments.len() == 1)?,
            }
        };
        for (offset, segment) in rest.iter().enumerate() {
            let index = offset + 1;
            current = match current {
                Res::Module(id) => match segment.as_str() {
                    "super" => Res::Module(self.module(id).parent?),
                    "self" => Res::Module(id),
                    _ => self.lookup_in(id, segment, last_ns(index))?,
                },
                Res::Type(path) => {
                    // `Enum::Variant`, `Type::new`: the rest names an associated item.
                    let assoc = Res::Assoc(path, segment.clone());
                    return (index + 1 == segments.len()).then_some(assoc);
                }
                Res::Extern(path) => Res::Extern(format!("{path}::{segment}")),
                Res::Primitive(name) => {
                    return (index + 1 == segments.len())
                        .then(|| Res::Assoc(name.to_owned(), segment.clone()));
                }
                Res::Value(_) | Res::Assoc(..) => return None,
            };
        }
        Some(current)
    }

    /// A crate by the name a path starts with.
    fn extern_crate(&self, name: &str) -> Option<ModId> {
        let name = match name {
            "core" | "alloc" => "std",
            other => other,
        };
        self.crate_root(name)
    }

    /// The first segment of a relative path: the module's own names, its
    /// globs, then extern crates, then the std prelude.
    fn lookup_first(&self, module: ModId, name: &str, ns: Ns, is_last: bool) -> Option<Res> {
        if let Some(found) = self.lookup_in(module, name, ns) {
            return Some(found);
        }
        if let Some(root) = self.extern_crate(name) {
            return Some(Res::Module(root));
        }
        if let Some(found) = prelude::lookup(name, ns) {
            return Some(found);
        }
        // A name nobody declares, followed by more segments, starts a path
        // into a crate the program does not model.
        (!is_last).then(|| Res::Extern(name.to_owned()))
    }

    /// A name inside a module: its items, its resolved imports, then what
    /// its globs bring (each module visited once).
    fn lookup_in(&self, module: ModId, name: &str, ns: Ns) -> Option<Res> {
        if let Some(found) = self.lookup_own(module, name, ns) {
            return Some(found);
        }
        let mut visited = Visited::default();
        visited.insert(module);
        self.lookup_globs(module, name, ns, &mut visited)
    }

    fn lookup_globs(
        &self,
        module: ModId,
        name: &str,
        ns: Ns,
        visited: &mut Visited,
    ) -> Option<Res> {
        for target in &self.module(module).glob_targets {
            match target {
                Res::Module(id) => {
                    if !visited.insert(*id) {
                        continue;
                    }
                    if let Some(found) = self.lookup_own(*id, name, ns) {
                        return Some(found);
                    }
                    if let Some(found) = self.lookup_globs(*id, name, ns, visited) {
                        return Some(found);
                    }
                }
                // `use Enum::*` brings the variants.
                Res::Type(path) => {
                    let variant = format!("{path}::{name}");
                    if self.value(&variant).is_some() {
                        return Some(Res::Value(variant));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// A module's own names: its items and the imports resolved so far.
    fn lookup_own(&self, module: ModId, name: &str, ns: Ns) -> Option<Res> {
        let m = self.module(module);
        match ns {
            Ns::Type => {
                if let Some(child) = m.children.get(name) {
                    return Some(Res::Module(*child));
                }
                if let Some(path) = m.types.get(name) {
                    return Some(Res::Type(path.clone()));
                }
            }
            Ns::Value => {
                if let Some(path) = m.values.get(name) {
                    return Some(Res::Value(path.clone()));
                }
            }
        }
        if let Some([as_type, as_value]) = m.resolved.get(name) {
            let found = match ns {
                Ns::Type => as_type.clone(),
                // A `use` binds every namespace the target has; a type
                // found when a value was wanted is still what it means.
                Ns::Value => as_value.clone().or_else(|| as_type.clone()),
            };
            if found.is_some() {
                return found;
            }
        }
        // A value path may name a type's associated item through a module
        // (`Type` as a value is its constructor).
        if ns == Ns::Value {
            if let Some(path) = m.types.get(name) {
                return Some(Res::Type(path.clone()));
            }
            if let Some(child) = m.children.get(name) {
                return Some(Res::Module(*child));
            }
        }
        None
    }

    /// Resolves the `use` bindings and globs of modules `from..` to a fixed
    /// point, as rustc's import resolution does: an import may need another
    /// resolved first, in any order across files. Later lookups never
    /// resolve an import again, so a lookup costs a few map reads.
    pub(crate) fn resolve_imports(&mut self, from: usize) {
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for index in from..self.base_modules + self.modules.len() {
                let id = ModId(index as u32);
                let imports: Vec<(String, Vec<Import>)> = self
                    .module(id)
                    .imports
                    .iter()
                    .map(|(name, imports)| (name.clone(), imports.clone()))
                    .collect();
                for (name, imports) in imports {
                    let known = self
                        .module(id)
                        .resolved
                        .get(&name)
                        .cloned()
                        .unwrap_or_default();
                    // A name found in one namespace is what the import
                    // brings: the other one rarely appears in later rounds,
                    // and asking again through every glob is what made
                    // linking the whole registry slow.
                    if known[0].is_some() || known[1].is_some() {
                        continue;
                    }
                    let mut found = known.clone();
                    for import in &imports {
                        // `use a::b` where `b` is `b` itself (`use tokio;`) resolves outside.
                        if found[0].is_none() {
                            found[0] = self.resolve_import_path(id, import, Ns::Type);
                        }
                        if found[1].is_none() {
                            found[1] = self.resolve_import_path(id, import, Ns::Value);
                        }
                    }
                    if found != known {
                        self.module_mut(id).resolved.insert(name, found);
                        changed = true;
                    }
                }
                // Globs still pending: resolved ones move to `glob_targets`.
                let pending = std::mem::take(&mut self.module_mut(id).globs);
                let mut still = Vec::new();
                for glob in pending {
                    match self.resolve_path(id, false, &glob, Ns::Type) {
                        Some(target @ (Res::Module(_) | Res::Type(_))) => {
                            self.module_mut(id).glob_targets.push(target);
                            changed = true;
                        }
                        _ => still.push(glob),
                    }
                }
                self.module_mut(id).globs = still;
            }
            if !changed {
                break;
            }
        }
    }

    fn resolve_import_path(&self, module: ModId, import: &Import, ns: Ns) -> Option<Res> {
        // An import never resolves to itself (`use foo::bar as bar;` in `foo`).
        self.resolve_path(module, import.global, &import.segments, ns)
    }
}

/// How many rounds import resolution runs before it stops: each round
/// resolves the imports whose targets the previous one found.
const MAX_ROUNDS: usize = 32;

struct PendingFn {
    id: FnId,
    raw: RawFn,
    file: Option<super::FileId>,
    ordinal: u32,
    impl_: Option<ResolvedImpl>,
}

#[derive(Clone)]
struct ResolvedImpl {
    self_ty: Ty,
    trait_: Option<String>,
    generics: Vec<(super::ty::Name, Option<usize>)>,
    assoc: Vec<(String, Ty)>,
    marks: super::FnMarks,
}

/// The modules a glob lookup has been through: a short list, and a set once
/// globs reach many modules (crates whose modules each `use super::*` and
/// re-export their children made a list quadratic).
#[derive(Default)]
struct Visited {
    few: Vec<ModId>,
    many: crate::hash::FxHashSet<ModId>,
}

impl Visited {
    const FEW: usize = 16;

    /// Adds `id`; false if it was there.
    fn insert(&mut self, id: ModId) -> bool {
        if self.few.len() < Self::FEW {
            if self.few.contains(&id) {
                return false;
            }
            self.few.push(id);
            return true;
        }
        !self.few.contains(&id) && self.many.insert(id)
    }
}
